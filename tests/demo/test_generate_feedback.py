from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from feedback.models import Feedback, FeedbackReply
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page


def generate(count: int, seed: int = 1) -> str:
    out = StringIO()
    call_command("generate_feedback", count=count, seed=seed, stdout=out)
    return out.getvalue()


@pytest.fixture
def articles(db):
    column = ColumnPageFactory(parent=get_home_page())
    return [ArticlePageFactory(parent=column) for _ in range(4)]


def test_items_spread_over_every_article_with_replies_and_public_ones(articles):
    generate(40)
    assert Feedback.objects.count() == 40
    for article in articles:
        assert Feedback.objects.filter(article=article).count() == 10
    assert Feedback.objects.filter(is_public=True).exists()
    assert FeedbackReply.objects.exists()


def test_a_second_run_reuses_the_items_and_a_bigger_one_adds_the_rest(articles):
    generate(20)
    first_codes = set(Feedback.objects.values_list("tracking_code", flat=True))
    assert "reusing" in generate(20)
    generate(30)
    codes = set(Feedback.objects.values_list("tracking_code", flat=True))
    assert Feedback.objects.count() == 30
    assert first_codes <= codes


def test_the_same_seed_gives_the_same_items(articles):
    generate(10)
    first = list(
        Feedback.objects.order_by("tracking_code").values_list("message", "state")
    )
    Feedback.objects.all().delete()
    generate(10)
    again = list(
        Feedback.objects.order_by("tracking_code").values_list("message", "state")
    )
    assert again == first


def test_without_articles_it_says_what_to_run_first(db):
    with pytest.raises(CommandError, match="generate_articles"):
        generate(10)
