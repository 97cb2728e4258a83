"""E-mails about feedback, sent only after the item is safely committed.

A mail server that is down or refuses a message is logged and never costs a
reader their submission or a handler their reply. They are written in the
public language (core/language.py), not in the language of the handler whose
action sent them."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.language import public_languages

logger = logging.getLogger(__name__)

# Who edits a column changes rarely; finding out is Wagtail's heaviest
# permission query, and a busy article gets many submissions a minute.
STAFF_CACHE_SECONDS = 300


def public_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/") + path


def admin_url(item) -> str:
    path = reverse(item.snippet_viewset.get_url_name("edit"), args=[item.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def tracking_url(item) -> str:
    return public_url(
        reverse("feedback:track", args=[item.tracking_code, item.tracking_token])
    )


def column_staff(item):
    """People who may edit the item's column, with an e-mail address."""
    if item.column is None:
        return []
    users = PagePermissionPolicy().users_with_any_permission_for_instance(
        {"change"}, item.column, include_superusers=False
    )
    return list(users.exclude(email="").order_by("pk"))


def column_staff_emails(item) -> list[str]:
    key = f"feedback:column-staff:{item.column_id}"
    emails = cache.get(key)
    if emails is None:
        emails = [user.email for user in column_staff(item)]
        cache.set(key, emails, STAFF_CACHE_SECONDS)
    return emails


def _send(template: str, subject: str, recipients: list[str], context: dict) -> None:
    if not recipients:
        return
    text = render_to_string(f"feedback/email/{template}.txt", context)
    html = render_to_string(f"feedback/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=recipients)
    message.attach_alternative(html, "text/html")
    message.send()


def _after_commit(job) -> None:
    def run():
        try:
            with translation.override(public_languages()[0]):
                job()
        except Exception:  # the item is saved; a mail failure is only logged
            logger.exception("Feedback e-mail failed: %s", job.__name__)

    transaction.on_commit(run)


def notify_new_feedback(item) -> None:
    def send():
        recipients = column_staff_emails(item)
        subject = gettext("[Reader %(kind)s] New feedback on “%(title)s”") % {
            "kind": item.get_kind_display(),
            "title": item.article_title,
        }
        _send(
            "new_feedback",
            subject,
            recipients,
            {"item": item, "admin_url": admin_url(item)},
        )

    _after_commit(send)


def notify_reply(item, answer) -> None:
    if not item.contact_is_email or item.contact_erased_at:
        return

    def send():
        subject = gettext("Your %(kind)s on “%(title)s” has a reply") % {
            "kind": item.get_kind_display(),
            "title": item.article_title,
        }
        _send(
            "reply",
            subject,
            [item.contact],
            {"item": item, "answer": answer, "tracking_url": tracking_url(item)},
        )

    _after_commit(send)
