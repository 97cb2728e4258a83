from django.db import migrations

DEFAULT_ROLES = ["记者", "作者", "评论员", "通讯员", "摄影"]


def add_roles(apps, schema_editor):
    BylineRole = apps.get_model("articles.BylineRole")
    for order, name in enumerate(DEFAULT_ROLES):
        BylineRole.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_initial")]

    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
