"""The site's URLs with the admin under /desk/, as WAGTAILADMIN_PATH="desk/"
would put it."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from newsroom import urls as site_urls

urlpatterns = [
    path("desk/", include(wagtailadmin_urls)),
    *(
        pattern
        for pattern in site_urls.urlpatterns
        if getattr(pattern, "urlconf_module", None) is not wagtailadmin_urls
    ),
]
