from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError

pytestmark = pytest.mark.django_db

FIND_SITE = "wagtail.models.Site.find_for_request"


@pytest.fixture
def outage_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_lost_database_answers_a_503_page_in_chinese(outage_client, error):
    with mock.patch(FIND_SITE, side_effect=error("server closed the connection")):
        response = outage_client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "网站暂时无法访问" in html
    assert "css/site.css" in html
    assert "没有保存" not in html


def test_a_form_posted_during_an_outage_is_told_it_was_not_saved(outage_client):
    with mock.patch(FIND_SITE, side_effect=OperationalError("connection refused")):
        response = outage_client.post("/", {"message": "你好"})

    assert response.status_code == 503
    assert "没有保存" in response.content.decode()


def test_other_errors_stay_500s(outage_client):
    with mock.patch(FIND_SITE, side_effect=ValueError("a bug")):
        response = outage_client.get("/")

    assert response.status_code == 500
    assert "服务器暂时出错" in response.content.decode()
