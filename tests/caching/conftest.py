import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.home.factories import get_home_page


@pytest.fixture
def page_cache(settings):
    """The page cache on, with the render cache under it (its fragments and
    values), as in production (tests run without either): each purge rule
    tested with it must show its change through both."""
    settings.PAGE_CACHE_ENABLED = True
    settings.RENDER_CACHE_ENABLED = True
    return settings


@pytest.fixture
def render_cached(settings):
    """The render cache on and the page cache off: every request renders."""
    settings.RENDER_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    return settings


@pytest.fixture
def newsroom(db):
    """A front page, a column with two articles by one author, an author index."""
    home = get_home_page()
    column = ColumnPageFactory(parent=home, title="雪域时评", slug="xueyu")
    AuthorIndexPageFactory(parent=home)
    author = AuthorFactory(name="陈鑫远", slug="chen")
    older = ArticlePageFactory(parent=column, title="旧文章", slug="older")
    article = ArticlePageFactory(
        parent=column,
        title="开好吐槽窗",
        slug="tucao",
        bylines=[("记者", author)],
        tags=["民生"],
    )
    return {
        "home": home,
        "column": column,
        "author": author,
        "older": older,
        "article": article,
    }


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page as the admin does; purges run when the change commits."""

    def publish(page, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return publish


FRONT_CACHE_PURGES = []


class RecordingFrontCache(BaseBackend):
    """Stands for nginx or a CDN: remembers every URL it is asked to purge."""

    def purge(self, url):
        FRONT_CACHE_PURGES.append(url)

    def purge_batch(self, urls):
        FRONT_CACHE_PURGES.extend(urls)


@pytest.fixture
def front_cache(settings):
    """Wagtail's frontend cache purging the page cache and a recording front
    cache; returns the URLs purged at the front."""
    FRONT_CACHE_PURGES.clear()
    settings.WAGTAILFRONTENDCACHE = {
        "pages": {"BACKEND": "caching.backends.DjangoPageCacheBackend"},
        "front": {"BACKEND": f"{__name__}.RecordingFrontCache"},
    }
    return FRONT_CACHE_PURGES
