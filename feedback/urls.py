from django.urls import path

from feedback.views import (
    appeal,
    community,
    figures,
    mine,
    reports,
    submit,
    tracking,
)

app_name = "feedback"

urlpatterns = [
    path("article/<int:article_id>/", submit.submit, name="submit"),
    path("t/<str:code>/<str:token>/", tracking.track, name="track"),
    path("lookup/", tracking.lookup, name="lookup"),
    path("report/<int:pk>/", reports.report, name="report"),
    path("like/<int:pk>/", community.like, name="like"),
    path("hottest/<int:article_id>/", community.hottest, name="hottest"),
    path("community/<int:article_id>.json", community.counts, name="community_counts"),
    path("appeal/<int:sanction_id>/", appeal.appeal, name="appeal"),
    path("figures/", figures.figures, name="figures"),
    path("mine/", mine.mine, name="mine"),
]
