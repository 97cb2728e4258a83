import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from security.cross_origin import cross_origin_protected


@cross_origin_protected
def form_view(request):
    return HttpResponse("stored")


def post(secure=False, **headers):
    request = RequestFactory().post(
        "/form/", {"a": "b"}, headers=headers, secure=secure
    )
    return form_view(request)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
    ],
)
def test_same_site_posts_are_accepted(headers):
    assert post(**headers).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {},  # no proof of origin at all: refused like a missing CSRF token
    ],
)
def test_cross_site_posts_are_refused_with_a_chinese_message(headers):
    response = post(**headers)
    assert response.status_code == 403
    assert "本站" in response.content.decode()


def test_no_csrf_token_is_needed():
    assert getattr(form_view, "csrf_exempt", False) is True


def test_a_post_without_origin_headers_passes_only_where_csrf_checks_are_off():
    request = RequestFactory().post("/form/", {"a": "b"})
    request._dont_enforce_csrf_checks = True  # what Django's test Client sets

    assert form_view(request).status_code == 200


def test_an_http_origin_is_refused_on_an_https_site():
    response = post(secure=True, Origin="http://testserver")

    assert response.status_code == 403
    assert "本站" in response.content.decode()


def test_the_sites_own_https_origin_is_accepted_on_an_https_site():
    assert post(secure=True, Origin="https://testserver").status_code == 200


@pytest.mark.parametrize(
    "origin", ["https://testserver:8443", "http://testserver.evil.example"]
)
def test_an_origin_must_match_the_host_and_port_exactly(origin):
    assert post(Origin=origin).status_code == 403


def test_a_trusted_origin_is_accepted_only_with_its_own_scheme(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.example.org"]

    assert post(secure=True, Origin="https://www.example.org").status_code == 200
    assert post(secure=True, Origin="http://www.example.org").status_code == 403
