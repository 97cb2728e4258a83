from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from articles import slugs
from articles.models.reprint import titles_differ
from core.models import SiteSettings
from core.people import display_name

# Apps above articles check the form too: a function registered with
# @hooks.register(CLEAN_HOOK) gets the form after its own clean() and adds its
# errors with form.add_error (editorial's pre-approval check does so).
CLEAN_HOOK = "clean_article_form"
# The BylineRole a writer's own byline starts as (a stored name: data).
DEFAULT_BYLINE_ROLE = "作者"

LEAD_IMAGE_ALT_MISSING = _(
    "Please describe the lead image for readers who cannot see it (or give "
    "the image a description in the image library); if the picture carries "
    "no content, tick “Lead image is decorative”."
)
REPRINT_REQUIRED = {
    "original_title": _("A reprint needs its original title."),
    "original_author": _("A reprint needs its original author."),
    "original_url": _("A reprint needs a link to the original."),
    "original_published_at": _("A reprint needs the time it first appeared."),
}
REPRINT_SOURCE_MISSING = _(
    "A reprint needs a source (the outlet it first appeared in)."
)
REPRINT_SOURCE_IS_OWN = _(
    "“{source}” is this site: a reprint's source is the outlet it first appeared in."
)


class ArticlePageForm(WagtailAdminPageForm):
    """Editors describe the lead image for readers who cannot see it, or
    say it is decorative, as the body's image block asks of body images;
    a reprint names where it first appeared; then every CLEAN_HOOK function
    checks the form. People are named as everywhere else (family name
    first), not by their account name."""

    def __init__(self, *args, **kwargs):
        if not kwargs.get("data") and not (args and args[0] is not None):
            start_with_own_byline(kwargs.get("instance"), kwargs.get("for_user"))
        super().__init__(*args, **kwargs)
        if "responsible_editor" in self.fields:
            self.fields["responsible_editor"].label_from_instance = display_name

    def clean_slug(self):
        """A page never published gets a pinyin slug from its title unless a
        person typed one (Wagtail's own would be Chinese); unique in its
        column. Published pages keep theirs, Chinese or not."""
        slug = self.cleaned_data.get("slug") or ""
        title = (self.data.get("title") or "").strip()
        if self.instance.first_published_at or not title:
            return slug
        if not slugs.is_automatic(slug, title):
            return slug
        return slugs.unique_slug(slugs.pinyin_slug(title), self.slug_taken)

    def slug_taken(self, slug) -> bool:
        if self.parent_page is None:
            return False
        siblings = self.parent_page.get_children().filter(slug=slug)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        return siblings.exists()

    def clean(self):
        cleaned_data = super().clean()
        image = cleaned_data.get("lead_image")
        if (
            image is not None
            and not cleaned_data.get("lead_image_decorative")
            and not (cleaned_data.get("lead_image_alt") or "").strip()
            and not (image.description or "").strip()
        ):
            self.add_error("lead_image_alt", LEAD_IMAGE_ALT_MISSING)
        if cleaned_data.get("is_reprint"):
            self.clean_reprint(cleaned_data)
        confirmed = self.title_confirmed(cleaned_data)
        if "reprint_title_confirmed" in self.fields:
            cleaned_data["reprint_title_confirmed"] = confirmed
        else:  # not the form's to save: set it on the page itself
            self.instance.reprint_title_confirmed = confirmed
        for check in hooks.get_hooks(CLEAN_HOOK):
            check(self)
        return cleaned_data

    def clean_reprint(self, cleaned_data) -> None:
        for name, message in REPRINT_REQUIRED.items():
            value = cleaned_data.get(name)
            if isinstance(value, str):
                value = value.strip()
            if name in self.fields and not value and name not in self.errors:
                self.add_error(name, message)
        source = cleaned_data.get("source")
        if "source" not in self.fields or "source" in self.errors:
            return
        if source is None:
            self.add_error("source", REPRINT_SOURCE_MISSING)
        elif source.pk == self.own_source_id():
            self.add_error("source", REPRINT_SOURCE_IS_OWN.format(source=source))

    def own_source_id(self) -> int | None:
        """This site's own source: 站点设置's default source (本网)."""
        site = self.parent_page.get_site() if self.parent_page else None
        return SiteSettings.for_site(site).default_source_id if site else None

    def title_confirmed(self, cleaned_data) -> bool:
        """Whether an approver confirmed a reprint's title differs from the
        original: ticked now by someone shown the box (editors and up), or
        ticked before and neither title changed since."""
        title = cleaned_data.get("title", self.instance.title)
        original = cleaned_data.get("original_title", self.instance.original_title)
        if not cleaned_data.get("is_reprint") or not titles_differ(title, original):
            return False
        if "reprint_title_confirmed" in self.fields:
            return bool(cleaned_data.get("reprint_title_confirmed"))
        unchanged = (title, original) == (
            self.instance.title,
            self.instance.original_title,
        )
        return unchanged and self.instance.reprint_title_confirmed


def start_with_own_byline(page, user) -> None:
    """A new piece starts with its writer's byline (their Author, through
    Author.user), as 作者; the role and the byline stay editable."""
    from articles.models import ArticleByline, Author, BylineRole

    if page is None or page.pk or user is None or not user.is_authenticated:
        return
    if not hasattr(page, "bylines") or page.bylines.all():
        return
    author = Author.objects.filter(user=user).first()
    if author is None:
        return
    role = (
        BylineRole.objects.filter(name=DEFAULT_BYLINE_ROLE).first()
        or BylineRole.objects.first()
    )
    page.bylines = [ArticleByline(author=author, role=role)]
