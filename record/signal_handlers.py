"""Every publication of a recorded page (record/registry.py) is archived."""

import logging

from wagtail.log_actions import get_active_log_context
from wagtail.signals import page_published

from record import registry
from record.archive import archive
from record.models import Event

logger = logging.getLogger(__name__)


def page_published_handler(sender, instance, revision=None, **kwargs):
    """Archived in the publishing transaction, as the publisher (Wagtail's
    log context: the admin user; none for the scheduler). A failure is
    logged, not raised: the page is live by now, and `verify_record` lists a
    live page whose live revision has no entry (`--archive-missing`)."""
    if not registry.is_recorded(instance):
        return
    try:
        archive(
            instance, Event.PUBLISH, get_active_log_context().user, revision=revision
        )
    except Exception:
        logger.exception("Could not archive page %s for the record", instance.pk)


def connect() -> None:
    page_published.connect(page_published_handler, dispatch_uid="record.published")
