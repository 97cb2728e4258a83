"""Generate many synthetic articles fast, for benchmarks.

    manage.py generate_articles --count 100000 --seed 1

Rows are bulk-inserted (tree paths computed directly, a revision per page,
bylines, tags), then indexed for search in batches. Article i of a seed is
always the same text, so runs are repeatable; articles already generated
with this generator version and seed are kept, and only the missing ones
are added (a database built once is reused)."""

import datetime as dt
import random
import sys
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connections, transaction
from taggit.models import Tag
from wagtail.models import Locale, Page, Revision
from wagtail.search.backends import get_search_backends

from articles.models import (
    ArticleByline,
    ArticlePage,
    ArticlePageTag,
    Author,
    BylineRole,
    ColumnPage,
)
from core.db_statistics import analyze
from demo.generator import phrases
from home.models import HomePage

GENERATOR_VERSION = 1
RETRIES = 5
RETRY_PAUSE = 3
FIRST_DATE = dt.datetime(2020, 1, 1, 8, 0, tzinfo=dt.UTC)
DATE_SPAN_MINUTES = 6 * 365 * 24 * 60
TAG_NAMES = [
    "政务服务",
    "基层治理",
    "民生",
    "营商环境",
    "数字政府",
    "教育",
    "养老",
    "交通",
    "文旅",
    "生态",
    "供暖",
    "医保",
    "税收",
    "社区",
    "乡村振兴",
    "消费",
]
FAMILY_NAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN_CHARS = "晓明静远嘉树一禾知行若水晚晴青山致宁安和清雨川岚志文华思月梅朵"


# Wagtail's database search index (SQLite adds an FTS5 table).
SEARCH_INDEX_TABLES = ["wagtailsearch_indexentry", "wagtailsearch_indexentry_fts"]


