from django.urls import path

from readers.admin_views import CreditIndexView, CreditView

app_name = "readers_credit"
urlpatterns = [
    path("", CreditIndexView.as_view(), name="index"),
    path("<int:pk>/", CreditView.as_view(), name="credit"),
]
