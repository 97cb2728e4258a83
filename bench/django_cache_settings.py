"""The comparator of bench/miss_hit_bench.py: the same project with Django's
own whole-page cache (UpdateCacheMiddleware / FetchFromCacheMiddleware) in
place of the project's page cache. Not for serving readers: a benchmark's
settings variant (DJANGO_SETTINGS_MODULE=django_cache_settings, with
bench/ on PYTHONPATH)."""

from newsroom.settings.production import *  # noqa: F403
from newsroom.settings.production import MIDDLEWARE

# The project's middleware stays (it still adds the public cache headers),
# with its own page cache off; Django's wraps the chain as its docs say.
PAGE_CACHE_ENABLED = False
MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *MIDDLEWARE,
    "django.middleware.cache.FetchFromCacheMiddleware",
]
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_SECONDS = 600
CACHE_MIDDLEWARE_KEY_PREFIX = "django-cache-middleware"
# UpdateCacheMiddleware keeps a response for its max-age: the project's
# pages say max-age=0 to browsers (nginx and the page cache are purged on
# publish, a browser is not), which Django reads as "do not cache". As a
# plain Django site would, let browsers keep the page as long as the cache.
PAGE_CACHE_BROWSER_SECONDS = CACHE_MIDDLEWARE_SECONDS
