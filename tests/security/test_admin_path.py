"""The admin may live at another path (WAGTAILADMIN_PATH): every middleware
that treats the admin apart follows it, rather than a hard-coded /admin/."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from caching import policy
from core.script_variant import COOKIE_NAME, TRADITIONAL, ScriptVariantMiddleware
from security.middleware import is_admin_path

SIMPLIFIED_HTML = "<p>群众办事</p>"


@pytest.fixture(autouse=True)
def _urls_loaded_before_the_override():
    """The URLconf mounts the admin when first imported: load it at the real
    path, or an override below would move the admin for every later test."""
    assert reverse("wagtailadmin_home") == "/admin/"


def through_script_variant(path):
    request = RequestFactory().get(path)
    request.COOKIES[COOKIE_NAME] = TRADITIONAL
    middleware = ScriptVariantMiddleware(
        lambda request: HttpResponse(SIMPLIFIED_HTML, content_type="text/html")
    )
    return middleware(request)


@override_settings(WAGTAILADMIN_PATH="redaktion/")
def test_the_traditional_cookie_leaves_a_custom_admin_path_unconverted():
    response = through_script_variant("/redaktion/pages/")

    assert response.content.decode() == SIMPLIFIED_HTML
    assert "Content-Language" not in response


@override_settings(WAGTAILADMIN_PATH="redaktion/")
def test_with_a_custom_admin_path_admin_is_an_ordinary_reader_path():
    response = through_script_variant("/admin/pages/")

    assert response.content.decode() == "<p>群眾辦事</p>"


@override_settings(WAGTAILADMIN_PATH="redaktion/")
def test_a_custom_admin_path_gets_the_admin_policy_and_second_factor():
    assert is_admin_path(RequestFactory().get("/redaktion/pages/"))
    assert not is_admin_path(RequestFactory().get("/admin/"))


@override_settings(WAGTAILADMIN_PATH="/redaktion")
def test_a_custom_admin_path_is_never_page_cached():
    assert policy.bypass_reason(RequestFactory().get("/redaktion/login/")) == "path"
    assert policy.bypass_reason(RequestFactory().get("/redaktionsblog/")) is None
