"""Nobody reaches what they may not see: anonymous readers and signed-in
users without admin access never see drafts, previews, revisions or
private pages."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory, make_private
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db

SECRET = "尚未发表的独家内容"


@pytest.fixture
def column():
    return ColumnPageFactory(parent=get_home_page(), slug="xueyu")


@pytest.fixture
def draft(column):
    page = ArticlePageFactory(parent=column, slug="draft", title=SECRET, live=False)
    page.save_revision()
    return page


@pytest.fixture
def edited(column):
    """Live, with unpublished changes in its latest revision."""
    page = ArticlePageFactory(parent=column, slug="edited", title="公开的标题")
    page.title = SECRET
    page.save_revision()
    return page


@pytest.fixture(params=["anonymous", "reader"])
def outsider(request, client):
    if request.param == "reader":
        client.force_login(UserFactory(username="reader"))
    return client


def assert_not_shown(response):
    assert response.status_code in {302, 403, 404}
    if response.status_code == 302:
        assert reverse("wagtailadmin_login") in response["Location"]
    assert SECRET not in response.content.decode()


def test_a_draft_is_not_found(outsider, draft):
    assert_not_shown(outsider.get("/xueyu/draft/"))


def test_unpublished_changes_stay_unpublished(outsider, edited):
    response = outsider.get(edited.url)

    assert response.status_code == 200
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    "view", ["wagtailadmin_pages:view_draft", "wagtailadmin_pages:preview_on_edit"]
)
def test_drafts_and_previews_need_the_admin(outsider, draft, edited, view):
    for page in (draft, edited):
        assert_not_shown(outsider.get(reverse(view, args=[page.pk])))


def test_revisions_need_the_admin(outsider, edited):
    revision = edited.get_latest_revision()
    urls = [
        reverse("wagtailadmin_pages:revisions_view", args=[edited.pk, revision.pk]),
        reverse("wagtailadmin_pages:history", args=[edited.pk]),
        reverse("wagtailadmin_pages:edit", args=[edited.pk]),
    ]
    for url in urls:
        assert_not_shown(outsider.get(url))


def test_a_password_protected_page_shows_only_the_password_form(outsider, column):
    page = ArticlePageFactory(parent=column, slug="private", title=SECRET)
    make_private(page)

    response = outsider.get(page.url)

    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_a_wrong_password_does_not_open_a_private_page(outsider, column):
    page = ArticlePageFactory(parent=column, slug="private", title=SECRET)
    restriction = make_private(page)

    response = outsider.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        ),
        {"password": "guess", "return_url": page.url},
    )

    assert SECRET not in response.content.decode()
    assert SECRET not in outsider.get(page.url).content.decode()


def test_a_login_restricted_page_sends_anonymous_readers_to_log_in(client, column):
    page = ArticlePageFactory(parent=column, slug="staff-only", title=SECRET)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(page.url)

    assert response.status_code == 302
    assert SECRET not in response.content.decode()


def test_private_pages_and_drafts_stay_out_of_listings_and_the_sitemap(
    outsider, column, draft
):
    private = ArticlePageFactory(parent=column, slug="private", title=SECRET + "2")
    make_private(private)

    for url in [column.url, "/", "/sitemap.xml"]:
        html = outsider.get(url).content.decode()
        assert SECRET not in html
        assert "/xueyu/draft/" not in html
        assert "/xueyu/private/" not in html


def test_the_admin_is_closed_to_users_without_admin_access(outsider):
    for name in [
        "wagtailadmin_home",
        "wagtailusers_users:index",
        "wagtailsnippets_core_term:list",
    ]:
        assert_not_shown(outsider.get(reverse(name)))


# --- Reader feedback: contact details and exports ------------------------------


@pytest.fixture
def feedback_items(column):
    from feedback.models import State
    from tests.feedback.factories import FeedbackFactory, handler, walk_to

    article = ArticlePageFactory(parent=column, slug="with-feedback")
    staff = handler()
    comment = FeedbackFactory(
        article=article,
        kind="comment",
        contact="reader@example.com",
        ip_address="203.0.113.9",
    )
    walk_to(comment, State.PUBLISHED, staff)
    complaint = FeedbackFactory(
        article=article, contact="13800138000", ip_address="198.51.100.77"
    )
    walk_to(complaint, State.REPLIED, staff)
    return article, comment, complaint


def test_feedback_queue_items_and_exports_need_the_admin(outsider, feedback_items):
    _, comment, _ = feedback_items
    urls = [
        reverse("wagtailsnippets_feedback_feedback:list"),
        reverse("wagtailsnippets_feedback_feedback:list") + "?export=csv",
        reverse("wagtailsnippets_feedback_feedback:list") + "?export=xlsx",
        reverse("wagtailsnippets_feedback_feedback:edit", args=[comment.pk]),
    ]
    for url in urls:
        response = outsider.get(url)
        assert_not_shown(response)
        assert "reader@example.com" not in response.content.decode()


def test_public_pages_never_show_contact_details_or_addresses(client, feedback_items):
    article, comment, complaint = feedback_items
    urls = [
        article.url,
        reverse("feedback:figures"),
        reverse("feedback:lookup") + f"?code={complaint.tracking_code}",
        reverse("feedback:track", args=[comment.tracking_code, comment.tracking_token]),
        reverse(
            "feedback:track", args=[complaint.tracking_code, complaint.tracking_token]
        ),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        for private in [
            "reader@example.com",
            "13800138000",
            "203.0.113.9",
            "198.51.100.77",
        ]:
            assert private not in html, (url, private)
