from django.contrib.auth.management import create_permissions
from django.db import migrations

# editorial/roles.py's grants for retraction, take-down and restore, for
# sites whose role groups exist already (setup_newsroom grants the same).
GRANTS = {
    "副总编辑": ["retract_article", "take_down_article"],
    "总编辑": ["retract_article", "take_down_article", "restore_article"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran.
    app_config = apps.get_app_config("articles")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="articles", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("articles", "0007_article_withdrawal"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
