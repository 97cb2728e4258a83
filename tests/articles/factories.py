import datetime as dt

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from articles.models import (
    ArticleByline,
    ArticlePage,
    Author,
    AuthorIndexPage,
    BylineRole,
    ColumnPage,
    RelatedArticle,
    Source,
)

FIRST_PUBLISHED = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"作者{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")

    class Meta:
        model = Author


class SourceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"来源{n}")
    url = ""

    class Meta:
        model = Source


class ColumnPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")
    default_kicker = ""
    default_disclaimer = ""

    class Meta:
        model = ColumnPage


class AuthorIndexPageFactory(wagtail_factories.PageFactory):
    title = "作者"
    slug = "authors"

    class Meta:
        model = AuthorIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A live article; pass parent=column.

    bylines=[("记者", author), ...], pinned=[article, ...] and tags=["民生"]
    are added after the page is saved, in the given order.
    """

    title = factory.Sequence(lambda n: f"文章标题{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>正文段落。</p>"))])
    # Later articles are newer, so listing order follows creation order.
    first_published_at = factory.Sequence(
        lambda n: FIRST_PUBLISHED + dt.timedelta(hours=n)
    )
    live = True

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()

    @factory.post_generation
    def bylines(self, create, extracted, **kwargs):
        for order, (role_name, author) in enumerate(extracted or []):
            ArticleByline.objects.create(
                page=self,
                role=BylineRole.objects.get(name=role_name),
                author=author,
                sort_order=order,
            )

    @factory.post_generation
    def pinned(self, create, extracted, **kwargs):
        for order, article in enumerate(extracted or []):
            RelatedArticle.objects.create(page=self, article=article, sort_order=order)


def make_private(page) -> PageViewRestriction:
    """Put the page behind a password, as an editor would in the privacy dialog."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
