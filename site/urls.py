from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import routing
from core import views as core_views
from corrections.sitemaps import PagesAndCorrectionsSitemap
from ops import views as ops_views

urlpatterns = [
    path("healthz", ops_views.healthz, name="healthz"),
    path(settings.WAGTAILADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("share/qr.svg", core_views.share_qr_code, name="share_qr_code"),
    path("feedback/", include("feedback.urls")),
    path("readers/", include("readers.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": PagesAndCorrectionsSitemap}},
        name="sitemap",
    ),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("script/<str:script>/", core_views.choose_script, name="choose_script"),
    path("search/", include("search.urls")),
    path("feeds/", include("feeds.urls")),
    path("corrections/", include("corrections.urls")),
]

if settings.SERVE_MEDIA:
    # Development and tests only; production serves media from nginx or S3.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [
    # Wagtail's own views (the private page's password form, its login)...
    path(
        "",
        include(
            [url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"]
        ),
    ),
    # ... and its page view, routed from the render cache (core/routing.py):
    # the same pattern and name, so page URLs reverse as before.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

# A database outage answers 503 with Retry-After instead of a 500.
handler500 = "ops.views.server_error"
