"""Generate many reader feedback items fast, for benchmarks.

    manage.py generate_feedback --count 1000000 --seed 1

Bulk-inserted over the generated articles (generate_articles first), about
the same number per article whatever the archive size, in every kind and
state, some published with official replies. Item i of a seed is always
the same, and items already generated with this version and seed are kept:
a database built once is reused."""

import datetime as dt
import random
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import ArticlePage
from core.db_statistics import analyze
from feedback.models import Feedback, FeedbackReply, Kind, State
from feedback.tracking import ALPHABET

GENERATOR_VERSION = 1
FIRST_DATE = dt.datetime(2020, 1, 2, 8, 0, tzinfo=dt.UTC)
SPAN_MINUTES = 6 * 365 * 24 * 60
MESSAGES = [
    "办事大厅的叫号屏经常不亮,希望尽快修好。",
    "文章说得在理,社区里的情况确实如此。",
    "建议把线上预约的时段放宽一些,上班族不方便。",
    "第三段提到的数字和统计公报对不上,请核实。",
    "冬季供暖时间能否提前一周?老人孩子受不了。",
    "给窗口工作人员点赞,耐心又细致。",
    "公交站牌信息太旧了,好几条线路已经调整。",
    "希望多写写乡村的变化,很爱看。",
]
REPLIES = [
    "感谢您的反馈,相关部门已安排专人处理,预计本周内完成。",
    "经核实,文中数字有误,已更正,谢谢指正。",
    "您的建议已转交主管部门研究,我们会持续跟进。",
]
NAMES = ["网友", "老读者", "市民王先生", "李女士", ""]
# (kind, state, public) by share of the items.
MIX = [
    (Kind.COMMENT, State.PUBLISHED, True, 30),
    (Kind.COMMENT, State.SUBMITTED, False, 15),
    (Kind.COMMENT, State.HIDDEN, False, 10),
    (Kind.COMPLAINT, State.ACCEPTED, False, 10),
    (Kind.COMPLAINT, State.REPLIED, True, 10),
    (Kind.SUGGESTION, State.CLOSED, True, 10),
    (Kind.CORRECTION, State.IN_PROGRESS, False, 5),
    (Kind.COMMENT, State.SPAM, False, 10),
]
REPLIED_STATES = (State.REPLIED, State.CLOSED)


def code_for(index: int) -> str:
    """A tracking code of its own for item `index`: "Z" then base 31."""
    digits = []
    for _ in range(9):
        index, digit = divmod(index, len(ALPHABET))
        digits.append(ALPHABET[digit])
    return "Z" + "".join(reversed(digits))


class Command(BaseCommand):
    help = "Bulk-generate reader feedback (deterministic with --seed) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, count, seed, batch_size, **_):
        if count < 0:
            raise CommandError("--count cannot be negative")
        prefix = f"gen{GENERATOR_VERSION}-s{seed}-"
        existing = Feedback.objects.filter(fingerprint__startswith=prefix).count()
        if existing >= count:
            self.stdout.write(
                f"{existing} feedback items of generator v{GENERATOR_VERSION}, "
                f"seed {seed} already exist: reusing them."
            )
            return
        articles = self.articles()
        if not articles:
            raise CommandError("No live articles: run generate_articles first.")
        weights = [share for *_, share in MIX]
        started = time.monotonic()
        self.stdout.write(f"Generating feedback items {existing + 1}–{count}")
        for start in range(existing, count, batch_size):
            indexes = range(start, min(start + batch_size, count))
            with transaction.atomic():
                self.insert_batch(prefix, seed, indexes, articles, weights)
            self.progress(indexes.stop - existing, count - existing, started)
        self.stdout.write("")
        # Fresh bulk rows have no planner statistics (core/db_statistics.py).
        analyzed = analyze([Feedback, FeedbackReply])
        self.stdout.write(f"ANALYZE: {', '.join(analyzed)}")

    def articles(self) -> list[tuple[int, int, str]]:
        """(article pk, column pk, title) of every live article, oldest first."""
        rows = (
            ArticlePage.objects.live().order_by("pk").values_list("pk", "path", "title")
        )
        columns = {}
        result = []
        for pk, path, title in rows.iterator(chunk_size=10_000):
            column_path = path[: len(path) - ArticlePage.steplen]
            if column_path not in columns:
                columns[column_path] = (
                    ArticlePage.objects.filter(path=column_path)
                    .values_list("pk", flat=True)
                    .first()
                )
            result.append((pk, columns[column_path], title))
        return result

    def insert_batch(self, prefix, seed, indexes, articles, weights):
        items, replies = [], []
        for index in indexes:
            rng = random.Random(f"{seed}-{index}")  # noqa: S311 - not security
            kind, state, public, _ = rng.choices(MIX, weights=weights)[0]
            article_pk, column_pk, title = articles[(index * 7919) % len(articles)]
            created = FIRST_DATE + dt.timedelta(minutes=rng.randrange(SPAN_MINUTES))
            item = Feedback(
                tracking_code=code_for(index),
                tracking_token=f"{prefix}{index}",
                article_id=article_pk,
                column_id=column_pk,
                article_title=title[:255],
                kind=kind,
                state=state,
                message=rng.choice(MESSAGES),
                display_name=rng.choice(NAMES),
                consent_public=public or rng.random() < 0.5,
                is_public=public,
                fingerprint=f"{prefix}{index}",
                created_at=created,
            )
            if state in REPLIED_STATES:
                item.first_replied_at = item.replied_at = created + dt.timedelta(days=2)
            items.append(item)
        Feedback.objects.bulk_create(items)
        for item in items:
            if item.state in REPLIED_STATES:
                replies.append(
                    FeedbackReply(
                        feedback=item,
                        body=REPLIES[item.pk % len(REPLIES)],
                        signature_name="编辑部",
                        signature_role="读者服务",
                        created_at=item.replied_at,
                    )
                )
        FeedbackReply.objects.bulk_create(replies)

    def progress(self, done: int, total: int, started: float) -> None:
        elapsed = time.monotonic() - started
        rate = done / elapsed if elapsed else 0
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done:,}/{total:,} {rate:,.0f}/s", ending="")
        sys.stdout.flush()
