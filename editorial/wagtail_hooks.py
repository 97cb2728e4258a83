from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.log_actions import LogFormatter

from articles.forms import CLEAN_HOOK
from editorial.dashboard import EditorsDesk
from editorial.forms import check_review_action
from editorial.responsible import LOG_ACTION

REPLACED_PANELS = (UserObjectsInWorkflowModerationPanel, WorkflowObjectsToModeratePanel)


@hooks.register("construct_homepage_panels")
def add_editors_desk(request, panels):
    panels[:] = [panel for panel in panels if not isinstance(panel, REPLACED_PANELS)]
    panels.append(EditorsDesk())


hooks.register(CLEAN_HOOK, check_review_action)


@hooks.register("register_log_actions")
def register_responsible_editor_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class ResponsibleEditorFormatter(LogFormatter):
        label = _("Record responsible editor")

        def format_message(self, log_entry):
            name = log_entry.data.get("name", "")
            if name:
                return _(
                    "First review approved; responsible editor recorded as %(name)s"
                ) % {"name": name}
            return _("First review approved; responsible editor recorded")


@hooks.register("register_permissions")
def responsible_editor_permission():
    return Permission.objects.filter(
        content_type__app_label="editorial", codename="set_responsible_editor"
    )
