from django.urls import path

from feedback.views import figures, mine, submit, tracking

app_name = "feedback"

urlpatterns = [
    path("article/<int:article_id>/", submit.submit, name="submit"),
    path("t/<str:code>/<str:token>/", tracking.track, name="track"),
    path("lookup/", tracking.lookup, name="lookup"),
    path("report/<int:pk>/", tracking.report, name="report"),
    path("figures/", figures.figures, name="figures"),
    path("mine/", mine.mine, name="mine"),
]
