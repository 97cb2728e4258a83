"""The Alibaba Cloud SMS adapter against a local stand-in that checks the
signature and the fields it receives. No real provider is called."""

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from readers import aliyun
from readers.sms import SmsError
from readers.verification import Refused, send_code
from tests.caching.standin import StandIn

SECRET = "testsecret"


@pytest.fixture
def provider(settings):
    stand_in = StandIn()
    received = []

    def answer(recorded):
        query = dict(parse_qsl(urlsplit(recorded.path).query, keep_blank_values=True))
        received.append(query)
        signature = query.pop("Signature", "")
        if signature != aliyun.sign(query, SECRET):
            return 400, json.dumps({"Code": "SignatureDoesNotMatch"}).encode()
        return 200, json.dumps(
            {"Code": "OK", "Message": "OK", "BizId": "1", "RequestId": "r"}
        ).encode()

    stand_in.answer = answer
    settings.READER_SMS_BACKEND = "readers.aliyun.AliyunSmsBackend"
    settings.READER_SMS_ALIYUN_ACCESS_KEY_ID = "testid"
    settings.READER_SMS_ALIYUN_ACCESS_KEY_SECRET = SECRET
    settings.READER_SMS_ALIYUN_SIGN_NAME = "时评网"
    settings.READER_SMS_ALIYUN_TEMPLATE_CODE = "SMS_123456"
    settings.READER_SMS_ALIYUN_ENDPOINT = stand_in.url + "/"
    yield received, settings
    stand_in.close()


def test_signature_matches_the_published_example():
    """The worked example of Alibaba Cloud's RPC signature documentation
    (secret "testsecret", the DescribeRegions call)."""
    parameters = {
        "AccessKeyId": "testid",
        "Action": "DescribeRegions",
        "Format": "XML",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z",
        "Version": "2014-05-26",
    }
    assert aliyun.sign(parameters, "testsecret") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


@pytest.mark.django_db
def test_code_is_sent_with_a_valid_signature_and_the_right_fields(provider):
    received, _settings = provider
    send_code("+8613800138000", "203.0.113.1")
    (query,) = received
    assert query["Action"] == "SendSms" and query["Version"] == "2017-05-25"
    assert query["PhoneNumbers"] == "13800138000"
    assert query["SignName"] == "时评网" and query["TemplateCode"] == "SMS_123456"
    code = json.loads(query["TemplateParam"])["code"]
    assert len(code) == 6 and code.isdigit()
    assert query["AccessKeyId"] == "testid"
    assert query["SignatureMethod"] == "HMAC-SHA1" and query["SignatureNonce"]


@pytest.mark.django_db
def test_a_wrong_secret_is_refused_by_the_provider_and_told_to_the_reader(provider):
    _received, settings = provider
    settings.READER_SMS_ALIYUN_ACCESS_KEY_SECRET = "wrong"
    with pytest.raises(SmsError):
        aliyun.AliyunSmsBackend().send_code("+8613800138000", "123456")
    with pytest.raises(Refused, match="短信暂时发送失败"):
        send_code("+8613800138000", "203.0.113.1")


def test_unreachable_provider_is_an_sms_error(settings):
    settings.READER_SMS_ALIYUN_ENDPOINT = "http://127.0.0.1:9/"
    with pytest.raises(SmsError):
        aliyun.AliyunSmsBackend().send_code("+8613800138000", "123456")
