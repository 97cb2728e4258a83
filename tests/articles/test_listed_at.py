import datetime as dt

from articles.models import ArticlePage
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page


def test_list_date_is_the_display_date_else_the_first_publication(db):
    column = ColumnPageFactory(parent=get_home_page())
    plain = ArticlePageFactory(parent=column)
    dated = ArticlePageFactory(
        parent=column, display_date=dt.datetime(2020, 5, 4, 8, 0, tzinfo=dt.UTC)
    )
    plain.refresh_from_db()
    dated.refresh_from_db()
    assert plain.listed_at == plain.first_published_at
    assert dated.listed_at == dated.display_date


def test_publishing_a_new_display_date_moves_the_article_in_lists(db):
    column = ColumnPageFactory(parent=get_home_page())
    older, newer = ArticlePageFactory(parent=column), ArticlePageFactory(parent=column)
    older.display_date = newer.first_published_at + dt.timedelta(days=1)
    older.save_revision().publish()
    listed = list(ArticlePage.objects.child_of(column).for_listing())
    assert listed == [older, newer]
    assert listed[0].sort_date == older.display_date


def test_first_publication_of_a_draft_sets_its_list_date(db):
    column = ColumnPageFactory(parent=get_home_page())
    draft = ArticlePageFactory(parent=column, live=False, first_published_at=None)
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.listed_at == draft.first_published_at is not None
