from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.text import compact, compile_pattern, find_patterns, find_terms


class TermQuerySet(models.QuerySet):
    def blocked(self):
        return self.filter(level=Term.Level.BLOCKED)

    def suspect(self):
        return self.filter(level=Term.Level.SUSPECT)

    def found_in(self, *texts: str) -> list["Term"]:
        """The terms of this queryset that occur in any of the texts."""
        terms = list(self)
        found = set(texts_found_in([term.rule for term in terms], *texts))
        return [term for term in terms if term.text in found]


class Rule(str):
    """A term as the matchers use it: compares, hashes and prints as its
    text (so lists of plain strings still work, as words), and carries how
    it matches (`kind`) and what a screening reason calls it (`label`)."""

    kind: str
    label: str

    def __new__(cls, text: str, kind: str = "word", label: str = ""):
        rule = super().__new__(cls, text)
        rule.kind = kind
        rule.label = label or text
        return rule

    def __reduce__(self):
        return (Rule, (str(self), self.kind, self.label))

    @property
    def is_pattern(self) -> bool:
        return self.kind == Term.Kind.PATTERN


def texts_found_in(terms: list[str], *texts: str) -> list[str]:
    """The terms occurring in any of the texts, in the list's order.

    Words (plain strings, or rules of kind "word") are compared in compact
    form (core.text.compact: normalised, no separators, filler-tolerant);
    rules of kind "pattern" are regular expressions searched in that form."""
    words = [term for term in terms if not getattr(term, "is_pattern", False)]
    patterns = [term for term in terms if getattr(term, "is_pattern", False)]
    # Each text on its own: compact() drops separators, so the end of one
    # field and the start of the next must not make up a term together.
    found = set()
    for text in texts:
        if text:
            found.update(find_terms(text, words))
            found.update(find_patterns(text, patterns))
    return [term for term in terms if term in found]


class Term(index.Indexed, models.Model):
    """A word or pattern editors keep off the site: blocked terms stop
    publication and mark reader feedback as spam; suspect terms hold
    feedback for review. The contact-detail rules (QQ and WeChat IDs, phone
    numbers, 加微信) come as suspect patterns from migration 0004."""

    class Level(models.TextChoices):
        BLOCKED = "blocked", _("Blocked")
        SUSPECT = "suspect", _("Suspect (held for review)")

    class Kind(models.TextChoices):
        WORD = "word", _("Word")
        PATTERN = "pattern", _("Rule (regular expression)")

    text = models.CharField(
        _("word or rule"),
        max_length=255,
        unique=True,
        help_text=_(
            "Word: Traditional and Simplified characters, full-width forms, "
            "variant characters, look-alike letters, zero-width and filler "
            "characters, spaces and punctuation, and one character inserted "
            "between every two are all normalised before matching. "
            "Rule: a Python regular expression, matched against the "
            "normalised text: in Simplified characters, lower case, without "
            "spaces and punctuation, Chinese numerals turned into digits, "
            "V信/VX/威信 and the like written as “微信”, 扣扣/企鹅号 as “qq”."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.WORD
    )
    level = models.CharField(
        _("level"), max_length=10, choices=Level.choices, default=Level.BLOCKED
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_(
            "A rule's note is shown as the reason for review "
            "(such as “contact details: QQ number”)."
        ),
    )

    objects = TermQuerySet.as_manager()

    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        FieldPanel("level"),
        FieldPanel("note"),
    ]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text")]

    class Meta:
        verbose_name = _("sensitive term")
        verbose_name_plural = _("sensitive terms")
        ordering = ["level", "text"]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.kind == self.Kind.PATTERN:
            pattern = compile_pattern(self.text or "")
            if pattern is None:
                raise ValidationError(
                    {"text": _("This regular expression is not valid.")}
                )
            if pattern.search(""):
                raise ValidationError(
                    {
                        "text": _(
                            "This rule matches even empty text: "
                            "it would block everything."
                        )
                    }
                )
        elif self.text and not compact(self.text):
            raise ValidationError(
                {"text": _("Nothing is left once spaces and punctuation are removed.")}
            )

    @property
    def rule(self) -> Rule:
        return Rule(
            self.text, self.kind, self.note if self.kind == self.Kind.PATTERN else ""
        )


# v2: rules carry their kind and label (v1 held bare texts).
TERMS_KEY = "core:terms:v2"
TERMS_SECONDS = 3600


def terms_by_level() -> dict[str, list[Rule]]:
    """{level: [rule, ...]}, read once and kept in the cache until a term is
    saved or deleted: every feedback submission screens against it. Rules
    compare as their text, so callers may treat them as strings."""
    rows = cache.get(TERMS_KEY)
    if rows is None:
        rows = list(Term.objects.values_list("text", "level", "kind", "note"))
        cache.set(TERMS_KEY, rows, TERMS_SECONDS)
    terms = {level: [] for level in Term.Level.values}
    for text, level, kind, note in rows:
        label = note if kind == Term.Kind.PATTERN else ""
        terms.setdefault(level, []).append(Rule(text, kind, label))
    return terms


def terms_changed(sender, **kwargs) -> None:
    cache.delete(TERMS_KEY)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(terms_changed, sender=Term, dispatch_uid="core.terms_saved")
    post_delete.connect(terms_changed, sender=Term, dispatch_uid="core.terms_deleted")
