"""The newsroom's existing role groups get the corrections permissions, as
`setup_newsroom` gives new ones (editorial/roles.py): every writing role
drafts, the approver role (CORRECTIONS_APPROVER_ROLE) approves. Groups that
do not exist yet are left to setup_newsroom."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

DRAFTERS = ["撰稿人", "编辑", "副总编辑", "总编辑"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create ours
    # now so the groups can be given them here.
    app_config = apps.get_app_config("corrections")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="corrections")
    draft = permissions.filter(codename="add_correction").first()
    approve = permissions.filter(codename="approve_correction").first()
    for group in Group.objects.filter(name__in=DRAFTERS):
        group.permissions.add(draft)
    for group in Group.objects.filter(name=settings.CORRECTIONS_APPROVER_ROLE):
        group.permissions.add(approve)


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
