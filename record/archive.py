"""Archiving: one entry in a page's record for one event.

    from record.archive import archive
    archive(article, Event.RETRACT, user)

stores what readers are shown of the page now (record/render.py), its
metadata (record/registry.py) and the hashes that chain it to the page's
previous entry (record/chain.py). Call it after the change, in the same
transaction: the page's row is locked meanwhile, so two events on one page
cannot both take the same place in its chain."""

import logging

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Page

from core.language import public_languages
from core.people import display_name
from record import chain, registry
from record.models import Entry, Event
from record.render import render_article

logger = logging.getLogger(__name__)


def base_metadata(page, status: int) -> dict:
    return {
        "page_id": page.pk,
        "url": page.get_full_url() or "",
        "title": page.title,
        "live": page.live,
        "status": status,
        "first_published_at": chain.utc_iso(page.first_published_at),
        "last_published_at": chain.utc_iso(page.last_published_at),
    }


def archive(page, event: str, user=None, *, revision=None) -> Entry:
    """Append an entry to the page's record for `event` (record.models.Event:
    publish, correction, retract, take_down, restore) caused by `user`
    (None: the system, e.g. scheduled publishing)."""
    event = Event(event)
    page = page.specific
    if user is not None and not user.is_authenticated:
        user = None
    with transaction.atomic():
        # One writer per page's chain at a time (the row lock waits for the
        # other transaction to end).
        Page.objects.select_for_update().filter(pk=page.pk).values("pk").first()
        previous = (
            Entry.objects.filter(page_id=page.pk)
            .order_by("-sequence")
            .only("sequence", "entry_sha256")
            .first()
        )
        # What readers were shown: in the public language, whatever the
        # admin language of the person whose action archives it.
        with translation.override(public_languages()[0]):
            status, html = render_article(page)
            metadata = {**base_metadata(page, status), **registry.metadata_for(page)}
        revision_id = revision.pk if revision is not None else page.live_revision_id
        entry = Entry(
            page_id=page.pk,
            sequence=previous.sequence + 1 if previous else 1,
            event=event,
            revision_id=revision_id,
            user_id=user.pk if user is not None else None,
            # Stored and hashed: data, not an interface string.
            user_name=display_name(user) if user is not None else "系统",
            status=status,
            html=html,
            metadata=chain.canonical_value(metadata),
            previous_sha256=previous.entry_sha256 if previous else "",
            created_at=timezone.now(),
        )
        entry.retained_until = entry.default_retained_until()
        entry.content_sha256 = chain.content_hash(entry.html, entry.metadata)
        entry.entry_sha256 = chain.entry_hash(entry)
        entry.save()
    return entry
