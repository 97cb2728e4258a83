"""The login throttle (django-axes) counting failures per limit key.

axes keeps a record per exact address (AXES_CLIENT_IP_CALLABLE is
security.client_ip.client_ip, which the records and the logs need as it
is), and counts the failures of the records that match the request's
lockout parameters. Its lockout parameters can only name the username,
the address or the user agent, not a key of our own, so this handler
(AXES_HANDLER) widens the one place axes selects the records to count,
filter_user_attempts(): an address matches every address with the same
security.ratelimit.limit_key(), so one IPv6 host, which owns a /64, gets
AXES_FAILURE_LIMIT failures in all, not that many per address."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt

from security.ratelimit import limit_key


class NetworkLockoutHandler(AxesDatabaseHandler):
    def filter_user_attempts(self, request, credentials=None):
        username = get_client_username(request, credentials)
        filters = get_client_parameters(
            username,
            request.axes_ip_address,
            request.axes_user_agent,
            request,
            credentials,
        )
        attempts = []
        for filter_kwargs in filters:
            same_key = same_key_addresses(filter_kwargs.get("ip_address"))
            if same_key is not None:
                del filter_kwargs["ip_address"]
                filter_kwargs["ip_address__in"] = same_key
            attempts.append(AccessAttempt.objects.filter(**filter_kwargs))
        return attempts


def same_key_addresses(address: str | None) -> list[str] | None:
    """The recorded addresses with the same limit key as `address`, and
    `address` itself; None if there is no address to group."""
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return None
    key = limit_key(str(parsed))
    if parsed.version == 4 or parsed.ipv4_mapped is not None:
        return [key, f"::ffff:{key}"]
    # The /64's addresses as the database writes them (compressed, lower
    # case) share their hextets up to the first zero one, which may become
    # "::": narrow the records by that, then compare the keys.
    hextets = ipaddress.ip_network(key).network_address.exploded.split(":")[:4]
    prefix = []
    for hextet in hextets:
        if int(hextet, 16) == 0:
            break
        prefix.append(f"{int(hextet, 16):x}")
    candidates = AccessAttempt.objects.filter(
        ip_address__startswith=":".join(prefix) + ":" if prefix else ""
    ).filter(ip_address__contains=":")
    recorded = {
        str(other)
        for other in candidates.values_list("ip_address", flat=True).distinct()
        if other and limit_key(str(other)) == key
    }
    return sorted(recorded | {str(parsed)})
