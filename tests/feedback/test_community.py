"""The comment community under an article: likes, the 最新 / 最热 order with
置顶 and 精选 first, reports with categories and outcomes, a burst of
reports hiding a comment, and staff featuring, pinning, hiding and
deleting a comment on the record."""

import pytest
from django.test import Client
from django.urls import reverse

from commentlog.models import CommentLogEntry
from feedback import lifecycle
from feedback.models import CommentLike, CommentReport, Feedback, Kind, State
from tests.articles.factories import ColumnPageFactory
from tests.feedback.factories import FeedbackFactory
from tests.home.factories import get_home_page
from tests.html import soup_of
from tests.readers.conftest import sign_in_client
from tests.readers.factories import ReaderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]
JSON = {"HTTP_ACCEPT": "application/json"}


def published(article, staff, **fields):
    item = FeedbackFactory(article=article, kind=Kind.COMMENT, **fields)
    lifecycle.publish(item, staff)
    return item


def like_url(item):
    return reverse("feedback:like", args=[item.pk])


def report_url(item):
    return reverse("feedback:report", args=[item.pk])


def reader_client(client_class, settings, **fields):
    client = client_class()
    reader = ReaderFactory(**fields)
    sign_in_client(client, reader, settings)
    return client, reader


# Likes


def test_a_verified_reader_likes_a_published_comment_once(
    client, article, staff, settings
):
    item = published(article, staff)
    sign_in_client(client, reader := ReaderFactory(), settings)

    first = client.post(like_url(item), **JSON, REMOTE_ADDR="198.51.100.7")
    second = client.post(like_url(item), **JSON)

    assert first.status_code == second.status_code == 200
    assert first.json() == {"likes": 1, "liked": True, "new": True}
    assert second.json()["likes"] == 1 and second.json()["new"] is False
    assert CommentLike.objects.filter(item=item, reader=reader).count() == 1
    row = CommentLogEntry.objects.get(action="like")
    assert (row.reader_id, row.item_id, row.ip_address) == (
        reader.pk,
        item.pk,
        "198.51.100.7",
    )


def test_a_like_without_javascript_goes_back_to_the_comment(
    client, article, staff, settings
):
    item = published(article, staff)
    sign_in_client(client, ReaderFactory(), settings)
    response = client.post(like_url(item))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{item.pk}")


def test_an_unverified_reader_cannot_like(client, article, staff):
    item = published(article, staff)
    response = client.post(like_url(item), **JSON)
    assert response.status_code == 403
    assert response.json()["error"] == "验证手机号后才能点赞。"
    page = client.post(like_url(item))
    assert page.status_code == 403 and "验证手机号后才能点赞" in page.content.decode()
    assert not CommentLike.objects.exists()


def test_unpublished_comments_cannot_be_liked(client, article, settings):
    item = FeedbackFactory(article=article, kind=Kind.COMMENT)
    sign_in_client(client, ReaderFactory(), settings)
    assert client.post(like_url(item), **JSON).status_code == 404


