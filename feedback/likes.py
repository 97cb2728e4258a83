"""Likes (点赞): a verified reader likes a published comment once.

A like changes nothing on the cached article page: the counts, and whether
the reader liked each comment, come from /feedback/community/<article>.json
(feedback/views/community.py), which no cache keeps. No Feedback row is
saved, so no purge runs."""

from django.db import IntegrityError, transaction
from django.db.models import Count

from commentlog import log as comment_log
from feedback.models import CommentLike, Feedback


def like(item: Feedback, reader, *, ip=None) -> bool:
    """Like the item for the reader; False if the reader liked it before."""
    try:
        with transaction.atomic():
            CommentLike.objects.create(item=item, reader=reader)
            comment_log.record(
                comment_log.Action.LIKE,
                ip=ip,
                reader=reader,
                item=item,
                detail={"kind": item.kind, "column": item.column_id},
            )
    except IntegrityError:
        return False
    return True


def like_count(item: Feedback) -> int:
    return CommentLike.objects.filter(item=item).count()


def counts_for_article(article_id: int) -> dict[int, int]:
    """{item id: likes} for the published items under the article (one query)."""
    public = Feedback.objects.public().filter(article_id=article_id)
    return dict(
        CommentLike.objects.filter(item__in=public)
        .values("item")
        .annotate(likes=Count("pk"))
        .values_list("item", "likes")
    )


def liked_by(reader, article_id: int) -> list[int]:
    """The items under the article the reader liked (one query)."""
    if reader is None:
        return []
    return list(
        CommentLike.objects.filter(
            reader=reader, item__article_id=article_id
        ).values_list("item_id", flat=True)
    )
