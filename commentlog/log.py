"""Writing the comment log: `record(action, ...)` is the only entry point.

    from commentlog import log
    log.record(log.Action.VERIFY, ip=ip, reader=reader, detail={"last4": "1234"})

`reader`, `item`, `article` and `user` may be objects (their pk is taken) or
plain ids. `content` is hashed (SHA-256 of its UTF-8), never stored. A row
is written in the caller's transaction: an event rolled back leaves no row."""

import hashlib

from .models import Action, CommentLogEntry

__all__ = ["Action", "content_sha256", "record"]


def content_sha256(content: str) -> str:
    if not content:
        return ""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def _id(value):
    if value is None:
        return None
    return getattr(value, "pk", value)


def _user_name(user) -> str:
    if user is None or not hasattr(user, "get_username"):
        return ""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return (name or user.get_username())[:150]


def record(
    action,
    *,
    ip=None,
    reader=None,
    item=None,
    article=None,
    user=None,
    step="",
    content="",
    detail=None,
) -> CommentLogEntry:
    """Append one row to the comment log and return it."""
    if article is None and item is not None and hasattr(item, "article_id"):
        article = item.article_id
    if reader is None and item is not None and hasattr(item, "reader_id"):
        reader = item.reader_id
    return CommentLogEntry.objects.create(
        action=str(action),
        step=str(step)[:40],
        reader_id=_id(reader),
        item_id=_id(item),
        article_id=_id(article),
        ip_address=ip or None,
        user_id=_id(user) if getattr(user, "is_authenticated", True) else None,
        user_name=_user_name(user) if user is not None else "",
        content_sha256=content_sha256(content),
        detail=detail or {},
    )