def test_a_cross_site_like_is_refused(client, article, staff, settings):
    item = published(article, staff)
    sign_in_client(client, ReaderFactory(), settings)
    response = client.post(like_url(item), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not CommentLike.objects.exists()


def test_likes_are_limited_per_reader(client, article, staff, settings):
    settings.FEEDBACK_LIKE_RATE_LIMIT_PER_READER = (2, 600)
    items = [published(article, staff) for _ in range(3)]
    sign_in_client(client, ReaderFactory(), settings)
    codes = [client.post(like_url(item), **JSON).status_code for item in items]
    assert codes == [200, 200, 429]
    assert "点赞太频繁" in client.post(like_url(items[2]), **JSON).json()["error"]
    assert CommentLike.objects.count() == 2


def test_likes_are_limited_per_ipv6_64(article, staff, settings):
    settings.FEEDBACK_LIKE_RATE_LIMIT_PER_IP = (2, 600)
    item = published(article, staff)
    codes = []
    for host in (1, 2, 3):
        client, _reader = reader_client(Client, settings)
        response = client.post(
            like_url(item), **JSON, REMOTE_ADDR=f"2001:db8:1:2::{host}"
        )
        codes.append(response.status_code)
    assert codes == [200, 200, 429]


def test_the_counts_endpoint_gives_counts_and_the_readers_likes_uncached(
    client, article, staff, settings
):
    liked, other = published(article, staff), published(article, staff)
    for _ in range(2):
        CommentLike.objects.create(item=other, reader=ReaderFactory())
    sign_in_client(client, reader := ReaderFactory(), settings)
    CommentLike.objects.create(item=liked, reader=reader)
    url = reverse("feedback:community_counts", args=[article.pk])

    response = client.get(url)

    assert response.json() == {
        "likes": {str(liked.pk): 1, str(other.pk): 2},
        "liked": [liked.pk],
        "reader": True,
    }
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# The order: 置顶, then 精选, then newest; 最热 is a page of its own
# (tests/feedback/test_hottest.py)


def test_pinned_then_featured_then_newest_without_a_query_string(
    client, article, staff
):
    old_pinned = published(article, staff, message="置顶的旧评论")
    featured = published(article, staff, message="精选评论")
    newest = published(article, staff, message="最新评论")
    Feedback.objects.filter(pk=old_pinned.pk).update(is_pinned=True)
    Feedback.objects.filter(pk=featured.pk).update(is_featured=True)

    page = soup_of(client.get(article.url))

    items = page.select("#feedback [data-comment]")
    assert [int(li["data-comment"]) for li in items] == [
        old_pinned.pk,
        featured.pk,
        newest.pk,
    ]
    assert items[0]["data-pinned"] == "1" and items[1]["data-featured"] == "1"
    assert all(li["data-created"].isdigit() for li in items)
    buttons = page.select("[data-comment-order] [data-order]")
    assert [b.get_text(strip=True) for b in buttons] == ["最新", "最热"]
    assert page.select_one("[data-comment-list]")["data-comment-list"] == reverse(
        "feedback:community_counts", args=[article.pk]
    )
    script = page.select_one('script[src$="feedback/comment-community.js"]')
    assert script is not None and not script.string
    assert "置顶" in items[0].get_text() and "精选" in items[1].get_text()


# Reports


def test_every_comment_and_reply_has_a_report_form_with_the_categories(
    client, article, staff
):
    item = published(article, staff)
    lifecycle.reply(item, staff, "谢谢指正。", "苏一禾", "编辑")
    page = soup_of(client.get(article.url))
    forms = page.select(f'#comment-{item.pk} form[action="{report_url(item)}"]')
    assert len(forms) == 2  # the comment's and the reply's
    assert forms[0].select_one('input[name="reply"]') is not None
    labels = [o.get_text() for o in forms[1].select("option")]
    assert labels == [
        "违法违规",
        "网络暴力",
        "个人隐私",
        "色情低俗",
        "广告营销",
        "其他",
    ]


def test_a_verified_reporter_sees_the_outcome_on_their_page(
    client, article, staff, settings
):
    item = published(article, staff, message="人肉搜索某某的住址")
    sign_in_client(client, reader := ReaderFactory(), settings)

    response = client.post(report_url(item), {"category": "privacy"})

    assert response.status_code == 200
    assert "已收到您的举报" in response.content.decode()
    assert reverse("feedback:mine") in response.content.decode()
    report = CommentReport.objects.get()
    assert (report.reader, report.category, report.outcome) == (reader, "privacy", "")
    mine = soup_of(client.get(reverse("feedback:mine")))
    assert "已收到，等待处理" in mine.select_one(".reader-reports").get_text()
    # Once only.
    again = client.post(report_url(item), {"category": "bullying"})
    assert again.status_code == 409 and "您已经举报过" in again.content.decode()

    staff_client = type(client)()
    staff_client.force_login(staff)
    edit = reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])
    staff_client.post(edit, {"action": "delete", "reason": "泄露他人住址"})

    item.refresh_from_db()
    assert (item.state, item.is_public) == (State.DELETED, False)
    mine = soup_of(client.get(reverse("feedback:mine")))
    assert "已处理：该评论已删除" in mine.select_one(".reader-reports").get_text()
    outcome = CommentLogEntry.objects.get(action="report_outcome")
    assert (outcome.step, outcome.item_id, outcome.user_id) == (
        "deleted",
        item.pk,
        staff.pk,
    )


@pytest.mark.parametrize(
    ("action", "outcome"),
    [
        ("hide", "已处理：该评论已隐藏"),
        ("dismiss_reports", "已处理：经核查未违反评论规则"),
    ],
)
def test_staff_decisions_become_the_reports_outcome(
    client, article, staff, settings, action, outcome
):
    item = published(article, staff)
    sign_in_client(client, ReaderFactory(), settings)
    client.post(report_url(item), {"category": "bullying"})
    staff_client = type(client)()
    staff_client.force_login(staff)
    edit = reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])
    staff_client.post(edit, {"action": action, "reason": "已核查"})
    mine = client.get(reverse("feedback:mine")).content.decode()
    assert outcome in mine


