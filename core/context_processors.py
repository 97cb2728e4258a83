from django.utils.functional import SimpleLazyObject

from core.models import SiteSettings


def site_settings(request):
    """`site_settings` in every template, loaded only when a template uses it."""
    return {
        "site_settings": SimpleLazyObject(lambda: SiteSettings.for_request(request))
    }
