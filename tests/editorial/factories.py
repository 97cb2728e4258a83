import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory
from wagtail.rich_text import RichText

from articles.models import ArticleByline, ArticlePage, Author, BylineRole, ColumnPage


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    last_name = "林"
    first_name = factory.Sequence(lambda n: f"同事{n}")
    password = factory.django.Password("newsroom-test")

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]


class AuthorFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"作者{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")

    class Meta:
        model = Author


class ColumnPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")
    default_disclaimer = "(本栏目文章仅代表作者观点。)"

    class Meta:
        model = ColumnPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A published article with one byline; `live=False` gives a draft."""

    title = factory.Sequence(lambda n: f"评论文章{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "一段导语。"
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>基层治理要把功夫下在平时。</p>"))]
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def bylines(page, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        role = BylineRole.objects.order_by("sort_order").first()
        for order, author in enumerate(authors):
            ArticleByline.objects.create(
                page=page, author=author, role=role, sort_order=order
            )
        revision = page.save_revision(user=page.owner)
        if page.live:
            revision.publish(user=page.owner, skip_permission_checks=True)
