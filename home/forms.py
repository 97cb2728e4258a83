from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class HomePageForm(WagtailAdminPageForm):
    def clean_lead_story_until(self):
        # Checked on the form, not the model: a revision published later (by
        # the scheduler) may carry a time that has passed by then.
        until = self.cleaned_data.get("lead_story_until")
        if until is not None and until <= timezone.now():
            raise ValidationError(_("This time has passed: choose a later one."))
        return until
