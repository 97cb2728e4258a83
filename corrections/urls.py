from django.urls import path

from corrections.feeds import CorrectionsFeed
from corrections.views import corrections_page

app_name = "corrections"

urlpatterns = [
    path("", corrections_page, name="index"),
    path("rss.xml", CorrectionsFeed(), name="rss"),
    path("<slug:slug>/", corrections_page, name="column"),
    path("<slug:slug>/rss.xml", CorrectionsFeed(), name="column_rss"),
]
