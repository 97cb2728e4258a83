import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/healthz"])
def test_every_public_response_carries_the_security_headers(client, path):
    response = client.get(path)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_forbid_inline_and_foreign_scripts_and_framing(client):
    policy = directives(client.get("/"))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_gets_its_own_policy_and_still_works(client):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "x")
    client.force_login(admin)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("http" in source for source in policy["script-src"])


def test_the_admin_login_page_renders_under_the_admin_policy(client):
    response = client.get(reverse("wagtailadmin_login"))

    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response)["script-src"]


def test_public_templates_carry_no_inline_script(client):
    from security.integrity import DATA_SCRIPT_TYPES, scan
    from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
    from tests.home.factories import get_home_page

    column = ColumnPageFactory(parent=get_home_page())
    article = ArticlePageFactory(parent=column)

    for url in ["/", column.url, article.url, "/no-such-page/"]:
        page = scan(client.get(url).content.decode())
        assert page.scripts, "the share script at least"
        for script in page.scripts:
            assert script["src"] or script["type"] in DATA_SCRIPT_TYPES, script
        assert page.event_handlers == []


def test_a_preview_may_be_framed_by_the_admin_but_nothing_else(client):
    from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
    from tests.articles.form_data import article_form_data
    from tests.home.factories import get_home_page

    column = ColumnPageFactory(parent=get_home_page())
    article = ArticlePageFactory(parent=column, slug="preview-me")
    client.force_login(
        get_user_model().objects.create_superuser("boss", "boss@example.com", "x")
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    client.post(url, article_form_data("预览标题", "preview-me"))

    response = client.get(url)

    assert "预览标题" in response.content.decode()
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_admin_can_live_at_another_path():
    from tests.ops.production import production_env, run_manage

    probe = (
        "from django.test import RequestFactory; from django.urls import resolve, "
        "reverse; from security.middleware import is_admin_path; "
        "rf = RequestFactory(); "
        "print(reverse('wagtailadmin_home'), resolve('/admin/').url_name, "
        "is_admin_path(rf.get('/redaktion/pages/')), is_admin_path(rf.get('/admin/')))"
    )

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        env=production_env(WAGTAILADMIN_PATH="redaktion"),
    )

    assert result.returncode == 0, result.stderr
    home, old_path, new_is_admin, old_is_admin = result.stdout.split()
    assert home == "/redaktion/"
    assert old_path != "wagtailadmin_home"
    assert (new_is_admin, old_is_admin) == ("True", "False")
