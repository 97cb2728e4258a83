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


class OwnAuthorOffer(Panel):
    """On a new article's form, to an account with no Author: a button that
    creates theirs (articles/own_author.py), so the piece can start with
    their byline."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/own_author_offer.html"

        def is_shown(self):
            user = getattr(self.request, "user", None)
            if self.instance.pk or user is None or not user.is_authenticated:
                return False
            from articles.models import Author  # models import this module

            return not Author.objects.filter(user=user).exists()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["next_url"] = self.request.get_full_path()
            return context
