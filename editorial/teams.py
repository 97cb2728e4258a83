"""Column teams: for every column, a group "<栏目>·撰稿人" and a group
"<栏目>·编辑" holding Wagtail page permissions on that column's subtree.

Putting a person on a column is an admin action: tick the column's team
group on their account (设置 → 用户), next to their role group. A new column
gets its teams as soon as it is created; a renamed column renames them.
A writer may create pages in the column and edit their own; an editor may
edit and lock every page in it. Nobody in a team may publish."""

from django.contrib.auth.models import Group

from editorial.roles import EDITORS, WRITERS, grant_pages

TEAM_PAGE_PERMISSIONS = {
    WRITERS: ["add_page"],
    EDITORS: ["add_page", "change_page", "lock_page"],
}
SEPARATOR = "·"
NAME_LIMIT = Group._meta.get_field("name").max_length


def team_name(column, role: str) -> str:
    suffix = f"{SEPARATOR}{role}"
    return column.title[: NAME_LIMIT - len(suffix)] + suffix


def team_group(column, role: str) -> Group | None:
    """The column's team for a role: the group holding permissions on the
    column whose name ends in "·<role>" (found this way, a rename keeps it)."""
    return (
        Group.objects.filter(
            page_permissions__page=column, name__endswith=f"{SEPARATOR}{role}"
        )
        .order_by("pk")
        .first()
    )


def ensure_column_team(column) -> dict[str, Group]:
    teams = {}
    for role, codenames in TEAM_PAGE_PERMISSIONS.items():
        name = team_name(column, role)
        group = team_group(column, role)
        if group is None:
            group = Group.objects.get_or_create(name=name)[0]
        elif group.name != name and not Group.objects.filter(name=name).exists():
            group.name = name
            group.save(update_fields=["name"])
        grant_pages(group, column, codenames)
        teams[role] = group
    return teams


def assign(user, column, role: str):
    """Put a person on a column's team (what an admin does by ticking the
    group); used by the demo loader and tests."""
    user.groups.add(ensure_column_team(column)[role])
