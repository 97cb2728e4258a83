"""Chinese typography of the reader pages, in both scripts, at phone and
desktop widths; screenshots are kept as test artifacts."""

import pytest
from django.core.management import call_command

from articles.models import ArticlePage, Author

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Elements that must never break inside: one line box each.
UNBROKEN = "time, .nowrap, .tracking-code"
BROKEN_INSIDE = """(selector) => [...document.querySelectorAll(selector)]
    .filter((element) => element.offsetParent !== null)
    .filter((element) => {
        const rects = [...element.getClientRects()];
        return new Set(rects.map((rect) => Math.round(rect.top))).size > 1;
    })
    .map((element) => element.textContent.trim())"""
LAST_LINE_CHARACTERS = """(selector) => [...document.querySelectorAll(selector)]
    .filter((element) => element.offsetParent !== null)
    .map((element) => {
        const range = document.createRange();
        const text = element.textContent;
        const tops = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            for (let i = 0; i < node.length; i++) {
                if (!node.data[i].trim()) continue;
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getBoundingClientRect();
                if (rect.width) tops.push(Math.round(rect.top));
            }
        }
        const last = Math.max(...tops);
        const lines = new Set(tops).size;
        return [text.trim(), lines, tops.filter((top) => top === last).length];
    })"""


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server


def pages():
    article = ArticlePage.objects.live().filter(lead_image__isnull=False).first()
    plain = ArticlePage.objects.live().filter(lead_image__isnull=True).first()
    author = Author.objects.filter(bylines__isnull=False).first()
    return {
        "front": "/",
        "article": article.url,
        "article-no-image": plain.url,
        "author": f"/authors/{author.slug}/",
        "figures": "/feedback/figures/",
    }


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("width", [390, 1280])
def test_dates_names_and_headings_hold_together(
    demo_site, browser_page, artifacts_dir, width, script
):
    if script == "hant":
        browser_page.context.add_cookies(
            [{"name": "zh_script", "value": "hant", "url": demo_site.url}]
        )
    browser_page.set_viewport_size({"width": width, "height": 900})
    for name, path in pages().items():
        browser_page.goto(demo_site.url + path)
        assert browser_page.evaluate(BROKEN_INSIDE, UNBROKEN) == [], name
        for text, lines, last in browser_page.evaluate(
            LAST_LINE_CHARACTERS, "h1, h2, h3"
        ):
            assert lines == 1 or last > 1, f"{name}: {text!r} ends on one character"
        browser_page.screenshot(
            path=artifacts_dir / f"typography-{name}-{script}-{width}.png",
            full_page=True,
        )


def test_traditional_pages_use_traditional_fonts(demo_site, browser_page):
    browser_page.context.add_cookies(
        [{"name": "zh_script", "value": "hant", "url": demo_site.url}]
    )
    browser_page.goto(demo_site.url + "/")
    font = browser_page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK TC" in font
    assert "SC" not in font
    browser_page.context.clear_cookies()
    browser_page.goto(demo_site.url + "/")
    font = browser_page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK SC" in font


def test_quote_attribution_is_upright(demo_site, browser_page):
    article = next(
        page
        for page in ArticlePage.objects.live()
        if any(block.block_type == "quote" for block in page.body)
    )
    browser_page.goto(demo_site.url + article.url)
    style = browser_page.evaluate(
        "getComputedStyle(document.querySelector('.quote__cite')).fontStyle"
    )
    assert style == "normal"
