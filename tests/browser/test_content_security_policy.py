"""The two Content-Security-Policies in a real browser: public pages work
with no inline script allowed, and the Wagtail admin still works under its
own, looser policy."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import ArticlePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long and correct password"


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server


@pytest.fixture
def violations(browser_page):
    """Every CSP violation and uncaught script error the page reports."""
    found = []
    browser_page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    browser_page.on("pageerror", lambda error: found.append(str(error)))
    return found


def sign_in_as_superuser(browser_page, site):
    get_user_model().objects.create_superuser("boss", "boss@example.com", PASSWORD)
    browser_page.goto(site.url + "/admin/login/")
    browser_page.fill("#id_username", "boss")
    browser_page.fill("#id_password", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")


def test_public_pages_run_their_script_under_the_strict_policy(
    demo_site, browser_page, violations
):
    article = ArticlePage.objects.live().first()

    response = browser_page.goto(demo_site.url + article.url)

    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert browser_page.locator(".share-bar__copy-button").is_visible()
    browser_page.goto(demo_site.url + "/")
    assert violations == []


def test_the_admin_editor_works_under_the_admin_policy(
    demo_site, browser_page, violations, artifacts_dir
):
    sign_in_as_superuser(browser_page, demo_site)
    article = ArticlePage.objects.live().first()

    browser_page.goto(demo_site.url + f"/admin/pages/{article.pk}/edit/")

    browser_page.locator(".Draftail-Editor").first.wait_for(state="visible")
    assert browser_page.locator("#id_title").input_value() == article.title
    browser_page.fill("#id_title", article.title + "(修订)")
    browser_page.get_by_role("button", name="保存草稿").click()
    browser_page.locator(".messages .success").wait_for(state="visible")
    article.refresh_from_db()
    assert article.get_latest_revision().as_object().title.endswith("(修订)")

    browser_page.get_by_role("button", name="预览").click()
    preview = browser_page.frame_locator("iframe#w-preview-iframe")
    preview.locator("h1.article__title").wait_for(state="visible")
    assert "(修订)" in preview.locator("h1.article__title").inner_text()
    browser_page.screenshot(path=artifacts_dir / "admin-editor-under-csp.png")
    assert violations == []

    browser_page.goto(demo_site.url + "/admin/two-factor/")
    qr_code = browser_page.locator("img[alt='身份验证器二维码']")
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0")
    browser_page.screenshot(path=artifacts_dir / "two-factor-setup.png", full_page=True)
    assert violations == []
    # Leave the admin while the live server still has its database: the
    # editor releases its editing session on unload.
    browser_page.goto("about:blank")
    browser_page.wait_for_timeout(500)


def test_editors_get_a_working_userbar_on_public_pages(
    demo_site, browser_page, violations, artifacts_dir
):
    sign_in_as_superuser(browser_page, demo_site)
    article = ArticlePage.objects.live().first()

    browser_page.goto(demo_site.url + article.url)

    trigger = browser_page.locator("wagtail-userbar").locator("button").first
    trigger.click()
    browser_page.locator("wagtail-userbar").get_by_role("menuitem").first.wait_for(
        state="visible"
    )
    browser_page.screenshot(path=artifacts_dir / "userbar-under-csp.png")
    assert violations == []
