"""The settings of bench/comment_bench.py: production, with the two comment
limits a 30-second run of 100 verified readers on one article needs raised
(the defaults would refuse most of it by design). Not for serving readers:
a benchmark's settings variant (DJANGO_SETTINGS_MODULE=comment_bench_settings,
with bench/ on PYTHONPATH). bench/comment_bench.py prints these values."""

from newsroom.settings.production import *  # noqa: F403

# Production: 10 per address per 600 s. Each bench reader posts about once
# a second from an address of its own, for 30 s.
FEEDBACK_RATE_LIMIT_PER_IP = (1000, 600)
# Production: 120 per article per 3,600 s. Every bench reader posts to the
# same article.
FEEDBACK_RATE_LIMIT_PER_ARTICLE = (100_000, 3600)
