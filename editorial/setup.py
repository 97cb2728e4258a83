"""Everything `manage.py setup_newsroom` creates, in one idempotent call."""

from wagtail.models import Site

from articles.models import ColumnPage
from editorial.roles import ensure_role_groups
from editorial.teams import ensure_column_team
from editorial.workflows import (
    DEFAULT_WORKFLOW,
    ensure_default_workflow,
    ensure_workflows,
)


def site_roots():
    return [site.root_page for site in Site.objects.select_related("root_page")]


def setup_newsroom() -> dict:

    roots = site_roots()
    groups = ensure_role_groups(roots)
    workflows = ensure_workflows(groups)
    ensure_default_workflow(roots, workflows[DEFAULT_WORKFLOW])
    teams = {column: ensure_column_team(column) for column in ColumnPage.objects.all()}
    return {"groups": groups, "workflows": workflows, "teams": teams}
