"""IP属地: the province (mainland China) or country of an address, from an
offline ip2region database, never over the network. Resolved once, when an
item is submitted, and stored with it."""

import ipaddress
import logging
import threading

from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_searchers: dict[str, object] = {}

# "广西壮族自治区" → "广西": the short names people use.
_SUFFIXES = (  # longest first
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "自治区",
    "特别行政区",
    "省",
    "市",
)
MAINLAND = "中国"
SPECIAL = ("香港", "澳门", "台湾")


def database_path() -> str:
    if settings.IP_REGION_DATABASE:
        return settings.IP_REGION_DATABASE
    from XdbSearchIP.xdbSearcher import dbPath

    return dbPath


def _searcher():
    path = database_path()
    with _lock:
        if path not in _searchers:
            from XdbSearchIP.xdbSearcher import XdbSearcher

            with open(path, "rb") as f:
                _searchers[path] = XdbSearcher(contentBuff=f.read())
        return _searchers[path]


# The field's name where an item stores it (feedback.Feedback.ip_region).
VERBOSE_NAME = _("IP region")

# Stored with the item like the region names the database gives, which are
# Chinese data, not interface strings.
UNKNOWN = "未知"


def unknown() -> str:
    return UNKNOWN


def short_province(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def region_of(ip: str | None) -> str:
    """The province for a mainland address (广东), 香港 / 澳门 / 台湾, the
    country elsewhere (美国), 未知 for private, reserved and IPv6 addresses
    (the database covers IPv4 only) and anything not found."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return unknown()
    if address.version == 6:
        if address.ipv4_mapped is None:
            return unknown()
        address = address.ipv4_mapped
    if not address.is_global:
        return unknown()
    try:
        found = _searcher().searchByIPLong(int(address))
    except (OSError, ValueError, IndexError) as error:
        logger.warning("IP region lookup failed for %s: %s", address, error)
        return unknown()
    # 国家|区域|省份|城市|ISP ("0" where unknown)
    parts = (found or "").split("|")
    country = parts[0] if parts and parts[0] != "0" else ""
    province = parts[2] if len(parts) > 2 and parts[2] not in ("0", "") else ""
    if country == MAINLAND:
        if province and province not in ("内网IP",):
            return short_province(province)
        return unknown()
    if country in SPECIAL:
        return country
    if country and country != "内网IP":
        return country
    return unknown()