class Command(BaseCommand):
    help = (
        "Bulk-generate synthetic articles (deterministic with --seed) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--authors", type=int, default=60)
        parser.add_argument("--columns", type=int, default=3)
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--no-index", action="store_true", help="skip the search index"
        )

    def handle(self, *args, count, seed, authors, columns, batch_size, no_index, **_):
        if count < 1:
            raise CommandError("--count must be at least 1")
        self.seed = seed
        self.prefix = f"gen{GENERATOR_VERSION}-s{seed}-"
        existing = ArticlePage.objects.filter(slug__startswith=self.prefix).count()
        if existing >= count:
            self.stdout.write(
                f"{existing} articles of generator v{GENERATOR_VERSION}, seed {seed} "
                "already exist: reusing them."
            )
            return
        home = HomePage.objects.get()
        self.column_list = self.ensure_columns(home, columns)
        self.author_ids = self.ensure_authors(authors)
        self.role_id = BylineRole.objects.order_by("sort_order").values_list(
            "pk", flat=True
        )[0]
        self.tags = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
        self.article_type = ContentType.objects.get_for_model(ArticlePage)
        self.page_type = ContentType.objects.get_for_model(Page)
        self.locale_id = Locale.get_default().pk
        self.next_step = {
            column.pk: self.last_step(column) for column in self.column_list
        }

        started = time.monotonic()
        todo = range(existing, count)
        self.stdout.write(
            f"Generating articles {existing + 1}–{count} "
            f"(v{GENERATOR_VERSION}, seed {seed}) in batches of {batch_size}"
        )
        for batch_start in range(todo.start, todo.stop, batch_size):
            indexes = range(batch_start, min(batch_start + batch_size, count))
            ids = self.retrying(self.insert_batch, indexes)
            if not no_index:
                self.retrying(self.index_batch, ids)
            self.progress(indexes.stop - existing, count - existing, started)
        for column in self.column_list:
            Page.objects.filter(pk=column.pk).update(
                numchild=Page.objects.filter(
                    path__startswith=column.path, depth=column.depth + 1
                ).count()
            )
        # Fresh bulk rows have no planner statistics (core/db_statistics.py).
        analyzed = analyze(
            [Page, ArticlePage, Revision, ArticleByline, ArticlePageTag, Tag],
            tables=SEARCH_INDEX_TABLES,
        )
        self.stdout.write(f"\nANALYZE: {', '.join(analyzed)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {count - existing} articles in "
                f"{time.monotonic() - started:.1f} s"
            )
        )

    # Set-up ----------------------------------------------------------------

    def ensure_columns(self, home, wanted):
        existing = list(ColumnPage.objects.child_of(home).order_by("path"))
        for number in range(len(existing), wanted):
            column = ColumnPage(
                title=f"生成栏目{number + 1}", slug=f"gen-column-{number + 1}"
            )
            home.add_child(instance=column)
            column.save_revision().publish()
            existing.append(column)
        return existing[: max(wanted, 1)]

    def ensure_authors(self, wanted) -> list[int]:
        rng = random.Random(f"authors-{self.seed}")  # noqa: S311 - repeatable text
        slugs = [f"gen-author-{self.seed}-{number}" for number in range(wanted)]
        have = set(Author.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        Author.objects.bulk_create(
            Author(
                slug=slug,
                name=rng.choice(FAMILY_NAMES) + "".join(rng.sample(GIVEN_CHARS, 2)),
                title="特约评论员",
            )
            for slug in slugs
            if slug not in have
        )
        return list(Author.objects.filter(slug__in=slugs).values_list("pk", flat=True))

    def last_step(self, column) -> int:
        last = (
            Page.objects.filter(path__startswith=column.path, depth=column.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        return Page._str2int(last[-Page.steplen :]) if last else 0

    # One batch -------------------------------------------------------------

    def retrying(self, step, *args):
        """Run one batch step again after a dropped database connection (a
        long build should survive a database restart); the insert step is
        one transaction, so a failed attempt leaves nothing behind."""
        for attempt in range(1, RETRIES + 1):
            try:
                with transaction.atomic():
                    return step(*args)
            except OperationalError as error:
                if attempt == RETRIES:
                    raise
                self.stderr.write(f"\n{error.__class__.__name__}: {error}; retrying")
                connections.close_all()
                time.sleep(RETRY_PAUSE * attempt)

    def build(self, index: int):
        rng = random.Random(self.seed * 1_000_003 + index)  # noqa: S311
        column = self.column_list[index % len(self.column_list)]
        self.next_step[column.pk] += 1
        step = Page._int2str(self.next_step[column.pk]).rjust(Page.steplen, "0")
        published = FIRST_DATE + dt.timedelta(minutes=rng.randrange(DATE_SPAN_MINUTES))
        title = phrases.title(rng)
        slug = f"{self.prefix}{index:07d}"
        body = []
        for number in range(rng.randint(4, 7)):
            if number % 2:
                lead, text = phrases.thesis(rng)
                body.append(("thesis", {"lead": lead, "text": text}))
            else:
                text = phrases.paragraph(rng, rng.randint(3, 5))
                body.append(("paragraph", f"<p>{text}</p>"))
        article = ArticlePage(
            title=title,
            draft_title=title,
            slug=slug,
            path=column.path + step,
            depth=column.depth + 1,
            numchild=0,
            url_path=f"{column.url_path}{slug}/",
            content_type=self.article_type,
            locale_id=self.locale_id,
            translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            listed_at=published,
            listed_column=column,
            standfirst=phrases.standfirst(rng),
            body=[
                {
                    "type": kind,
                    "value": value,
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                }
                for kind, value in body
            ],
        )
        authors = rng.sample(self.author_ids, k=1 + (rng.random() < 0.2))
        tags = rng.sample(self.tags, k=rng.randint(1, 3))
        return article, authors, tags

    def insert_batch(self, indexes) -> list[int]:
        built = [self.build(index) for index in indexes]
        pages = Page.objects.bulk_create(
            [self.page_row(article) for article, _, _ in built]
        )
        for (article, _, _), page in zip(built, pages, strict=True):
            article.pk = article.id = article.page_ptr_id = page.pk
        local_fields = ArticlePage._meta.local_concrete_fields
        ArticlePage.objects.all()._batched_insert(
            [article for article, _, _ in built], local_fields, batch_size=None
        )
        bylines, tagged = [], []
        for article, authors, tags in built:
            article.bylines = [
                ArticleByline(
                    page_id=article.pk,
                    author_id=author,
                    role_id=self.role_id,
                    sort_order=order,
                )
                for order, author in enumerate(authors)
            ]
            article.tagged_items = [
                ArticlePageTag(content_object_id=article.pk, tag=tag) for tag in tags
            ]
            bylines.extend(article.bylines.all())
            tagged.extend(article.tagged_items.all())
        ArticleByline.objects.bulk_create(bylines)
        ArticlePageTag.objects.bulk_create(tagged)
        revisions = Revision.objects.bulk_create(
            Revision(
                content_type=self.article_type,
                base_content_type=self.page_type,
                object_id=str(article.pk),
                created_at=article.first_published_at,
                object_str=article.title,
                content=article.serializable_data(),
            )
            for article, _, _ in built
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        return [page.pk for page in pages]

    def page_row(self, article) -> Page:
        return Page(
            **{
                field.attname: getattr(article, field.attname)
                for field in Page._meta.concrete_fields
                if field.attname != "id"
            }
        )

    def index_batch(self, ids):
        articles = list(
            ArticlePage.objects.filter(pk__in=ids).prefetch_related(
                "bylines__author", "tags"
            )
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, articles)

    def progress(self, done: int, total: int, started: float):
        rate = done / max(time.monotonic() - started, 1e-6)
        width = 30
        filled = round(width * done / total)
        bar = "#" * filled + "." * (width - filled)
        line = f"[{bar}] {done:,}/{total:,}  {rate:,.0f}/s"
        if sys.stdout.isatty():
            self.stdout.write("\r" + line, ending="")
            self.stdout.flush()
        elif done == total or (done * 10 // total) != ((done - 1) * 10 // total):
            self.stdout.write(line)
