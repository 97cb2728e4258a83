from django.urls import path

from feedback.views import governance, switches

app_name = "feedback_switches"
urlpatterns = [
    path("", switches.SwitchesIndexView.as_view(), name="index"),
    path("summary/", governance.GovernanceView.as_view(), name="governance"),
    path("<str:scope>/<int:page_id>/", switches.PageSwitchView.as_view(), name="page"),
]
