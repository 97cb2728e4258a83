"""POST data for the ArticlePage admin form, built with Wagtail's helpers.

The admin renders StreamFields client-side, so the data cannot be scraped
from the edit page's HTML: it is written out here instead."""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def article_form_data(title, slug, *, body=None, bylines=(), **fields) -> dict:
    """bylines: [(role, author), ...]; fields: any other form field."""
    if body is None:
        body = [("paragraph", rich_text("<p>正文段落。</p>"))]
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "body": streamfield(body),
            "bylines": inline_formset(
                [{"role": role.pk, "author": author.pk} for role, author in bylines]
            ),
            "pinned_related": inline_formset([]),
            "comments": inline_formset([]),
            "tags": "",
            **fields,
        }
    )
