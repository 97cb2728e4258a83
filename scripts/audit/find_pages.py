"""Print, as JSON, the paths of the demo pages `make audit` checks, read from
the database of the running stack (its environment: DJANGO_SETTINGS_MODULE,
DATABASE_URL, …). Run by audit.py; on its own:

    .venv/bin/python scripts/audit/find_pages.py
"""

import json
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.db.models import Case, Count, IntegerField, Q, When  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Page  # noqa: E402

from articles.models import (  # noqa: E402
    ArticleByline,
    ArticlePage,
    AuthorIndexPage,
    ColumnPage,
)
from feedback.models import Feedback, State  # noqa: E402
from home.models import HomePage  # noqa: E402


def path_of(url: str) -> str:
    """Wagtail gives a relative URL on a one-site install, else a full one."""
    return urlsplit(url).path


def url_of(pk: int) -> str:
    """From Wagtail's base Page: a field another branch is adding to a page
    model (its migration not yet written) does not stop the audit here."""
    return path_of(Page.objects.get(pk=pk).url)


def main() -> None:
    home = HomePage.objects.live().first()
    # Only the columns needed, for the same reason as url_of.
    readable = ArticlePage.objects.readable()
    newest = readable.order_by("-first_published_at", "-pk").values("pk", "listed_at")[
        0
    ]
    # The richest article pages first: the most feedback shown to readers
    # (comments, replies, correction notes).
    articles = (
        readable.annotate(
            shown=Count("feedback", filter=Q(feedback__state=State.PUBLISHED))
        )
        .order_by("-shown", "-first_published_at", "-pk")
        .values_list("pk", "lead_image_id")
    )
    column = ColumnPage.objects.live().public().order_by("path").values("pk")[0]
    index = AuthorIndexPage.objects.live().first()
    author = (
        ArticleByline.objects.filter(page_id=newest["pk"])
        .order_by("sort_order", "pk")
        .values("author__slug")[0]
    )
    tag = (
        Tag.objects.annotate(uses=Count("articles_articlepagetag_items"))
        .order_by("-uses", "name")
        .first()
    )
    listed = timezone.localtime(newest["listed_at"])
    # A tracking page with the most to show: a reply waiting for the
    # reader's rating (the rating form), else the most replies.
    tracked = (
        Feedback.objects.exclude(state=State.SPAM)
        .annotate(
            awaiting_rating=Case(
                When(state=State.REPLIED, then=1),
                default=0,
                output_field=IntegerField(),
            ),
            replies_count=Count("replies"),
        )
        .order_by("-awaiting_rating", "-replies_count", "pk")
        .values_list("tracking_code", "tracking_token")[0]
    )
    pages = {
        "column": url_of(column["pk"]),
        "author": path_of(index.url)
        + index.reverse_subpage("author", kwargs={"slug": author["author__slug"]}),
        "tag": path_of(home.tag_url(tag)),
        "archive": path_of(home.archive_url(listed.year, listed.month)),
        "search": "/search/?q=" + quote(tag.name),
        "feedback_status": reverse("feedback:track", args=tracked),
        "figures": reverse("feedback:figures"),
        # Every live article, the richest first: audit.py takes the first
        # with and without a lead image that answer 200, and a retraction
        # (410) if there is one.
        "articles": [
            {"path": url_of(pk), "lead_image": image is not None}
            for pk, image in articles
        ],
    }
    print(json.dumps(pages, ensure_ascii=False))  # noqa: T201 - read by audit.py


if __name__ == "__main__":
    main()
