"""When a kept lead story's time runs out, the scheduler's publish purges the
front page from every cache layer."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from tests.caching.test_invalidation import cached, fresh


def test_letting_go_of_the_lead_purges_the_front_page(
    client,
    page_cache,
    front_cache,
    newsroom,
    publish,
    django_capture_on_commit_callbacks,
):
    home = newsroom["home"]
    publish(
        home,
        lead_story=newsroom["older"],
        lead_story_until=timezone.now() + dt.timedelta(minutes=5),
    )
    assert "旧文章" in cached(client, "/")
    home.__class__.objects.filter(pk=home.pk).update(
        lead_story_until=timezone.now() - dt.timedelta(seconds=1)
    )
    front_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_lead_story", stdout=StringIO())
    fresh(client, "/")
    assert any(url.endswith("/") and url.count("/") == 3 for url in front_cache)
