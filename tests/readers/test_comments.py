"""Who may comment: the policy, what a verified reader's comment stores and
shows (nickname, IP属地), and what comes back to a reader who may not."""

import pytest
from django.urls import reverse

from feedback import lifecycle
from feedback.models import Feedback, Kind
from readers.models import Consent
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import form_data, handler
from tests.home.factories import get_home_page
from tests.readers.conftest import sign_in_client
from tests.readers.factories import ReaderFactory, rules_documents

pytestmark = pytest.mark.django_db
GUANGZHOU = "113.108.81.189"


@pytest.fixture
def article():
    return ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))


def submit(client, article, address=GUANGZHOU, **fields):
    return client.post(
        reverse("feedback:submit", args=[article.pk]),
        form_data(article, **fields),
        REMOTE_ADDR=address,
    )


def test_unverified_comment_is_refused_with_everything_typed_kept(client, article):
    response = submit(
        client,
        article,
        kind="comment",
        message="这条公交线早该调整了。",
        display_name="老李",
        contact="li@example.com",
        consent_public="on",
    )
    text = response.content.decode()
    assert response.status_code == 403
    assert "发表公开评论需先验证手机号" in text
    assert "这条公交线早该调整了。" in text and 'value="li@example.com"' in text
    assert reverse("readers:verify") in text
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("kind", [Kind.COMPLAINT, Kind.SUGGESTION, Kind.CORRECTION])
def test_private_feedback_stays_open_to_unverified_readers(client, article, kind):
    response = submit(client, article, kind=kind, message=f"{kind}：站台没有遮阳棚。")
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert item.reader is None and item.ip_region == "广东"


def test_policy_can_require_verification_for_everything(client, article, settings):
    settings.READER_VERIFICATION_REQUIRED_FOR = [k.value for k in Kind]
    assert submit(client, article, kind="complaint").status_code == 403


def test_policy_default_in_base_settings_is_public_comments():
    from newsroom.settings import base

    assert base.READER_VERIFICATION_REQUIRED_FOR == ["comment"]


def test_verified_readers_comment_carries_nickname_and_ip_region(
    client, article, settings
):
    reader = ReaderFactory(nickname="江城老李")
    sign_in_client(client, reader, settings)
    response = submit(
        client,
        article,
        kind="comment",
        message="支持加密班次。",
        display_name="随便写的名字",
        consent_public="on",
    )
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert (item.reader, item.display_name, item.ip_region) == (
        reader,
        "江城老李",
        "广东",
    )
    assert item.ip_address == GUANGZHOU

    lifecycle.publish(item, handler())
    page = client.get(article.url).content.decode()
    assert "江城老李" in page and "IP属地：广东" in page
    assert "随便写的名字" not in page
    assert reader.phone_last4 not in page.split("feedback-list", 1)[-1]


def test_region_is_stored_at_submission_and_outlives_the_address(
    client, article, settings
):
    reader = ReaderFactory()
    sign_in_client(client, reader, settings)
    submit(client, article, address="2001:db8::1", kind="comment", consent_public="on")
    item = Feedback.objects.get()
    assert item.ip_region == "未知"
    Feedback.objects.update(ip_address=None)  # what erase_feedback_contacts does
    item.refresh_from_db()
    assert item.ip_region == "未知"


def test_reader_without_nickname_is_asked_for_one(client, article, settings):
    sign_in_client(client, ReaderFactory(nickname=None), settings)
    response = submit(client, article, kind="comment", message="我也想说两句。")
    assert response.status_code == 403
    assert "请先设置昵称" in response.content.decode()
    assert "我也想说两句。" in response.content.decode()


def test_changed_rules_ask_again_before_the_next_comment(client, article, settings):
    docs = rules_documents("v1")
    reader = ReaderFactory()
    for doc in docs:
        Consent.objects.get_or_create(reader=reader, document=doc.kind, version="v1")
    sign_in_client(client, reader, settings)
    assert submit(client, article, kind="comment", message="第一条").status_code == 302

    docs[0].version = "v2"
    docs[0].save()
    refused = submit(client, article, kind="comment", message="第二条")
    assert refused.status_code == 403
    assert "评论规则已更新" in refused.content.decode()
    state = client.get(reverse("readers:state")).json()
    assert state["needs_consent"]

    page = client.get(reverse("readers:consent"))
    assert "评论规则" in page.content.decode()
    assert client.post(reverse("readers:consent"), {}).status_code == 400
    client.post(reverse("readers:consent"), {"agree": "on"})
    assert Consent.objects.filter(
        reader=reader, document="rules", version="v2"
    ).exists()
    assert submit(client, article, kind="comment", message="第二条").status_code == 302


def test_suspended_reader_is_nobody(client, article, settings):
    reader = ReaderFactory(is_active=False)
    sign_in_client(client, reader, settings)
    assert submit(client, article, kind="comment").status_code == 403


def test_rules_documents_are_public_pages(client):
    rules_documents("2026-12-01")
    page = client.get(reverse("readers:document", args=["rules"]))
    assert page.status_code == 200
    assert (
        "评论规则正文" in page.content.decode()
        and "2026-12-01" in page.content.decode()
    )
    assert client.get(reverse("readers:document", args=["nope"])).status_code == 404


def test_comment_log_has_the_refusal_and_the_verified_submission(
    client, article, settings
):
    from commentlog.models import CommentLogEntry

    submit(client, article, kind="comment", message="未验证的评论")
    refused = CommentLogEntry.objects.get()
    assert (refused.action, refused.step, refused.reader_id) == (
        "submit",
        "refused_verify",
        None,
    )
    assert refused.ip_address == GUANGZHOU and refused.article_id == article.pk

    reader = ReaderFactory()
    sign_in_client(client, reader, settings)
    submit(client, article, kind="comment", message="验证后的评论")
    row = CommentLogEntry.objects.filter(action="submit", step="submit").get()
    assert row.reader_id == reader.pk and row.ip_address == GUANGZHOU


def test_the_three_documents_exist_from_the_start():
    from readers.models import ReaderDocument

    assert set(ReaderDocument.objects.values_list("kind", flat=True)) == {
        "rules",
        "terms",
        "privacy",
    }


def test_reader_who_never_agreed_is_sent_to_agree(client, article, settings):
    sign_in_client(client, ReaderFactory(agreed=False), settings)
    response = submit(client, article, kind="comment", message="没同意过规则")
    assert response.status_code == 403
    assert "评论规则已更新" in response.content.decode()


def test_my_comments_lists_only_the_readers_own_items(client, article, settings):
    reader = ReaderFactory()
    other = ReaderFactory()
    sign_in_client(client, other, settings)
    submit(client, article, kind="comment", message="别人的评论")
    client.cookies.clear()
    assert client.get(reverse("feedback:mine")).status_code == 302
    sign_in_client(client, reader, settings)
    submit(client, article, kind="comment", message="我自己的评论")
    page = client.get(reverse("feedback:mine"))
    text = page.content.decode()
    assert page.status_code == 200 and "private" in page["Cache-Control"]
    assert "我自己的评论" in text and "别人的评论" not in text
    mine = Feedback.objects.get(reader=reader)
    assert mine.tracking_token in text
    assert (
        reverse("feedback:mine")
        in client.get(reverse("readers:account")).content.decode()
    )
