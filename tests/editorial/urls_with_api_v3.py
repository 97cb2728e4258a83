"""The site's URLs plus Wagtail 8's token-authenticated v3 API, as a project
that mounted it would have them (see test_writer_permissions)."""

from django.urls import path
from wagtail.api.v3.urls import api

from newsroom.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("api/v3/", api.urls), *site_urlpatterns]
