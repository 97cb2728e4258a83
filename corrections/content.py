"""A public correction wherever readers meet it: under the article, in its
JSON-LD, in the feeds and in the article's record."""

from django.utils.html import escape

from core.templatetags.news_tags import iso_datetime
from corrections.models import Correction


def for_article(article) -> list[Correction]:
    """The article's approved corrections, newest first (one query)."""
    if article.pk is None:
        return []
    return list(Correction.objects.approved().filter(article=article).newest_first())


def json_ld(corrections) -> list[dict]:
    """schema.org `correction`: one CorrectionComment each."""
    return [
        {
            "@type": "CorrectionComment",
            "name": correction.get_kind_display(),
            "text": correction.text,
            "datePublished": iso_datetime(correction.published_at),
        }
        for correction in corrections
    ]


def add_to_json_ld(data: dict, corrections) -> None:
    """The article's JSON-LD with its corrections; dateModified becomes the
    newest correction's time if that is later."""
    if not corrections:
        return
    data["correction"] = json_ld(corrections)
    newest = iso_datetime(max(correction.published_at for correction in corrections))
    if newest > data.get("dateModified", ""):
        data["dateModified"] = newest


def feed_html(corrections) -> str:
    """What an article's feed item starts with, newest first."""
    return "".join(
        f'<p class="correction">{escape(correction.notice)}</p>'
        for correction in corrections
    )


def feed_text(corrections) -> str:
    return "".join(f"{correction.notice}\n" for correction in corrections)


def newest_time(corrections):
    return max((correction.published_at for correction in corrections), default=None)


def record_metadata(article) -> dict:
    """For the article's record (record/registry.py)."""
    return {
        "corrections": [
            {
                "number": correction.number,
                "kind": correction.get_kind_display(),
                "text": correction.text,
                "published_at": iso_datetime(correction.published_at),
            }
            for correction in for_article(article)
        ]
    }
