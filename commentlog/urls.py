from django.urls import path

from . import views

app_name = "commentlog"
urlpatterns = [
    path("", views.LogIndexView.as_view(), name="index"),
    path("export/", views.LogExportView.as_view(), name="export"),
]
