"""A reader's 纠错 that led to a change is a correction (corrections/): one
home for corrections. Each correction note kept on a feedback item becomes
an approved Correction of its article, at the time the note was recorded
(the item's "correction" event; else when it was last replied to, finished
or sent), numbered per article in that order, and the item links to it.
An item whose article is gone keeps its note in its history (the
"correction" event's reason)."""

import django.db.models.deletion
from django.db import migrations, models


def note_time(item, events):
    event = (
        events.filter(feedback_id=item.pk, action="correction")
        .order_by("-created_at", "-pk")
        .first()
    )
    if event is not None:
        return event.created_at, event.actor_id
    return item.replied_at or item.finished_at or item.created_at, None


def notes_to_corrections(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    FeedbackEvent = apps.get_model("feedback", "FeedbackEvent")
    Correction = apps.get_model("corrections", "Correction")
    notes = []
    for item in Feedback.objects.exclude(correction_note="").exclude(article=None):
        when, actor_id = note_time(item, FeedbackEvent.objects)
        notes.append((when, item.pk, item, actor_id))
    numbers = {}
    for when, _pk, item, actor_id in sorted(notes, key=lambda note: note[:2]):
        numbers[item.article_id] = number = numbers.get(item.article_id, 0) + 1
        correction = Correction.objects.create(
            article_id=item.article_id,
            kind="correction",
            text=item.correction_note,
            published_at=when,
            revision_id=item.correction_revision_id,
            state="approved",
            number=number,
            created_by_id=actor_id,
            approved_by_id=actor_id,
            approved_at=when,
        )
        # created_at is auto_now_add: set it to the note's time afterwards.
        Correction.objects.filter(pk=correction.pk).update(created_at=when)
        Feedback.objects.filter(pk=item.pk).update(correction=correction)


def corrections_to_notes(apps, schema_editor):
    Feedback = apps.get_model("feedback", "Feedback")
    for item in Feedback.objects.exclude(correction=None).select_related(
        "correction"
    ):
        Feedback.objects.filter(pk=item.pk).update(
            correction_note=item.correction.text,
            correction_revision_id=item.correction.revision_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_initial"),
        ("feedback", "0002_feedback_handler_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="feedback",
            name="correction",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="feedback_items",
                to="corrections.correction",
                verbose_name="对应的更正",
            ),
        ),
        migrations.RunPython(notes_to_corrections, corrections_to_notes),
        migrations.RemoveField(model_name="feedback", name="correction_note"),
        migrations.RemoveField(model_name="feedback", name="correction_revision"),
    ]
