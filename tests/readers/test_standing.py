"""A commenter's credit state: new, trusted (fast lane, still reviewed),
restricted (a wait between comments), muted for N days, banned (the number
blacklisted); each sanction logged, shown to the reader with how to
appeal; appeals answered in the feedback queue; only the site
administrator lifts a ban."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commentlog.models import CommentLogEntry
from feedback import lifecycle
from feedback.models import CommentLike, CommentReport, Feedback, Kind, State
from readers import sms, standing, verification
from readers.models import BlockedPhone, Reader, Sanction, Standing
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, form_data, handler
from tests.home.factories import get_home_page
from tests.readers.conftest import sign_in_client
from tests.readers.factories import ReaderFactory

pytestmark = pytest.mark.django_db
PHONE = "13800138000"


@pytest.fixture
def article():
    return ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))


@pytest.fixture
def staff():
    return handler()


def role_user(role):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    standing.grant_sanction_permissions()  # as setup_newsroom does
    return user


def credit_url(reader):
    return reverse("readers_credit:credit", args=[reader.pk])


def sanction(client, user, reader, kind, reason="多次辱骂他人", days=""):
    client.force_login(user)
    return client.post(
        credit_url(reader), {"kind": kind, "reason": reason, "days": days}
    )


def comment(client, article, message="公交线路早该调整了。"):
    return client.post(
        reverse("feedback:submit", args=[article.pk]),
        form_data(article, kind="comment", message=message),
    )


def reader_client(settings, reader=None):
    client = Client()
    reader = reader or ReaderFactory()
    sign_in_client(client, reader, settings)
    return client, reader


def test_a_mute_stops_comments_likes_and_reports_until_it_ends(
    article, staff, settings
):
    reader_browser, reader = reader_client(settings)
    response = sanction(Client(), staff, reader, "mute", days="3")
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.standing == Standing.MUTED
    assert reader.muted_until > timezone.now() + dt.timedelta(days=2)

    refused = comment(reader_browser, article, message="我就要说。")
    text = refused.content.decode()
    assert refused.status_code == 403
    assert "您的账号已被禁言至" in text and "我就要说。" in text
    assert not Feedback.objects.filter(kind=Kind.COMMENT).exists()
    published = FeedbackFactory(article=article, kind=Kind.COMMENT)
    lifecycle.publish(published, staff)
    like = reader_browser.post(
        reverse("feedback:like", args=[published.pk]), HTTP_ACCEPT="application/json"
    )
    assert like.status_code == 403 and "禁言" in like.json()["error"]
    report = reader_browser.post(reverse("feedback:report", args=[published.pk]))
    assert report.status_code == 403
    assert not CommentLike.objects.exists() and not CommentReport.objects.exists()

    Reader.objects.filter(pk=reader.pk).update(
        muted_until=timezone.now() - dt.timedelta(minutes=1)
    )
    assert comment(reader_browser, article).status_code == 302


def test_a_restricted_commenter_waits_between_comments(article, staff, settings):
    settings.READER_RESTRICTED_COMMENT_INTERVAL = 600
    browser, reader = reader_client(settings)
    sanction(Client(), staff, reader, "restrict", reason="刷屏")
    assert comment(browser, article, "第一条评论。").status_code == 302

    second = comment(browser, article, "第二条评论。")

    assert second.status_code == 403
    assert "每 10 分钟只能发表一条评论" in second.content.decode()
    Feedback.objects.update(created_at=timezone.now() - dt.timedelta(minutes=11))
    assert comment(browser, article, "第三条评论。").status_code == 302


def test_each_sanction_is_logged_and_shown_with_how_to_appeal(staff, settings):
    browser, reader = reader_client(settings)
    sanction(Client(), staff, reader, "warning", reason="请文明发言")

    record = Sanction.objects.get(reader=reader)
    assert (record.kind, record.by, record.by_name) == ("warning", staff, "苏一禾")
    row = CommentLogEntry.objects.get(action="sanction")
    assert (row.step, row.reader_id, row.user_id) == ("warning", reader.pk, staff.pk)
    page = browser.get(reverse("readers:account")).content.decode()
    assert "警告" in page and "请文明发言" in page
    assert reverse("feedback:appeal", args=[record.pk]) in page


def test_an_appeal_lands_in_the_handlers_queue_and_is_answered_there(staff, settings):
    browser, reader = reader_client(settings)
    sanction(Client(), staff, reader, "mute", reason="辱骂", days="7")
    record = Sanction.objects.get()
    url = reverse("feedback:appeal", args=[record.pk])

    assert "辱骂" in browser.get(url).content.decode()
    response = browser.post(url, {"message": "我只是引用了原话，并非辱骂。"})

    appeal = Feedback.objects.get(kind=Kind.APPEAL)
    assert response.status_code == 302 and appeal.tracking_code in response["Location"]
    assert (appeal.reader, appeal.appeal_of, appeal.consent_public) == (
        reader,
        record,
        False,
    )
    # Again: back to the appeal already being handled.
    assert browser.get(url)["Location"].startswith(
        reverse("feedback:track", args=[appeal.tracking_code, appeal.tracking_token])
    )
    # In the handlers' queue, not in a column editor's.
    handler_client = Client()
    handler_client.force_login(staff)
    queue = handler_client.get(reverse("wagtailsnippets_feedback_feedback:list"))
    assert appeal in queue.context["object_list"]
    edit = reverse("wagtailsnippets_feedback_feedback:edit", args=[appeal.pk])
    assert "被申诉的处罚" in handler_client.get(edit).content.decode()
    handler_client.post(edit, {"action": "accept", "reason": ""})
    handler_client.post(
        edit,
        {
            "action": "reply",
            "body": "经复核，已解除禁言。",
            "signature_name": "苏一禾",
            "signature_role": "反馈处理员",
        },
    )
    sanction(handler_client, staff, reader, "reset", reason="申诉成立")
    appeal.refresh_from_db()
    assert appeal.state == State.REPLIED
    tracking = browser.get(
        reverse("feedback:track", args=[appeal.tracking_code, appeal.tracking_token])
    ).content.decode()
    assert "经复核，已解除禁言。" in tracking
    reader.refresh_from_db()
    assert standing.current(reader) == Standing.NEW
    mine = browser.get(reverse("feedback:mine")).content.decode()
    assert "申诉" in mine


def test_appeals_are_not_in_the_public_figures_or_the_article_form(
    client, article, staff, settings
):
    browser, reader = reader_client(settings)
    sanction(Client(), staff, reader, "warning")
    browser.post(
        reverse("feedback:appeal", args=[Sanction.objects.get().pk]),
        {"message": "不服"},
    )
    page = client.get(article.url).content.decode()
    assert 'value="appeal"' not in page
    from feedback.figures import compute

    assert compute()["overall"].received == 0


def test_only_the_reader_may_appeal_their_own_sanction(staff, settings):
    _browser, reader = reader_client(settings)
    other, _other_reader = reader_client(settings)
    sanction(Client(), staff, reader, "warning")
    url = reverse("feedback:appeal", args=[Sanction.objects.get().pk])
    assert other.get(url).status_code == 404
    assert other.post(url, {"message": "冒充"}).status_code == 404


def test_a_ban_blacklists_the_number_until_the_site_administrator_lifts_it(
    client, staff, settings
):
    from readers.phone import phone_hash

    reader = ReaderFactory(phone=f"+86{PHONE}")
    sanction(Client(), staff, reader, "ban", reason="多次发布违法信息")
    assert BlockedPhone.objects.filter(phone_hash=phone_hash(f"+86{PHONE}")).exists()

    refused = client.post(
        reverse("readers:verify"), {"phone": PHONE, "agree": "on", "action": "send"}
    )

    assert refused.status_code == 403
    assert "该手机号已被封禁，不能再次验证" in refused.content.decode()
    assert PHONE in refused.content.decode()  # what was typed stays
    assert not sms.outbox
    # Staff below the site administrator cannot lift it.
    sanction(Client(), staff, reader, "lift_ban", reason="误封")
    reader.refresh_from_db()
    assert reader.standing == Standing.BANNED

    admin = role_user("站点管理员")
    sanction(Client(), admin, reader, "lift_ban", reason="复核后解除")

    reader.refresh_from_db()
    assert reader.standing == Standing.NEW
    assert not BlockedPhone.objects.exists()
    lifted = CommentLogEntry.objects.get(action="sanction", step="lift_ban")
    assert lifted.user_id == admin.pk
    sent = client.post(
        reverse("readers:verify"), {"phone": PHONE, "agree": "on", "action": "send"}
    )
    assert sent.status_code == 200 and len(sms.outbox) == 1


def test_sanctions_need_a_reason(staff):
    reader = ReaderFactory()
    response = sanction(Client(), staff, reader, "mute", reason="")
    assert response.status_code == 400
    reader.refresh_from_db()
    assert reader.standing == Standing.NEW and not Sanction.objects.exists()


def test_editors_may_not_sanction(article):
    reader = ReaderFactory()
    editor = role_user("编辑")
    response = sanction(Client(), editor, reader, "warning")
    assert response.status_code in (302, 403)
    assert not Sanction.objects.exists()


def test_trusted_commenters_are_a_fast_lane_still_reviewed(article, staff, settings):
    browser, reader = reader_client(settings)
    sanction(Client(), staff, reader, "trust", reason="长期理性发言")
    other_browser, _other = reader_client(settings)
    comment(browser, article, "信用良好的评论。")
    comment(other_browser, article, "新用户的评论。")
    trusted_item = Feedback.objects.get(reader=reader)
    assert trusted_item.state == State.SUBMITTED and not trusted_item.is_public

    handler_client = Client()
    handler_client.force_login(staff)
    queue = handler_client.get(
        reverse("wagtailsnippets_feedback_feedback:list"), {"fast_lane": "yes"}
    )
    assert list(queue.context["object_list"]) == [trusted_item]
    full = handler_client.get(reverse("wagtailsnippets_feedback_feedback:list"))
    assert "快速通道" in full.content.decode()


def test_a_banned_reader_still_signed_in_cannot_comment_like_or_report(
    article, staff, settings
):
    reader_browser, reader = reader_client(settings)
    published = FeedbackFactory(article=article, kind=Kind.COMMENT)
    lifecycle.publish(published, staff)
    sanction(Client(), staff, reader, "ban", reason="多次发布违法信息")
    reader.refresh_from_db()
    assert reader.standing == Standing.BANNED

    refused = comment(reader_browser, article, message="换个说法再发一次。")
    like = reader_browser.post(
        reverse("feedback:like", args=[published.pk]), HTTP_ACCEPT="application/json"
    )
    like_page = reader_browser.post(reverse("feedback:like", args=[published.pk]))
    report = reader_browser.post(
        reverse("feedback:report", args=[published.pk]), {"category": "other"}
    )

    text = refused.content.decode()
    assert refused.status_code == 403
    assert "您的账号已被封禁" in text and "换个说法再发一次。" in text  # kept
    assert like.status_code == 403 and "封禁" in like.json()["error"]
    assert like_page.status_code == 403 and "封禁" in like_page.content.decode()
    assert report.status_code == 403 and "封禁" in report.content.decode()
    assert not Feedback.objects.filter(kind=Kind.COMMENT, reader=reader).exists()
    assert not CommentLike.objects.exists() and not CommentReport.objects.exists()
    published.refresh_from_db()
    assert published.report_count == 0
    # Still signed in: their page, with the ban and how to appeal.
    page = reader_browser.get(reverse("readers:account"))
    assert page.status_code == 200 and "多次发布违法信息" in page.content.decode()


def test_checking_a_code_for_a_banned_number_is_refused(client, staff, settings):
    """A code sent before the ban (or by any other way) verifies nothing."""
    from readers.phone import phone_hash

    reader = ReaderFactory(phone=f"+86{PHONE}")
    verified_at = reader.verified_at
    sent = client.post(
        reverse("readers:verify"), {"phone": PHONE, "agree": "on", "action": "send"}
    )
    assert sent.status_code == 200 and len(sms.outbox) == 1
    code = sms.outbox[-1][1]
    sanction(Client(), staff, reader, "ban", reason="多次发布违法信息")
    assert BlockedPhone.objects.filter(phone_hash=phone_hash(f"+86{PHONE}")).exists()

    refused = client.post(
        reverse("readers:verify"),
        {"phone": PHONE, "agree": "on", "code": code, "action": "check"},
    )

    text = refused.content.decode()
    assert refused.status_code == 403
    assert "该手机号已被封禁，不能再次验证" in text
    assert PHONE in text  # what was typed stays
    assert settings.READER_COOKIE_NAME not in refused.cookies
    reader.refresh_from_db()
    assert reader.verified_at == verified_at
    assert Reader.objects.count() == 1
    with pytest.raises(verification.Blocked):
        verification.check_code(f"+86{PHONE}", code)
