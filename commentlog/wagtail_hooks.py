from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from commentlog import urls
from commentlog.access import READ_PERMISSION, SITE_ADMINS_GROUP, may_read_log


@hooks.register("register_admin_urls")
def commentlog_admin_urls():
    return [path("comment-log/", include(urls, namespace="commentlog"))]


class LogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_log(request.user)


@hooks.register("register_settings_menu_item")
def commentlog_menu_item():
    return LogMenuItem(
        _("Comment log"),
        reverse("commentlog:index"),
        icon_name="list-ul",
        order=900,
    )


@hooks.register("register_newsroom_role_permissions")
def commentlog_permissions():
    """Only the site administrators read and export the log."""
    return {SITE_ADMINS_GROUP: [READ_PERMISSION]}