def test_a_burst_of_reports_from_different_readers_hides_the_comment(
    client, article, staff, settings
):
    settings.FEEDBACK_REPORT_HIDE_AFTER = (3, 3600)
    item = published(article, staff)
    first, first_reader = reader_client(Client, settings)
    first.post(report_url(item), {"category": "bullying"})
    first.post(report_url(item), {"category": "bullying"})  # the same reader
    client.post(report_url(item), {"category": "bullying"})  # unverified
    reader_client(Client, settings)[0].post(report_url(item), {"category": "illegal"})
    item.refresh_from_db()
    assert item.state == State.PUBLISHED and item.report_count == 3

    last, _reader = reader_client(Client, settings)
    last.post(report_url(item), {"category": "bullying"})

    item.refresh_from_db()
    assert (item.state, item.is_public) == (State.HIDDEN, False)
    event = item.events.get(action="auto_hide")
    assert event.actor is None and "3 位读者举报" in event.reason
    assert str(item.pk) not in [
        li["data-comment"]
        for li in soup_of(client.get(article.url)).select("[data-comment]")
    ]
    mine = first.get(reverse("feedback:mine")).content.decode()
    assert "处理中：该评论已暂时隐藏，等待人工复核" in mine
    # Staff review: published again, the reports were unfounded.
    lifecycle.publish(item, staff, "经核查，属正常批评")
    assert (
        "已处理：经核查未违反评论规则"
        in first.get(reverse("feedback:mine")).content.decode()
    )


def test_reports_are_logged_with_the_reader_and_address(
    client, article, staff, settings
):
    item = published(article, staff)
    sign_in_client(client, reader := ReaderFactory(), settings)
    client.post(report_url(item), {"category": "vulgar"}, REMOTE_ADDR="203.0.113.5")
    row = CommentLogEntry.objects.get(action="report")
    assert (row.detail["reporter"], row.ip_address) == (reader.pk, "203.0.113.5")
    assert row.reader_id == item.reader_id  # the commenter's, as on every row
    assert item.events.get(action="report").reason == "色情低俗（评论）"


def test_a_reply_is_reported_apart_from_its_comment(client, article, staff, settings):
    item = published(article, staff)
    answer = lifecycle.reply(item, staff, "谢谢。", "苏一禾", "编辑")
    sign_in_client(client, ReaderFactory(), settings)
    client.post(report_url(item), {"category": "other", "reply": answer.pk})
    client.post(report_url(item), {"category": "other"})
    assert CommentReport.objects.filter(reply=answer).count() == 1
    assert CommentReport.objects.filter(reply=None).count() == 1


# Staff actions on the record


def handle(client, user, item, action, reason="读者反映强烈"):
    client.force_login(user)
    edit = reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])
    return client.post(edit, {"action": action, "reason": reason})


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("feature", "is_featured", True), ("pin", "is_pinned", True)],
)
def test_staff_feature_and_pin_on_the_record_and_purge_the_article(
    client, article, staff, action, field, value
):
    from core.purging import content_changed

    item = published(article, staff)
    purged = []

    def receiver(sender, page_id, **kwargs):
        purged.append(page_id)

    content_changed.connect(receiver)
    try:
        handle(client, staff, item, action)
    finally:
        content_changed.disconnect(receiver)

    item.refresh_from_db()
    assert getattr(item, field) is value
    event = item.events.get(action=action)
    assert (event.actor, event.reason) == (staff, "读者反映强烈")
    row = CommentLogEntry.objects.get(action="moderate", step=action)
    assert (row.user_id, row.item_id) == (staff.pk, item.pk)
    assert article.pk in purged


def test_staff_actions_need_a_reason(client, article, staff):
    item = published(article, staff)
    handle(client, staff, item, "pin", reason=" ")
    item.refresh_from_db()
    assert not item.is_pinned and not item.events.filter(action="pin").exists()


def test_a_deleted_comment_cannot_come_back(client, article, staff):
    item = published(article, staff)
    handle(client, staff, item, "delete", reason="违法信息")
    item.refresh_from_db()
    assert item.state == State.DELETED
    with pytest.raises(lifecycle.TransitionNotAllowed):
        lifecycle.publish(item, staff)
    assert "delete" not in {
        name for name, _label in _buttons(client, item)
    }  # nothing more to do


def _buttons(client, item):
    edit = reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])
    return client.get(edit).context["community_buttons"]


def test_an_editor_of_another_column_cannot_pin(client, article, staff):
    from tests.feedback.test_admin import column_editor

    other = ColumnPageFactory(parent=get_home_page(), slug="other")
    item = published(article, staff)
    response = handle(client, column_editor(other), item, "pin")
    assert response.status_code == 404
    item.refresh_from_db()
    assert not item.is_pinned


