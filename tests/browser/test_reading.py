import pytest
from django.core.management import call_command

from articles.models import ArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [360, 1280]


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server


@pytest.mark.parametrize("width", WIDTHS)
def test_article_page_fits_the_screen_without_sideways_scrolling(
    demo_site, browser_page, artifacts_dir, width
):
    article = ArticlePage.objects.live().filter(lead_image__isnull=False).first()
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(demo_site.url + article.url)

    assert (
        browser_page.locator("h1.article__title").inner_text().endswith(article.title)
    )
    scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width
    lead_image = browser_page.locator(".article__lead-image img")
    assert lead_image.evaluate("img => img.complete && img.naturalWidth > 0")
    browser_page.screenshot(path=artifacts_dir / f"article-{width}.png", full_page=True)


def test_copy_link_button_appears_with_javascript_and_wechat_qr_code_loads(
    demo_site, browser_page
):
    article = ArticlePage.objects.live().first()
    browser_page.goto(demo_site.url + article.url)

    assert browser_page.locator(".share-bar__copy-button").is_visible()
    browser_page.locator(".share-bar__wechat summary").click()
    qr_code = browser_page.locator(".share-bar__qr")
    qr_code.wait_for(state="visible")
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_fits_the_screen(demo_site, browser_page, artifacts_dir, width):
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(demo_site.url + "/")

    assert browser_page.locator(".article-list-item").count() > 0
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
    browser_page.screenshot(path=artifacts_dir / f"home-{width}.png", full_page=True)
