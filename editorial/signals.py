from django.db.models.signals import post_save
from wagtail.signals import task_submitted

from articles.models import ColumnPage
from editorial.models import ReviewTaskState
from editorial.notifications import ReviewTaskSubmissionNotifier
from editorial.teams import ensure_column_team

review_task_submission_notifier = ReviewTaskSubmissionNotifier()


def column_saved(sender, instance, raw=False, **kwargs):
    """A new column gets its teams at once; a renamed one renames them."""
    if raw:
        return

    ensure_column_team(instance)


def connect():

    task_submitted.connect(
        review_task_submission_notifier,
        sender=ReviewTaskState,
        dispatch_uid="editorial_review_task_submitted_email",
    )
    post_save.connect(
        column_saved, sender=ColumnPage, dispatch_uid="editorial_column_teams"
    )
