from django.urls import path

from record import views

app_name = "record"

urlpatterns = [
    path("<int:page_id>/", views.VersionsView.as_view(), name="versions"),
    path("<int:page_id>/compare/", views.CompareView.as_view(), name="compare"),
    path("<int:page_id>/export/", views.ExportView.as_view(), name="export"),
]