def test_deleting_a_public_comment_is_on_the_record_and_purges_the_article(
    client, article, staff
):
    from core.purging import content_changed

    item = published(article, staff, message="某某的电话是……")
    purged = []

    def receiver(sender, page_id, **kwargs):
        purged.append(page_id)

    content_changed.connect(receiver)
    try:
        response = handle(client, staff, item, "delete", reason="泄露他人个人信息")
    finally:
        content_changed.disconnect(receiver)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.is_public) == (State.DELETED, False)
    # The history: who, when, why, from which state.
    event = item.events.get(action="delete")
    assert (event.actor, event.actor_name, event.reason) == (
        staff,
        "苏一禾",
        "泄露他人个人信息",
    )
    assert (event.from_state, event.to_state) == (State.PUBLISHED, State.DELETED)
    assert event.created_at is not None and not event.is_internal
    # The comment log: a moderation row by the staff member, with the text's hash.
    row = CommentLogEntry.objects.get(action="moderate", step="delete")
    assert (row.user_id, row.item_id, row.reader_id) == (
        staff.pk,
        item.pk,
        item.reader_id,
    )
    assert row.detail["from"] == State.PUBLISHED and row.detail["to"] == State.DELETED
    assert row.content_sha256
    assert article.pk in purged
    assert str(item.pk) not in [
        li["data-comment"]
        for li in soup_of(client.get(article.url)).select("[data-comment]")
    ]


# Reports of an official reply: the reply goes with the message it answers,
# and its reporter is told about the reply.


def report_reply(client, item, answer, category="other"):
    return client.post(report_url(item), {"category": category, "reply": answer.pk})


@pytest.mark.parametrize(
    ("action", "comment_outcome", "reply_outcome"),
    [
        ("delete", "已处理：该评论已删除", "已处理：该回复已随原留言删除"),
        ("hide", "已处理：该评论已隐藏", "已处理：该回复已随原留言隐藏"),
        (
            "dismiss_reports",
            "已处理：经核查未违反评论规则，予以保留",
            "已处理：经核查未违反评论规则，该回复予以保留",
        ),
    ],
)
def test_the_reporter_of_a_reply_is_told_about_the_reply(
    client, article, staff, settings, action, comment_outcome, reply_outcome
):
    item = published(article, staff)
    answer = lifecycle.reply(item, staff, "谢谢。", "苏一禾", "编辑")
    sign_in_client(client, ReaderFactory(), settings)
    report_reply(client, item, answer)
    other, _reader = reader_client(Client, settings)
    other.post(report_url(item), {"category": "bullying"})

    handle(Client(), staff, item, action, reason="已核查")

    assert set(CommentReport.objects.values_list("outcome", flat=True)) != {""}
    mine = soup_of(client.get(reverse("feedback:mine")))
    outcome = mine.select_one(".reader-reports__outcome").get_text(strip=True)
    assert outcome == reply_outcome and "该评论" not in outcome
    theirs = soup_of(other.get(reverse("feedback:mine")))
    assert comment_outcome in theirs.select_one(".reader-reports").get_text()


def test_a_reply_under_a_hidden_comment_is_in_review_in_words_about_the_reply(
    client, article, staff, settings
):
    settings.FEEDBACK_REPORT_HIDE_AFTER = (1, 3600)
    item = published(article, staff)
    answer = lifecycle.reply(item, staff, "谢谢。", "苏一禾", "编辑")
    sign_in_client(client, ReaderFactory(), settings)
    report_reply(client, item, answer)
    reader_client(Client, settings)[0].post(report_url(item), {"category": "bullying"})
    item.refresh_from_db()
    assert item.state == State.HIDDEN  # the comment's own report hid it

    mine = client.get(reverse("feedback:mine")).content.decode()

    assert "处理中：该回复已随原留言暂时隐藏，等待人工复核" in mine


def test_reports_of_a_public_complaints_reply_can_be_decided(
    client, article, staff, settings
):
    """Not only comments: a public complaint's reply is reported like a
    comment's, and the handler decides the report on the item view."""
    from tests.feedback.factories import walk_to

    item = walk_to(FeedbackFactory(article=article), State.REPLIED, staff)
    lifecycle.publish(item, staff)
    answer = item.replies.get()
    sign_in_client(client, ReaderFactory(), settings)
    report_reply(client, item, answer)
    staff_client = Client()
    staff_client.force_login(staff)
    assert ("dismiss_reports",) == tuple(
        name for name, _label in _buttons(staff_client, item)
    )

    handle(staff_client, staff, item, "dismiss_reports", reason="答复内容属实")

    report = CommentReport.objects.get()
    assert report.outcome == "kept" and report.decided_at is not None
    mine = client.get(reverse("feedback:mine")).content.decode()
    assert "已处理：经核查未违反评论规则，该回复予以保留" in mine
    item.refresh_from_db()
    assert item.is_public
    assert item.events.get(action="dismiss_reports").reason == "答复内容属实"
