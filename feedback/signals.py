"""A comment or an official reply shown under an article, or taken down:
tell the caches the article changed (core/purging.py content_changed). New
submissions are not public yet and change nothing a reader sees."""

from django.db.models.signals import post_delete, post_save

from core.purging import content_changed
from feedback.models import Feedback, FeedbackReply


def item_changed(sender, instance, created=False, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata (restore_site) clears the caches when it is done
    item = getattr(instance, "feedback", instance)
    if created and sender is Feedback and not item.is_public:
        return
    if item.article_id is not None:
        content_changed.send(sender=sender, page_id=item.article_id)


def connect() -> None:
    for model in (Feedback, FeedbackReply):
        post_save.connect(item_changed, sender=model, dispatch_uid=f"{model}.saved")
        post_delete.connect(item_changed, sender=model, dispatch_uid=f"{model}.deleted")
