"""The verified reader's own signed cookie (READER_COOKIE_NAME), 30 days.

Not Django's session: the page cache and nginx give a request carrying
`sessionid` a page of its own, and articles must stay one cached page for
every reader. Nothing on a cached page reads this cookie; only the views
under /readers/ and the feedback form's POST do."""

from django.conf import settings
from django.core import signing

from readers.models import Reader

SALT = "readers.cookie"


def current_reader(request) -> Reader | None:
    """The signed-in, active reader, or None (no, expired or forged cookie,
    or signed out since)."""
    if hasattr(request, "_reader"):
        return request._reader
    reader = None
    try:
        value = request.get_signed_cookie(
            settings.READER_COOKIE_NAME, salt=SALT, max_age=settings.READER_COOKIE_AGE
        )
    except (KeyError, signing.BadSignature):
        value = None
    if value and ":" in value:
        pk, session_key = value.split(":", 1)
        if pk.isdigit():
            reader = Reader.objects.filter(
                pk=int(pk), session_key=session_key, is_active=True
            ).first()
    request._reader = reader
    return reader


def sign_in(response, reader: Reader) -> None:
    response.set_signed_cookie(
        settings.READER_COOKIE_NAME,
        f"{reader.pk}:{reader.session_key}",
        salt=SALT,
        max_age=settings.READER_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def sign_out(request, response) -> None:
    """Forget the cookie here, and make every copy of it useless."""
    reader = current_reader(request)
    if reader is not None:
        reader.session_key = Reader._meta.get_field("session_key").default()
        reader.save(update_fields=["session_key"])
    response.delete_cookie(settings.READER_COOKIE_NAME, samesite="Lax")
