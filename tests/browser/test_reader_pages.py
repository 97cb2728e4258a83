import pytest
from django.core.management import call_command

from articles.models import ArticlePage, ColumnPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server


@pytest.mark.parametrize("width", [360, 1280])
def test_reader_pages_fit_the_screen_without_sideways_scrolling(
    demo_site, browser_page, artifacts_dir, width
):
    article = ArticlePage.objects.live().filter(lead_image__isnull=False).first()
    pages = {
        "front": ("/", ".lead-story__title"),
        "column": (ColumnPage.objects.live().first().url, ".article-list-item"),
        "article": (article.url, "h1.article__title"),
        "search": ("/search/?q=吐槽窗口", ".article-list-item mark"),
    }
    browser_page.set_viewport_size({"width": width, "height": 900})
    for name, (path, landmark) in pages.items():
        browser_page.goto(demo_site.url + path)
        assert browser_page.locator(landmark).count() > 0, name
        scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} is {scroll_width}px wide"
        browser_page.screenshot(
            path=artifacts_dir / f"reader-{name}-{width}.png", full_page=True
        )


def test_header_search_and_script_toggle_work_in_the_browser(demo_site, browser_page):
    browser_page.goto(demo_site.url + "/")
    browser_page.fill("#site-search-input", "群眾")
    browser_page.press("#site-search-input", "Enter")
    browser_page.wait_for_url("**/search/?q=*")
    assert browser_page.locator(".article-list-item").count() > 0

    browser_page.click(".script-toggle a")
    browser_page.wait_for_load_state()
    assert browser_page.evaluate("document.documentElement.lang") == "zh-Hant"
    assert "/search/" in browser_page.url
    browser_page.goto(demo_site.url + "/")
    assert browser_page.evaluate("document.documentElement.lang") == "zh-Hant"
