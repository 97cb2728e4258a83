"""A comment or an official reply shown under an article, or taken down:
tell the caches the article changed (core/purging.py content_changed). New
submissions are not public yet and change nothing a reader sees; neither
does a report (only its count is saved) or a like (no item saved at all).

A staff step in an item's history decides the readers' pending reports on
it (feedback/reports.py)."""

from django.db.models.signals import post_delete, post_save

from core.purging import content_changed
from feedback.models import Feedback, FeedbackEvent, FeedbackReply
from feedback.reports import resolve_reports

# Saving only these fields changes nothing under the article.
UNSEEN_FIELDS = frozenset({"report_count"})


def item_changed(sender, instance, created=False, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata (restore_site) clears the caches when it is done
    item = getattr(instance, "feedback", instance)
    if created and sender is Feedback and not item.is_public:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= UNSEEN_FIELDS:
        return
    if item.article_id is not None:
        content_changed.send(sender=sender, page_id=item.article_id)


def step_recorded(sender, instance, created=False, **kwargs):
    if not created or kwargs.get("raw") or instance.actor_id is None:
        return
    resolve_reports(instance.feedback, instance.action, instance.actor)


def connect() -> None:
    for model in (Feedback, FeedbackReply):
        post_save.connect(item_changed, sender=model, dispatch_uid=f"{model}.saved")
        post_delete.connect(item_changed, sender=model, dispatch_uid=f"{model}.deleted")
    post_save.connect(
        step_recorded, sender=FeedbackEvent, dispatch_uid="feedback.step_recorded"
    )
