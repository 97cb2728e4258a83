"""Alibaba Cloud SMS (短信服务, dysmsapi 2017-05-25 SendSms) through its
signed HTTP API: the RPC signature (version 1.0, HMAC-SHA1) over the sorted,
percent-encoded parameters, as the published SDKs compute it, so nothing
beyond the standard library is needed. READER_SMS_ALIYUN_ENDPOINT points
tests at a local stand-in server."""

import base64
import hashlib
import hmac
import json
import logging
import uuid
from datetime import UTC, datetime
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.conf import settings

from readers.sms import BaseBackend, SmsError

logger = logging.getLogger(__name__)
API_VERSION = "2017-05-25"
TIMEOUT = 10


def percent_encode(text: str) -> str:
    """RFC 3986 encoding as the API signs it (space %20, ~ kept)."""
    return quote(str(text), safe="~")


def sign(parameters: dict[str, str], secret: str, method: str = "GET") -> str:
    canonical = "&".join(
        f"{percent_encode(key)}={percent_encode(parameters[key])}"
        for key in sorted(parameters)
    )
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signed_parameters(phone: str, code: str, *, now=None, nonce=None) -> dict:
    """The query parameters of one SendSms request, Signature included."""
    now = now or datetime.now(UTC)
    parameters = {
        "AccessKeyId": settings.READER_SMS_ALIYUN_ACCESS_KEY_ID,
        "Action": "SendSms",
        "Format": "JSON",
        # Mainland numbers go without the country code.
        "PhoneNumbers": phone.removeprefix("+86"),
        "RegionId": settings.READER_SMS_ALIYUN_REGION,
        "SignName": settings.READER_SMS_ALIYUN_SIGN_NAME,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "SignatureVersion": "1.0",
        "TemplateCode": settings.READER_SMS_ALIYUN_TEMPLATE_CODE,
        "TemplateParam": json.dumps({"code": code}),
        "Timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Version": API_VERSION,
    }
    parameters["Signature"] = sign(
        parameters, settings.READER_SMS_ALIYUN_ACCESS_KEY_SECRET
    )
    return parameters


class AliyunSmsBackend(BaseBackend):
    def send_code(self, phone: str, code: str) -> None:
        url = settings.READER_SMS_ALIYUN_ENDPOINT
        if not url.startswith(("https://", "http://")):
            raise SmsError("READER_SMS_ALIYUN_ENDPOINT must be an http(s) URL")
        query = urlencode(signed_parameters(phone, code), quote_via=quote)
        request = Request(f"{url}?{query}", method="GET")  # noqa: S310
        try:
            with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read().decode())
        except (OSError, ValueError) as error:
            logger.warning("Aliyun SMS request failed: %s", error)
            raise SmsError(str(error)) from error
        if answer.get("Code") != "OK":
            logger.warning(
                "Aliyun SMS refused: %s %s", answer.get("Code"), answer.get("Message")
            )
            raise SmsError(answer.get("Code") or "unknown")
