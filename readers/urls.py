from django.urls import path

from readers import views

app_name = "readers"

urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("nickname/", views.nickname, name="nickname"),
    path("consent/", views.consent, name="consent"),
    path("signout/", views.signout, name="signout"),
    path("me.json", views.state, name="state"),
    path("rules/<str:kind>/", views.document, name="document"),
]
