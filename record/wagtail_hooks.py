from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from record import urls
from record.access import may_read_record
from record.models import Entry


@hooks.register("register_admin_urls")
def record_admin_urls():
    return [path("record/", include(urls, namespace="record"))]


@hooks.register("register_page_header_buttons")
def record_button(page, user, view_name=None, next_url=None):
    """「发布存档」 on the header of a page that has a record."""
    if page.pk is None or not Entry.objects.filter(page_id=page.pk).exists():
        return []
    if not may_read_record(user, page.pk):
        return []
    url = reverse("record:versions", args=[page.pk])
    return [Button(_("The record"), url, icon_name="history", priority=66)]


@hooks.register("insert_global_admin_css")
def record_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/record-admin.css")
    )
