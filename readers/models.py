"""Verified commenters: who they are (a keyed hash of the phone number, its
last four digits, a nickname), what they agreed to, and the state of the
codes sent to a number."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField


def new_session_key() -> str:
    return secrets.token_urlsafe(16)


class Standing(models.TextChoices):
    """A commenter's credit state (readers/standing.py)."""

    NEW = "new", _("New commenter")
    TRUSTED = "trusted", _("Trusted commenter")
    RESTRICTED = "restricted", _("Restricted commenter")
    MUTED = "muted", _("Muted commenter")
    BANNED = "banned", _("Banned commenter")


class Reader(models.Model):
    """A reader who verified a mainland mobile number (后台实名). The number
    itself is never stored: only its HMAC (READER_PHONE_HMAC_KEY) and the
    last four digits, which staff may see; the public sees the nickname."""

    phone_hash = models.CharField(
        _("phone number (keyed hash)"), max_length=64, unique=True
    )
    phone_last4 = models.CharField(_("last four digits"), max_length=4)
    # NULL until chosen: many readers may have none, one each may have a name.
    nickname = models.CharField(  # noqa: DJ001
        _("nickname"), max_length=20, null=True, blank=True
    )
    # The nickname as screening reads it (core.text.compact): 张三 and 張三
    # are one nickname.
    nickname_key = models.CharField(  # noqa: DJ001
        max_length=80, null=True, unique=True, editable=False
    )
    # Signing out rotates it: every cookie signed before stops working.
    session_key = models.CharField(
        max_length=32, default=new_session_key, editable=False
    )
    is_active = models.BooleanField(_("may comment"), default=True)
    # The credit state staff set (readers/standing.py); a mute ends at
    # muted_until by itself.
    standing = models.CharField(
        _("credit state"), max_length=12, choices=Standing.choices, default=Standing.NEW
    )
    muted_until = models.DateTimeField(_("muted until"), null=True, blank=True)
    created_at = models.DateTimeField(_("verified first"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified last"), default=timezone.now)

    class Meta:
        verbose_name = _("verified reader")
        verbose_name_plural = _("verified readers")
        ordering = ["-created_at"]
        permissions = [
            ("export_reader", _("Can export verified readers")),
            ("sanction_reader", _("Can warn, restrict, mute or trust commenters")),
            ("ban_reader", _("Can ban commenters")),
            ("lift_ban", _("Can lift a ban")),
        ]

    def __str__(self):
        return self.nickname or f"*{self.phone_last4}"


class Consent(models.Model):
    """A reader agreed to one version of one rules document, at a time."""

    reader = models.ForeignKey(
        Reader, on_delete=models.CASCADE, related_name="consents"
    )
    document = models.CharField(_("document"), max_length=20)
    version = models.CharField(_("version"), max_length=40)
    agreed_at = models.DateTimeField(_("agreed at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["reader", "document", "version"], name="readers_consent_once"
            )
        ]

    def __str__(self):
        return f"{self.document} {self.version}"


class PhoneCheck(models.Model):
    """Wrong codes given for a number, and until when it is locked."""

    phone_hash = models.CharField(max_length=64, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.phone_hash[:8]}… {self.failures}"


class VerificationCode(models.Model):
    """A code sent by SMS: only its hash is kept, and it is used once."""

    phone_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.phone_hash[:8]}… {self.created_at:%Y-%m-%d %H:%M}"


class Document(models.TextChoices):
    RULES = "rules", _("Comment rules")
    TERMS = "terms", _("User agreement")
    PRIVACY = "privacy", _("Personal information protection policy")


class ReaderDocument(models.Model):
    """评论规则, 用户协议 and 个人信息保护政策: one of each, edited in the
    admin (snippets) and shown at /readers/rules/<kind>/. Readers agree to
    the current version; changing the version asks every reader again."""

    kind = models.CharField(
        _("document"), max_length=20, choices=Document.choices, unique=True
    )
    title = models.CharField(_("title"), max_length=100)
    version = models.CharField(
        _("version"),
        max_length=40,
        help_text=_(
            "Change it (for example to the date it takes effect) when readers "
            "must agree again; corrections of wording may keep it."
        ),
    )
    body = RichTextField(_("text"), features=["h2", "h3", "bold", "ol", "ul", "link"])
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("version"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("rules document")
        verbose_name_plural = _("rules documents")
        ordering = ["kind"]

    def __str__(self):
        return self.title


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning to a commenter")
    RESTRICT = "restrict", _("Restriction")
    MUTE = "mute", _("Mute for some days")
    BAN = "ban", _("Ban")
    TRUST = "trust", _("Marked as trusted")
    RESET = "reset", _("Back to new")
    LIFT_BAN = "lift_ban", _("Ban lifted")


class Sanction(models.Model):
    """One change of a commenter's credit state by staff, with the reason:
    shown to the reader (with how to appeal) and written to the comment log."""

    reader = models.ForeignKey(
        Reader, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(_("action"), max_length=12, choices=SanctionKind.choices)
    reason = models.TextField(_("reason for the decision"))
    until = models.DateTimeField(_("in force until"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(_("by (name at the time)"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("credit record")
        verbose_name_plural = _("credit records")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.reader} {self.get_kind_display()}"

    @property
    def may_be_appealed(self) -> bool:
        return self.kind in APPEALABLE


APPEALABLE = (
    SanctionKind.WARNING,
    SanctionKind.RESTRICT,
    SanctionKind.MUTE,
    SanctionKind.BAN,
)


class BlockedPhone(models.Model):
    """A banned commenter's number (its keyed hash): it cannot verify again
    until the site administrator lifts the ban."""

    phone_hash = models.CharField(max_length=64, unique=True)
    reader = models.ForeignKey(
        Reader, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked number")
        verbose_name_plural = _("blocked numbers")

    def __str__(self):
        return f"{self.phone_hash[:8]}…"
