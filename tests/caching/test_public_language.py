"""Readers stay in Chinese: public pages are in the public language whatever
the browser's Accept-Language, and the page caches do not key on it; only
the admin follows the user's language (core/language.py)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from caching.backends import variant_headers
from caching.store import variant
from core.language import public_language
from tests.core.factories import UserFactory

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_a_public_page_is_chinese_for_an_english_browser(client, newsroom):
    response = client.get(newsroom["article"].url, **ENGLISH)

    assert response.status_code == 200
    assert response["Content-Language"] == "zh-hans"
    assert "Accept-Language" not in response.get("Vary", "")
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "吐槽" in html  # the feedback window, from a translated template


def test_the_traditional_toggle_still_converts_for_an_english_browser(client, newsroom):
    client.cookies["zh_script"] = "hant"
    response = client.get(newsroom["article"].url, **ENGLISH)

    assert response["Content-Language"] == "zh-Hant"
    assert '<html lang="zh-Hant">' in response.content.decode()


def test_english_and_chinese_browsers_share_one_cached_page(
    client, page_cache, newsroom
):
    url = newsroom["article"].url
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    second = client.get(url, **ENGLISH)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_one_public_language_means_one_purge_per_script(rf):
    assert variant_headers() == [{}, {"Cookie": "zh_script=hant"}]
    request = rf.get("/", **ENGLISH)
    assert variant(request) == "hans"
    assert public_language(request) == "zh-hans"


def test_a_second_public_language_is_negotiated_and_keyed(settings, rf):
    settings.PUBLIC_LANGUAGES = ["zh-hans", "en"]

    english = rf.get("/", **ENGLISH)
    chinese = rf.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert public_language(english) == "en"
    assert public_language(chinese) == "zh-hans"  # not public: the default
    assert variant(english) == "hans|en"
    assert variant(chinese) == "hans|zh-hans"
    assert len(variant_headers()) == 4
    assert {"Cookie": "zh_script=hant", "Accept-Language": "en"} in variant_headers()


def test_a_second_public_language_is_served_with_vary(settings, client, newsroom):
    settings.PUBLIC_LANGUAGES = ["zh-hans", "en"]
    response = client.get(newsroom["article"].url, **ENGLISH)

    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_the_admin_login_follows_the_browser(client):
    response = client.get(reverse("wagtailadmin_login"), **ENGLISH)

    assert response["Content-Language"] == "en"
    assert "Sign in" in response.content.decode()
    chinese = client.get(reverse("wagtailadmin_login"))
    assert "登录" in chinese.content.decode()


@pytest.mark.django_db
def test_the_admin_follows_the_users_language_not_the_browser(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert 'placeholder="Search all pages…"' in response.content.decode()
