import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _clear_caches():
    """Wagtail caches renditions and site root paths, and on SQLite an id can
    come back after a rolled-back test: start every test with empty caches."""
    for cache in caches.all():
        cache.clear()
