"""Edit-form panels of articles that show state rather than a field."""

from wagtail.admin.panels import Panel


class WithdrawalBanner(Panel):
    """A banner at the top of a retracted or taken-down article's editor:
    what readers now get at its address, since when, why, and who may
    restore it (articles/models/withdrawal.py holds the state)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/withdrawal_banner.html"

        def is_shown(self):
            return bool(getattr(self.instance, "is_withdrawn", False))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["page"] = self.instance
            return context
