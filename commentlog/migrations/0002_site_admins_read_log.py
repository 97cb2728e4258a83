from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    from commentlog.access import grant_read_permission

    # Permissions are normally created after all migrations ran.
    app_config = apps.get_app_config("commentlog")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    grant_read_permission(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("commentlog", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
