"""The newsroom's roles as Django groups.

A role group says what a person does: admin access, snippets, site settings,
and which review step they take (the review tasks name role groups). Where a
writer or editor works is a column team (editorial.teams); deputy and chief
editors cover the whole site. Other apps add permissions to a role through
the `register_newsroom_role_permissions` hook:

    @hooks.register("register_newsroom_role_permissions")
    def feedback_permissions():
        return {FEEDBACK_HANDLERS: ["feedback.change_feedback"]}

`manage.py setup_newsroom` (also run by load_demo) grants them."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

WRITERS = "撰稿人"
EDITORS = "编辑"
DEPUTY_CHIEFS = "副总编辑"
CHIEF_EDITORS = "总编辑"
FEEDBACK_HANDLERS = "反馈处理员"
SITE_ADMINS = "站点管理员"
ROLES = [WRITERS, EDITORS, DEPUTY_CHIEFS, CHIEF_EDITORS, FEEDBACK_HANDLERS, SITE_ADMINS]

PERMISSIONS_HOOK = "register_newsroom_role_permissions"

ACCESS_ADMIN = "wagtailadmin.access_admin"
RESPONSIBLE_EDITOR = "editorial.set_responsible_editor"
AUTHORS = ["articles.add_author", "articles.change_author"]
SOURCES = ["articles.add_source", "articles.change_source"]
TERMS = ["core.add_term", "core.change_term", "core.delete_term"]
# Retraction and take-down (articles/withdrawal.py): the deputy and the chief
# may withdraw a published article, only the chief may bring it back.
WITHDRAW = ["articles.retract_article", "articles.take_down_article"]
RESTORE = "articles.restore_article"

ROLE_PERMISSIONS = {
    WRITERS: [ACCESS_ADMIN],
    EDITORS: [ACCESS_ADMIN, RESPONSIBLE_EDITOR, *AUTHORS],
    DEPUTY_CHIEFS: [ACCESS_ADMIN, RESPONSIBLE_EDITOR, *AUTHORS, *SOURCES, *WITHDRAW],
    CHIEF_EDITORS: [
        ACCESS_ADMIN,
        RESPONSIBLE_EDITOR,
        *AUTHORS,
        *SOURCES,
        *WITHDRAW,
        RESTORE,
        "articles.add_bylinerole",
        "articles.change_bylinerole",
        *TERMS,
    ],
    FEEDBACK_HANDLERS: [ACCESS_ADMIN],
    SITE_ADMINS: [
        ACCESS_ADMIN,
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "core.change_sitesettings",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.delete_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.delete_task",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        *TERMS,
    ],
}

# Corrections and updates (corrections/): everyone who writes may draft one
# for the articles of their columns; the role CORRECTIONS_APPROVER_ROLE names
# (编辑 by default, the 初审 step's) approves those of the columns its
# members cover. Added to the roles by role_permissions().
DRAFT_CORRECTION = "corrections.add_correction"
APPROVE_CORRECTION = "corrections.approve_correction"
CORRECTION_DRAFTERS = [WRITERS, EDITORS, DEPUTY_CHIEFS, CHIEF_EDITORS]

# Pictures: everyone who writes may upload and choose; editors may also edit.
IMAGE_PERMISSIONS = {
    WRITERS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "choose_image", "change_image"],
    DEPUTY_CHIEFS: ["add_image", "choose_image", "change_image"],
    CHIEF_EDITORS: ["add_image", "choose_image", "change_image"],
}

# Page permissions on each site's root page: deputy and chief cover every column.
SITE_WIDE_PAGE_PERMISSIONS = {
    DEPUTY_CHIEFS: ["add_page", "change_page", "lock_page", "unlock_page"],
    CHIEF_EDITORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
}


def role_permissions() -> dict[str, list[str]]:
    """ROLE_PERMISSIONS, the corrections' drafters and approvers, and what
    other apps register through the hook."""
    merged = {role: list(names) for role, names in ROLE_PERMISSIONS.items()}
    for role in CORRECTION_DRAFTERS:
        merged[role].append(DRAFT_CORRECTION)
    approver = settings.CORRECTIONS_APPROVER_ROLE
    merged.setdefault(approver, []).append(APPROVE_CORRECTION)
    for fn in hooks.get_hooks(PERMISSIONS_HOOK):
        for role, names in fn().items():
            merged.setdefault(role, []).extend(names)
    return merged


def permission(name: str) -> Permission:
    """A Permission from "app_label.codename"; a typo fails loudly."""
    app_label, codename = name.split(".", 1)
    try:
        return Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
    except Permission.DoesNotExist as error:
        raise LookupError(f"No permission {name!r}: is the app installed?") from error


def page_permission(codename: str) -> Permission:
    return permission(f"wagtailcore.{codename}")


def grant(group: Group, *names: str):
    """Give a group model permissions ("app_label.codename"); idempotent."""
    group.permissions.add(*(permission(name) for name in names))


def grant_pages(group: Group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(codename)
        )


def ensure_role_groups(root_pages) -> dict[str, Group]:
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in ROLES}
    for role, names in role_permissions().items():
        if role not in groups:
            groups[role] = Group.objects.get_or_create(name=role)[0]
        grant(groups[role], *names)
    root_collection = Collection.get_first_root_node()
    for role, codenames in IMAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role],
                collection=root_collection,
                permission=permission(f"wagtailimages.{codename}"),
            )
    for role, codenames in SITE_WIDE_PAGE_PERMISSIONS.items():
        for page in root_pages:
            grant_pages(groups[role], page, codenames)
    return groups
