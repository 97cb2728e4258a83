"""The review chains: 三审 (初审 → 复审 → 终审) and 二审 (初审 → 终审).

Created once by setup_newsroom and then the admins' to change: an existing
workflow or task is never rewritten. Columns choose their chain in the admin
(设置 → 工作流 → 指派给页面); a site root without a workflow of its own gets
三审 as the default for every column that has not chosen."""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from editorial.models import ReviewTask
from editorial.roles import CHIEF_EDITORS, DEPUTY_CHIEFS, EDITORS

FIRST_REVIEW = "初审"
SECOND_REVIEW = "复审"
FINAL_REVIEW = "终审"
THREE_STEP = "三审"
TWO_STEP = "二审"

TASKS = {
    FIRST_REVIEW: {"groups": [EDITORS], "records_responsible_editor": True},
    SECOND_REVIEW: {"groups": [DEPUTY_CHIEFS], "records_responsible_editor": False},
    FINAL_REVIEW: {"groups": [CHIEF_EDITORS], "records_responsible_editor": False},
}
WORKFLOWS = {
    THREE_STEP: [FIRST_REVIEW, SECOND_REVIEW, FINAL_REVIEW],
    TWO_STEP: [FIRST_REVIEW, FINAL_REVIEW],
}
DEFAULT_WORKFLOW = THREE_STEP


def ensure_tasks(groups) -> dict[str, ReviewTask]:
    tasks = {}
    for name, spec in TASKS.items():
        task = ReviewTask.objects.filter(name=name).first()
        if task is None:
            task = ReviewTask.objects.create(
                name=name, records_responsible_editor=spec["records_responsible_editor"]
            )
            task.groups.set([groups[role] for role in spec["groups"]])
        tasks[name] = task
    return tasks


def ensure_workflows(groups) -> dict[str, Workflow]:
    tasks = ensure_tasks(groups)
    workflows = {}
    for name, steps in WORKFLOWS.items():
        workflow, created = Workflow.objects.get_or_create(name=name)
        if created:
            for order, step in enumerate(steps):
                WorkflowTask.objects.create(
                    workflow=workflow, task=tasks[step], sort_order=order
                )
        workflows[name] = workflow
    return workflows


def ensure_default_workflow(root_pages, workflow: Workflow):
    for page in root_pages:
        if not WorkflowPage.objects.filter(page=page).exists():
            WorkflowPage.objects.create(page=page, workflow=workflow)


def assign_workflow(page, workflow: Workflow):
    """What an admin does on the workflow's "assign to pages" screen."""
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
