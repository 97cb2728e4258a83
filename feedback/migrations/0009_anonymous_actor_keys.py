from django.db import migrations

# Steps no staff member took were signed with Chinese words (and a report
# with "another reader" in the reporter's language); they are now keys that
# FeedbackEvent.actor_label shows in the viewer's language.
KEYS = {
    "系统": "system",
    "读者": "reader",
    "其他读者": "other readers",
    "another reader": "other readers",
}


def to_keys(apps, schema_editor, forward=True):
    FeedbackEvent = apps.get_model("feedback", "FeedbackEvent")
    for old, key in KEYS.items():
        before, after = (old, key) if forward else (key, old)
        if not forward and old == "another reader":
            continue
        FeedbackEvent.objects.filter(actor__isnull=True, actor_name=before).update(
            actor_name=after
        )


def to_names(apps, schema_editor):
    to_keys(apps, schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0008_permission_names"),
    ]

    operations = [
        migrations.RunPython(to_keys, to_names),
    ]
