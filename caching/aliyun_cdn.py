"""Alibaba Cloud CDN (阿里云 CDN) as a front cache: purges go to its
RefreshObjectCaches API, signed with the RPC signature (version 1.0,
HMAC-SHA1) as Alibaba Cloud publishes it:

    StringToSign = Method & percent("/") & percent(canonical query)
    Signature    = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))

where the canonical query is every parameter but Signature, sorted by name,
each name and value percent-encoded (RFC 3986: only A-Z a-z 0-9 - _ . ~
are left as they are) and joined with "=" and "&".

Wired in site/settings/base.py from ALIYUN_CDN_ACCESS_KEY_ID,
ALIYUN_CDN_ACCESS_KEY_SECRET and ALIYUN_CDN_ENDPOINT (docs/caching.md)."""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime
from http.client import HTTPException
from urllib.error import HTTPError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.encoding import iri_to_uri

from caching.backends import RetryingBackend

API_VERSION = "2018-05-10"
# RefreshObjectCaches takes at most 1,000 URLs a call.
URLS_PER_CALL = 1000


def percent(text: str) -> str:
    """Alibaba Cloud's percent-encoding: RFC 3986 unreserved characters stay,
    everything else (space as %20, "*" as %2A, "/" as %2F) is encoded."""
    return quote(str(text), safe="-_.~")


def string_to_sign(method: str, params: dict) -> str:
    canonical = "&".join(
        f"{percent(name)}={percent(value)}" for name, value in sorted(params.items())
    )
    return f"{method}&{percent('/')}&{percent(canonical)}"


def signature(secret: str, method: str, params: dict) -> str:
    digest = hmac.new(
        f"{secret}&".encode(),
        string_to_sign(method, params).encode(),
        hashlib.sha1,
    ).digest()
    return base64.b64encode(digest).decode()


def signed_params(
    key_id: str, secret: str, action: dict, *, method="POST", now=None, nonce=None
) -> dict:
    """The action's parameters with the common ones and the Signature."""
    params = {
        "Format": "JSON",
        "Version": API_VERSION,
        "AccessKeyId": key_id,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureVersion": "1.0",
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "Timestamp": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **action,
    }
    params["Signature"] = signature(secret, method, params)
    return params


class AliyunCdnBackend(RetryingBackend):
    """RefreshObjectCaches for the purged URLs (ObjectType File), up to
    1,000 a call; a refused or failed call queues its URLs for retry."""

    def __init__(self, params):
        super().__init__(params)
        self.endpoint = params.get("ENDPOINT") or "https://cdn.aliyuncs.com/"
        self.key_id = params.get("ACCESS_KEY_ID", "")
        self.secret = params.get("ACCESS_KEY_SECRET", "")
        if not (self.key_id and self.secret):
            raise ImproperlyConfigured(
                "The Alibaba Cloud CDN backend needs ACCESS_KEY_ID and "
                "ACCESS_KEY_SECRET (ALIYUN_CDN_ACCESS_KEY_ID / _SECRET)."
            )

    @property
    def retry_key(self) -> str:
        return f"aliyun-cdn {urlsplit(self.endpoint).netloc}"

    def send(self, urls):
        failed, error = [], ""
        for start in range(0, len(urls), URLS_PER_CALL):
            batch = urls[start : start + URLS_PER_CALL]
            problem = self.refresh(batch)
            if problem:
                failed += batch
                error = problem
        return failed, error

    def refresh(self, urls) -> str:
        """One RefreshObjectCaches call; the problem, or "" when it was taken."""
        params = signed_params(
            self.key_id,
            self.secret,
            {
                "Action": "RefreshObjectCaches",
                "ObjectPath": "\n".join(iri_to_uri(url) for url in urls),
                "ObjectType": "File",
            },
        )
        body = "&".join(f"{percent(k)}={percent(v)}" for k, v in params.items())
        request = Request(  # noqa: S310 - the endpoint comes from the settings
            self.endpoint,
            data=body.encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urlopen(request, timeout=settings.PURGE_TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except HTTPError as refused:
            try:
                detail = json.loads(refused.read() or b"{}")
            except ValueError:
                detail = {}
            return f"HTTP {refused.code} {detail.get('Code', refused.reason)}"
        except (OSError, HTTPException, ValueError) as away:
            return f"unreachable: {getattr(away, 'reason', away)}"
        if "RefreshTaskId" not in answer:
            return f"unexpected answer: {str(answer)[:200]}"
        return ""
