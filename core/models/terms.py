from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
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
        BLOCKED = "blocked", "禁用(拦截)"
        SUSPECT = "suspect", "可疑(待审)"

    class Kind(models.TextChoices):
        WORD = "word", "词语"
        PATTERN = "pattern", "规则(正则表达式)"

    text = models.CharField(
        "词语或规则",
        max_length=255,
        unique=True,
        help_text=(
            "词语：繁简、全角、异体字、形近字母、零宽和填充字符、空格标点、"
            "字间重复插入的同一个字符都会自动归一后匹配。"
            "规则：Python 正则表达式，在归一后的文本上匹配——已转简体、小写，"
            "去掉空格和标点，中文数字串已转成阿拉伯数字，"
            "V信/VX/威信等写法已统一为“微信”，扣扣/企鹅号统一为“qq”。"
        ),
    )
    kind = models.CharField(
        "类型", max_length=10, choices=Kind.choices, default=Kind.WORD
    )
    level = models.CharField(
        "级别", max_length=10, choices=Level.choices, default=Level.BLOCKED
    )
    note = models.CharField(
        "备注",
        max_length=255,
        blank=True,
        help_text="规则的备注会作为审核原因显示（如“联系方式：QQ 号”）。",
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
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["level", "text"]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.kind == self.Kind.PATTERN:
            pattern = compile_pattern(self.text or "")
            if pattern is None:
                raise ValidationError({"text": "正则表达式写法有误，无法使用。"})
            if pattern.search(""):
                raise ValidationError(
                    {"text": "这条规则连空文本都能匹配，会拦下所有内容。"}
                )
        elif self.text and not compact(self.text):
            raise ValidationError({"text": "去掉空格和标点后没有剩下任何文字。"})

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
