"""Demo reader feedback in every state, so the queue, the article pages and
the public figures have something to show. Each item walks through the real
lifecycle steps on a clock set back to when they would have happened."""

import json
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from unittest import mock

from django.utils import timezone

from articles.models import ArticlePage
from core.people import display_name
from corrections import actions as corrections
from feedback import lifecycle
from feedback.admin_forms import default_role
from feedback.models import Feedback, FeedbackEvent, FeedbackReply, State
from feedback.screening import fingerprint
from feedback.tracking import new_token

DATA = Path(__file__).resolve().parent / "data" / "feedback.json"


@contextmanager
def _clock(moment):
    """Let the lifecycle stamp its steps (and deadlines) at `moment`."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _stamp(item, moment, since_event, since_reply):
    FeedbackEvent.objects.filter(feedback=item, pk__gt=since_event).update(
        created_at=moment
    )
    FeedbackReply.objects.filter(feedback=item, pk__gt=since_reply).update(
        created_at=moment
    )


def _last_pk(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def load_demo_feedback(users: dict) -> int:
    created = 0
    now = timezone.now()
    for entry in json.loads(DATA.read_text(encoding="utf-8")):
        if Feedback.objects.filter(tracking_code=entry["code"]).exists():
            continue
        article = ArticlePage.objects.filter(slug=entry["article"]).first()
        if article is None:
            continue
        moment = now - timedelta(days=entry["days_ago"], hours=2)
        item = Feedback(
            tracking_code=entry["code"],
            tracking_token=new_token(),
            article=article,
            column_id=article.get_parent().pk,
            article_title=article.title,
            kind=entry["kind"],
            message=entry["message"],
            display_name=entry["name"],
            contact=entry["contact"],
            consent_public=entry["consent"],
            fingerprint=fingerprint(entry["message"]),
            created_at=moment,
        )
        if entry.get("spam_reason"):
            item.state, item.screening = State.SPAM, Feedback.Screening.SPAM
            item.screening_reason = entry["spam_reason"]
            item.finished_at = moment
        with _clock(moment):
            lifecycle.set_initial_deadlines(item)
            item.save()
            lifecycle.record(
                item, "submit", by_submitter=True, to_state=State.SUBMITTED
            )
        _stamp(item, moment, 0, 0)
        for step in entry["steps"]:
            moment += timedelta(hours=step["after_hours"])
            since_event, since_reply = _last_pk(FeedbackEvent), _last_pk(FeedbackReply)
            with _clock(moment):
                _run(item, step, users)
            _stamp(item, moment, since_event, since_reply)
        created += 1
    return created


def _run(item, step, users):
    user = users.get(step.get("by"))
    action = step["do"]
    if action == "reply":
        lifecycle.reply(
            item, user, step["text"], display_name(user), default_role(user)
        )
    elif action == "assign":
        lifecycle.assign(item, user, users[step["to"]])
    elif action == "rate":
        lifecycle.rate(item, step["rating"], step.get("reason", ""))
    elif action == "correction":
        lifecycle.record_correction(item, user, None, step["note"])
        if step.get("approved_by"):
            corrections.approve(item.correction, users[step["approved_by"]])
    elif action == "note":
        lifecycle.add_note(item, user, step["text"])
    elif action in ("reject", "hide"):
        getattr(lifecycle, action)(item, user, step["reason"])
    else:
        getattr(lifecycle, action)(item, user)
