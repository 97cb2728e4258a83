from django.core.cache import cache
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.text import find_terms


class TermQuerySet(models.QuerySet):
    def blocked(self):
        return self.filter(level=Term.Level.BLOCKED)

    def suspect(self):
        return self.filter(level=Term.Level.SUSPECT)

    def found_in(self, *texts: str) -> list["Term"]:
        """The terms of this queryset that occur in any of the texts."""
        terms = list(self)
        found = set(texts_found_in([term.text for term in terms], *texts))
        return [term for term in terms if term.text in found]


def texts_found_in(terms: list[str], *texts: str) -> list[str]:
    """The terms occurring in any of the texts, after normalisation
    (full-width, Traditional, zero-width, spacing), in the list's order."""
    # Each text on its own: compact() drops separators, so the end of one
    # field and the start of the next must not make up a term together.
    found = {term for text in texts if text for term in find_terms(text, terms)}
    return [term for term in terms if term in found]


class Term(index.Indexed, models.Model):
    """A word editors keep off the site: blocked terms stop publication and
    mark reader feedback as spam; suspect terms hold feedback for review."""

    class Level(models.TextChoices):
        BLOCKED = "blocked", "禁用(拦截)"
        SUSPECT = "suspect", "可疑(待审)"

    text = models.CharField("词语", max_length=100, unique=True)
    level = models.CharField(
        "级别", max_length=10, choices=Level.choices, default=Level.BLOCKED
    )
    note = models.CharField("备注", max_length=255, blank=True)

    objects = TermQuerySet.as_manager()

    panels = [FieldPanel("text"), FieldPanel("level"), FieldPanel("note")]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text")]

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["level", "text"]

    def __str__(self):
        return self.text


TERMS_KEY = "core:terms"
TERMS_SECONDS = 3600


def terms_by_level() -> dict[str, list[str]]:
    """{level: [term text, ...]}, read once and kept in the cache until a
    term is saved or deleted: every feedback submission screens against it."""
    terms = cache.get(TERMS_KEY)
    if terms is None:
        terms = {level: [] for level in Term.Level.values}
        for text, level in Term.objects.values_list("text", "level"):
            terms[level].append(text)
        cache.set(TERMS_KEY, terms, TERMS_SECONDS)
    return terms


def terms_changed(sender, **kwargs) -> None:
    cache.delete(TERMS_KEY)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    post_save.connect(terms_changed, sender=Term, dispatch_uid="core.terms_saved")
    post_delete.connect(terms_changed, sender=Term, dispatch_uid="core.terms_deleted")
