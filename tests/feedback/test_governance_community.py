"""The yearly governance summary gains the comment community: readers'
reports and their outcomes, comments hidden after a burst of reports, and
sanctions by kind, per month, on the page and in the CSV."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback import comment_actions, lifecycle, reports
from feedback.governance_community import community_summary
from feedback.models import Kind
from readers import standing
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, handler
from tests.home.factories import get_home_page
from tests.readers.factories import ReaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(settings):
    settings.FEEDBACK_REPORT_HIDE_AFTER = (2, 3600)
    call_command("setup_newsroom", verbosity=0)
    article = ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))
    staff = handler()
    kept, deleted, burst = (
        FeedbackFactory(article=article, kind=Kind.COMMENT) for _ in range(3)
    )
    for item in (kept, deleted, burst):
        lifecycle.publish(item, staff)
    reports.report(kept, "other", reader=ReaderFactory())
    comment_actions.take(kept, "dismiss_reports", staff, "正常批评")
    for category in ("privacy", "bullying"):
        reports.report(deleted, category, reader=ReaderFactory())
    comment_actions.take(deleted, "delete", staff, "泄露隐私")
    for _ in range(2):
        reports.report(burst, "bullying", reader=ReaderFactory())
    reader = ReaderFactory()
    standing.apply(reader, "warning", user=staff, reason="提醒")
    standing.apply(reader, "mute", user=staff, reason="辱骂", days=3)
    standing.apply(reader, "ban", user=staff, reason="违法")
    return timezone.localdate().year


def test_reports_outcomes_and_sanctions_are_counted(year):
    total = community_summary(year)["total"]
    assert (total.reports, total.kept, total.deleted, total.auto_hidden) == (
        5,
        1,
        2,
        2,  # two reports hid `deleted` before staff deleted it, and `burst`
    )
    assert (total.warning, total.mute, total.ban, total.lift_ban) == (1, 1, 1, 0)
    month = community_summary(year)["months"][timezone.localdate().month - 1]
    assert month.cells()[1:] == total.cells()[1:]


def test_the_page_and_the_csv_show_them(client, year):
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("feedback_switches:governance")
    page = client.get(url, {"year": year}).content.decode()
    assert "举报与处罚" in page and "举报成立：删除" in page and "封禁" in page
    csv = b"".join(client.get(url, {"year": year, "format": "csv"}).streaming_content)
    text = csv.decode("utf-8-sig")
    assert "举报不成立：保留" in text and "解除封禁" in text
