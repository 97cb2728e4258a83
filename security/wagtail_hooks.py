from django.urls import path, reverse
from wagtail import hooks

from security import views
from security.two_factor import confirmed_device


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", views.setup, name="security_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="security_two_factor_verify"),
        path("two-factor/disable/", views.disable, name="security_two_factor_disable"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    enrolled = confirmed_device(request.user) is not None
    return {
        "url": reverse("security_two_factor_setup"),
        "label": "两步验证",
        "help_text": "已开启:登录时需输入验证码"
        if enrolled
        else "用身份验证器 App 保护账户(可选)",
    }
