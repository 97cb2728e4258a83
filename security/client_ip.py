"""The client's IP address, for rate limits and abuse reports.

Behind a reverse proxy every request comes from the proxy, and the client's
address is in a header the proxy sets (X-Forwarded-For). Any client can send
that header too, so it is only believed when settings name it
(TRUSTED_PROXY_HEADER) and, if TRUSTED_PROXIES lists the proxies, only
when the request really came from one of them.

The address is exact (it also feeds the login throttle's records and the
logs); per-address limits group it themselves (security/ratelimit.py)."""

import ipaddress
import warnings

from django.conf import settings


def _setting(name: str):
    """TRUSTED_PROXY_HEADER / TRUSTED_PROXIES, or their deprecated
    FEEDBACK_-prefixed names where a settings module still sets those."""
    old = f"FEEDBACK_{name}"
    if hasattr(settings, old):
        warnings.warn(
            f"The setting {old} is deprecated: use {name} instead.",
            DeprecationWarning,
            stacklevel=3,
        )
        return getattr(settings, old)
    return getattr(settings, name)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _networks():
    return [
        ipaddress.ip_network(item, strict=False) for item in _setting("TRUSTED_PROXIES")
    ]


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def _meta_key(header: str) -> str:
    header = header.upper().replace("-", "_")
    return header if header.startswith("HTTP_") else f"HTTP_{header}"


def client_ip(request) -> str:
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or ipaddress.ip_address(
        "0.0.0.0"  # noqa: S104 - a placeholder address, nothing listens on it
    )
    header = _setting("TRUSTED_PROXY_HEADER")
    if not header:
        return str(remote)
    networks = _networks()
    if networks and not _is_trusted(remote, networks):
        return str(remote)
    # "client, proxy1, proxy2": the right-most address that is not one of our
    # proxies is the client as far as we can vouch for it.
    chain = [
        _parse(part) for part in request.META.get(_meta_key(header), "").split(",")
    ]
    for address in reversed(chain):
        if address is None:
            break
        if not _is_trusted(address, networks):
            return str(address)
    return str(remote)
