"""Every feedback setting with its default, read when needed (never at import),
so tests can override any of them with `settings`."""

from django.conf import settings

DEFAULTS = {
    # The form
    "FEEDBACK_MESSAGE_MAX_LENGTH": 2000,
    "FEEDBACK_MIN_FILL_SECONDS": 3,
    "FEEDBACK_FORM_MAX_AGE": 2 * 24 * 3600,
    # Screening
    "FEEDBACK_RATE_LIMIT_ENABLED": True,
    "FEEDBACK_RATE_LIMIT_PER_IP": (10, 600),  # (requests, seconds)
    "FEEDBACK_RATE_LIMIT_PER_ARTICLE": (120, 3600),
    "FEEDBACK_LOOKUP_RATE_LIMIT_PER_IP": (30, 600),
    "FEEDBACK_REPORT_RATE_LIMIT_PER_IP": (10, 3600),
    "FEEDBACK_TRUSTED_PROXY_HEADER": "",  # e.g. "X-Forwarded-For"; empty: REMOTE_ADDR
    "FEEDBACK_TRUSTED_PROXIES": [],  # addresses or networks the header may come from
    "FEEDBACK_HOLD_LINK_COUNT": 2,
    "FEEDBACK_DUPLICATE_WINDOW": 24 * 3600,
    # Lifecycle
    "FEEDBACK_ACCEPT_WORKING_DAYS": 1,
    "FEEDBACK_REPLY_WORKING_DAYS": 5,
    "FEEDBACK_EXTRA_HOLIDAYS": [],  # ISO dates, e.g. regional holidays
    "FEEDBACK_EXTRA_WORKDAYS": [],  # ISO dates, e.g. a make-up working Saturday
    "FEEDBACK_AUTO_CLOSE_DAYS": 7,
    "FEEDBACK_MAX_REOPENS": 2,
    "FEEDBACK_SHOW_STAFF_NAMES": False,
    # Privacy
    "FEEDBACK_ERASE_CONTACT_DAYS": 30,
    "FEEDBACK_PURGE_SPAM_DAYS": 30,
    # Public pages
    "FEEDBACK_PUBLIC_PER_PAGE": 10,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
