"""Alibaba Cloud CDN purges (caching/aliyun_cdn.py): the RPC signature
against Alibaba Cloud's published example, and RefreshObjectCaches calls to
a stand-in of its API on 127.0.0.1 that checks path, parameters and
signature the way the service does."""

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote

import pytest

from caching.aliyun_cdn import AliyunCdnBackend, signature, string_to_sign
from caching.models import PendingPurge
from tests.caching.standin import StandIn
from tests.newsroom.settings_probe import fresh_base_settings

pytestmark = pytest.mark.django_db

KEY_ID = "LTAI-test-key"
SECRET = "a-test-secret/with+odd=chars"


def test_the_signature_matches_alibaba_clouds_published_example():
    """The worked example of Alibaba Cloud's "signature mechanism" page
    (DescribeRegions, AccessKey testid / testsecret)."""
    params = {
        "TimeStamp": "2016-02-23T12:46:24Z",
        "Format": "XML",
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "Version": "2014-05-26",
        "SignatureVersion": "1.0",
    }
    assert string_to_sign("GET", params) == (
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
        "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-"
        "a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12"
        "%253A46%253A24Z%26Version%3D2014-05-26"
    )
    assert signature("testsecret", "GET", params) == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


def expected_signature(method, params) -> str:
    """The service's side, written out again from the published steps."""

    def encode(text):
        return quote(text, safe="~")

    pairs = sorted((k, v) for k, v in params.items() if k != "Signature")
    canonical = "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)
    to_sign = "&".join([method, encode("/"), encode(canonical)])
    key = (SECRET + "&").encode()
    return base64.b64encode(
        hmac.new(key, to_sign.encode(), hashlib.sha1).digest()
    ).decode()


class FakeAliyunCdn(StandIn):
    """RefreshObjectCaches as the service answers it: 400/403 JSON errors
    for a bad request or signature, a task id otherwise."""

    def __init__(self):
        super().__init__()
        self.calls = []
        self.nonces = set()
        self.refuse_with = None
        self.answer = self.refresh

    def refresh(self, request):
        def error(status, code):
            return status, json.dumps({"Code": code, "RequestId": "r"}).encode()

        if request.method != "POST" or request.path != "/":
            return error(404, "InvalidAction")
        if request.headers.get("Content-Type") != "application/x-www-form-urlencoded":
            return error(400, "InvalidContentType")
        params = dict(parse_qsl(request.body.decode(), keep_blank_values=True))
        self.calls.append(params)
        required = {
            "Action": "RefreshObjectCaches",
            "ObjectType": "File",
            "Format": "JSON",
            "Version": "2018-05-10",
            "AccessKeyId": KEY_ID,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
        }
        for name, value in required.items():
            if params.get(name) != value:
                return error(400, f"MissingParameter.{name}")
        stamp = datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ")
        if abs(stamp.replace(tzinfo=UTC) - datetime.now(UTC)) > timedelta(minutes=15):
            return error(400, "InvalidTimeStamp.Expired")
        if params["SignatureNonce"] in self.nonces:
            return error(400, "SignatureNonceUsed")
        self.nonces.add(params["SignatureNonce"])
        if params.get("Signature") != expected_signature("POST", params):
            return error(400, "SignatureDoesNotMatch")
        if self.refuse_with:
            return error(*self.refuse_with)
        task = json.dumps({"RefreshTaskId": "704222904", "RequestId": "r"})
        return 200, task.encode()

    def purged(self) -> list[str]:
        return [url for call in self.calls for url in call["ObjectPath"].split("\n")]


@pytest.fixture
def cdn():
    server = FakeAliyunCdn()
    yield server
    server.close()


def backend(endpoint, secret=SECRET) -> AliyunCdnBackend:
    return AliyunCdnBackend(
        {
            "ENDPOINT": endpoint + "/",
            "ACCESS_KEY_ID": KEY_ID,
            "ACCESS_KEY_SECRET": secret,
        }
    )


def test_urls_are_refreshed_in_one_signed_call(cdn):
    urls = [
        "https://news.example.cn/xueyu/tucao/",
        "https://news.example.cn/标签/民生/",
    ]

    backend(cdn.url).purge_batch(urls)

    assert len(cdn.calls) == 1
    assert cdn.purged() == [
        "https://news.example.cn/xueyu/tucao/",
        "https://news.example.cn/%E6%A0%87%E7%AD%BE/%E6%B0%91%E7%94%9F/",
    ]
    assert not PendingPurge.objects.exists()


def test_more_than_a_thousand_urls_take_several_calls(cdn):
    urls = [f"https://news.example.cn/a/{number}/" for number in range(1500)]
    backend(cdn.url).purge_batch(urls)
    assert [len(call["ObjectPath"].split("\n")) for call in cdn.calls] == [1000, 500]


def test_a_wrong_secret_is_refused_and_the_urls_are_queued(cdn, caplog):
    backend(cdn.url, secret="not-the-secret").purge_batch(["https://n.example.cn/x/"])

    row = PendingPurge.objects.get()
    assert row.url == "https://n.example.cn/x/"
    assert row.cache == f"aliyun-cdn {cdn.url.removeprefix('http://')}"
    assert "SignatureDoesNotMatch" in row.last_error
    assert "SignatureDoesNotMatch" in caplog.text


def test_a_refusal_such_as_the_daily_quota_is_queued(cdn):
    cdn.refuse_with = (400, "QuotaExceeded.Refresh")
    backend(cdn.url).purge_batch(["https://n.example.cn/y/"])
    assert "QuotaExceeded.Refresh" in PendingPurge.objects.get().last_error


def test_the_environment_wires_the_cdn_into_wagtails_frontend_cache(monkeypatch):
    monkeypatch.setenv("ALIYUN_CDN_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("ALIYUN_CDN_ACCESS_KEY_SECRET", SECRET)
    monkeypatch.setenv("ALIYUN_CDN_ENDPOINT", "https://cdn.aliyuncs.com/")
    caches = fresh_base_settings().WAGTAILFRONTENDCACHE
    assert caches["aliyun-cdn"] == {
        "BACKEND": "caching.aliyun_cdn.AliyunCdnBackend",
        "ENDPOINT": "https://cdn.aliyuncs.com/",
        "ACCESS_KEY_ID": KEY_ID,
        "ACCESS_KEY_SECRET": SECRET,
    }


def test_publishing_refreshes_the_article_on_the_cdn(settings, cdn, newsroom, publish):
    settings.WAGTAILFRONTENDCACHE = {
        "aliyun-cdn": {
            "BACKEND": "caching.aliyun_cdn.AliyunCdnBackend",
            "ENDPOINT": cdn.url + "/",
            "ACCESS_KEY_ID": KEY_ID,
            "ACCESS_KEY_SECRET": SECRET,
        }
    }
    article = newsroom["article"]
    publish(article, title="CDN 也要刷新")
    assert article.full_url in cdn.purged()
    assert not PendingPurge.objects.exists()
