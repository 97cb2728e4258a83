"""The chief keeps a lead story on the front page until a chosen time; then
the scheduler lets it go and the front page chooses its lead itself."""

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def front(db):
    home = get_home_page()
    column = ColumnPageFactory(parent=home, title="青岚时评")
    now = timezone.now()
    pick = ArticlePageFactory(
        parent=column, title="置顶的头条", first_published_at=now - dt.timedelta(days=3)
    )
    newest = ArticlePageFactory(
        parent=column,
        title="最新的一篇",
        first_published_at=now - dt.timedelta(hours=1),
    )
    return home, pick, newest


def lead_title(client) -> str:
    return text_of(one(soup_of(client.get("/")), ".lead-story__title"))


def pin(home, pick, until):
    home.lead_story = pick
    home.lead_story_until = until
    home.save_revision(clean=False).publish()


def test_the_pick_leads_until_its_time(client, front):
    home, pick, _ = front
    pin(home, pick, timezone.now() + dt.timedelta(hours=2))
    assert lead_title(client) == "置顶的头条"


def test_past_its_time_the_front_page_chooses_again_even_before_the_scheduler(
    client, front
):
    home, pick, _ = front
    pin(home, pick, timezone.now() - dt.timedelta(minutes=1))
    assert lead_title(client) == "最新的一篇"


def test_the_scheduler_lets_go_of_an_expired_pick_by_publishing(front):
    home, pick, _ = front
    pin(home, pick, timezone.now() - dt.timedelta(minutes=1))
    out = StringIO()
    call_command("expire_lead_story", stdout=out)
    home.refresh_from_db()
    assert home.lead_story is None and home.lead_story_until is None
    assert home.live_revision == home.latest_revision
    assert "let go" in out.getvalue()


def test_a_pick_whose_time_has_not_come_is_kept(front):
    home, pick, _ = front
    until = timezone.now() + dt.timedelta(hours=2)
    pin(home, pick, until)
    call_command("expire_lead_story", stdout=StringIO())
    home.refresh_from_db()
    assert home.lead_story == pick and home.lead_story_until == until


def test_a_draft_of_the_front_page_stays_a_draft_without_the_pick(front):
    home, pick, _ = front
    pin(home, pick, timezone.now() - dt.timedelta(minutes=1))
    home.intro = "改了一半的导语"
    home.save_revision(clean=False)
    call_command("expire_lead_story", stdout=StringIO())
    home.refresh_from_db()
    assert home.has_unpublished_changes
    assert home.intro != "改了一半的导语"
    draft = home.get_latest_revision_as_object()
    assert draft.intro == "改了一半的导语"
    assert draft.lead_story is None and draft.lead_story_until is None


def test_a_time_needs_a_pick(front):
    home, _, _ = front
    home.lead_story_until = timezone.now() + dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as without_pick:
        home.clean()
    assert "lead_story_until" in without_pick.value.message_dict


def test_the_editor_refuses_a_time_that_has_passed_and_keeps_the_input(client, front):
    home, pick, _ = front
    chief = UserFactory(is_superuser=True)
    client.force_login(chief)
    url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    form = client.get(url).context["form"]
    data = nested_form_data(
        {
            **{name: form.initial.get(name, "") for name in ("title", "slug", "intro")},
            "lead_story": pick.pk,
            "lead_story_until": "2001-01-01 08:00",
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["lead_story_until"], errors
    assert response.context["form"]["lead_story_until"].value() == "2001-01-01 08:00"


def test_the_scheduler_runs_it_every_minute():
    jobs = {job["command"]: job["every"] for job in settings.SCHEDULED_COMMANDS}
    assert jobs["expire_lead_story"] == 60
