import pytest

QR_URL = "/share/qr.svg"


def test_qr_code_of_a_site_path_is_an_svg(client):
    response = client.get(QR_URL, {"url": "/some/path/"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_qr_code_of_an_absolute_url_on_this_site_is_an_svg(client):
    response = client.get(QR_URL, {"url": "http://testserver/some/path/"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"


def test_qr_code_can_be_cached_by_browsers_and_proxies(client):
    response = client.get(QR_URL, {"url": "/some/path/"})
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "//evil.example/phish/",
        "javascript:alert(1)",
        "/" + "a" * 600,
    ],
)
def test_qr_code_refuses_other_sites_and_oversized_urls(client, url):
    response = client.get(QR_URL, {"url": url})
    assert response.status_code == 400


def test_qr_code_without_url_is_a_bad_request(client):
    assert client.get(QR_URL).status_code == 400
    assert client.get(QR_URL, {"url": ""}).status_code == 400


def test_qr_code_only_answers_get(client):
    assert client.post(QR_URL, {"url": "/some/path/"}).status_code == 405
