"""Who may read and export the comment log: the site administrator role
(站点管理员, through the commentlog.read_comment_log permission it alone is
given) and superusers. Nobody else, not even the chief editor: the log holds
every commenter's full IP address."""

from django.apps import apps as global_apps

READ_PERMISSION = "commentlog.read_comment_log"
# The role's group name (editorial.roles.SITE_ADMINS; editorial is above us).
SITE_ADMINS_GROUP = "站点管理员"


def may_read_log(user) -> bool:
    return bool(user and user.is_active and user.has_perm(READ_PERMISSION))


def grant_read_permission(apps=global_apps) -> None:
    """Give the site administrators' group the permission, if the group
    exists; safe to run any number of times."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=SITE_ADMINS_GROUP).first()
    permission = Permission.objects.filter(
        content_type__app_label="commentlog", codename="read_comment_log"
    ).first()
    if group is not None and permission is not None:
        group.permissions.add(permission)
