from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    from feedback.permissions import grant_handler_permissions

    # Permissions are normally created after all migrations ran; create ours
    # now so the group can be given them here. (access_admin comes from
    # wagtailadmin's own first migration.)
    app_config = apps.get_app_config("feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant_handler_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
