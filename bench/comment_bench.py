"""100 verified readers posting comments on one article for 30 s while the
article stays served from the page cache (a benchmark, not a test).
`make bench-comments` runs it (and `make bench` after the page rows).

    .venv/bin/python bench/comment_bench.py                   # 100 readers, 30 s
    .venv/bin/python bench/comment_bench.py --readers 20 --duration 5

On PostgreSQL, the production database (newsroom_bench_comments, made
afresh every run: migrate, load_demo), under production settings with two
limits raised (bench/comment_bench_settings.py, printed at the start).
100 readers are created directly in the database, verified, with a nickname
and consent to the current rules documents (no SMS is sent), each given
the signed `newsroom_reader` cookie the site would have set. gunicorn
serves the site with the page cache on (Redis); each posting client sends
its own address in X-Forwarded-For (the header the app trusts from
127.0.0.1) and posts a new comment about once a second; one reader loop
fetches the article all along and counts X-Page-Cache hit / miss.

Then, from the database: every accepted comment (answered 302) stored
exactly once (by its text), and its comment-log rows complete (a submission
and a screening row, each with the item, article, reader and the text's
SHA-256; the submission row with the client's address). Written to
bench/results/comments-<readers>-<seconds>s.json and .txt."""

import argparse
import http.client
import json
import os
import platform
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_bench import django_eval, log, manage  # noqa: E402
from servers import Gunicorn  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
WORK = ROOT / "build" / "bench-comments"
APP_PORT = 18950
DATABASE = "newsroom_bench_comments"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789"  # noqa: S105
REASONS = {
    302: "accepted",
    400: "invalid form",
    403: "refused (unverified or closed)",
    409: "duplicate",
    429: "rate limited",
}


def app_env() -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "comment_bench_settings",
        "PYTHONPATH": str(BENCH),
        "DATABASE_URL": DATABASE_URL,
        "SECRET_KEY": SECRET_KEY,
        "READER_PHONE_HMAC_KEY": "bench-only-phone-key",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "REDIS_URL": "redis://127.0.0.1:6379/12",
        "CACHE_KEY_PREFIX": f"bench-comments-{int(time.time())}",
        "PAGE_CACHE_ENABLED": "1",
        "TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        "TRUSTED_PROXIES": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",
    }


def fresh_database(env: dict) -> None:
    import psycopg2

    server = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cursor.execute(
            f"CREATE DATABASE \"{DATABASE}\" TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    server.close()
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo")


SETUP = """
import json
from django.conf import settings
from django.core import signing
from articles.models import ArticlePage
from feedback.forms import issue_timestamp
from readers import policy
from readers.models import Reader
from readers.session import SALT

article = ArticlePage.objects.live().public().order_by('pk').first()
versions = policy.current_versions()
signer = signing.get_cookie_signer(salt=settings.READER_COOKIE_NAME + SALT)
cookies = []
for n in range(COUNT):
    reader = Reader.objects.create(
        phone_hash=f'bench{n:059d}', phone_last4=f'{n:04d}', nickname=f'压测读者{n:03d}'
    )
    policy.record_consent(reader, versions)
    assert policy.may_comment(reader)
    cookies.append(signer.sign(f'{reader.pk}:{reader.session_key}'))
print(json.dumps({
    'article_id': article.pk,
    'article_url': article.url,
    'issued': issue_timestamp(article.pk),
    'cookies': cookies,
    'documents': versions,
    'cookie_name': settings.READER_COOKIE_NAME,
    'limits': {
        'FEEDBACK_RATE_LIMIT_ENABLED': settings.FEEDBACK_RATE_LIMIT_ENABLED,
        'FEEDBACK_RATE_LIMIT_PER_IP': settings.FEEDBACK_RATE_LIMIT_PER_IP,
        'FEEDBACK_RATE_LIMIT_PER_ARTICLE': settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE,
        'FEEDBACK_DUPLICATE_WINDOW': settings.FEEDBACK_DUPLICATE_WINDOW,
        'FEEDBACK_MIN_FILL_SECONDS': settings.FEEDBACK_MIN_FILL_SECONDS,
        'READER_VERIFICATION_REQUIRED_FOR': settings.READER_VERIFICATION_REQUIRED_FOR,
        'PAGE_CACHE_ENABLED': settings.PAGE_CACHE_ENABLED,
    },
}))
"""

CHECK = """
import hashlib, json
from collections import Counter
from commentlog.models import CommentLogEntry
from feedback.models import Feedback

accepted = json.load(open(PATH))
texts = [a['message'] for a in accepted]
items = {}
copies = Counter()
for item in Feedback.objects.filter(message__in=texts):
    copies[item.message] += 1
    items[item.message] = item
rows = {}
for entry in CommentLogEntry.objects.filter(item_id__in=[i.pk for i in items.values()]):
    rows.setdefault(entry.item_id, []).append(entry)
stored_once = sum(1 for t in texts if copies[t] == 1)
missing = sum(1 for t in texts if copies[t] == 0)
multiple = sum(1 for t in texts if copies[t] > 1)
complete = 0
incomplete = []
actions = Counter()
for a in accepted:
    item = items.get(a['message'])
    if item is None:
        continue
    digest = hashlib.sha256(a['message'].encode()).hexdigest()
    entries = rows.get(item.pk, [])
    actions.update(e.action for e in entries)
    def good(e):
        return (
            e.article_id == item.article_id == ARTICLE
            and e.reader_id == item.reader_id == a['reader_id']
            and e.content_sha256 == digest
            # The address is on the submission row (the screening row has none).
            and (e.action != 'submit' or e.ip_address == a['ip'])
        )
    have = {e.action for e in entries if good(e)}
    if {'submit', 'screen'} <= have:
        complete += 1
    else:
        incomplete.append([item.pk, sorted(have), len(entries)])
print(json.dumps({
    'accepted': len(texts),
    'stored_once': stored_once,
    'missing': missing,
    'stored_more_than_once': multiple,
    'log_complete': complete,
    'log_incomplete': len(incomplete),
    'log_incomplete_examples': incomplete[:5],
    'log_rows_by_action': dict(actions),
    'states': dict(Counter(str(i.state) for i in items.values())),
    'all_comment_rows': Feedback.objects.filter(article_id=ARTICLE).count(),
}))
"""


class Poster(threading.Thread):
    """One verified reader: a keep-alive connection, a new comment about once
    a second (after each answer, `pause` seconds)."""

    def __init__(self, n, setup, run, stop, pause):
        super().__init__(daemon=True)
        self.n, self.setup, self.run_id, self.stop, self.pause = (
            n,
            setup,
            run,
            stop,
            pause,
        )
        self.ip = f"198.18.{n // 256}.{n % 256 + 1}"
        self.statuses = Counter()
        self.accepted = []
        self.errors = 0
        self.latencies = []

    def run(self):
        setup = self.setup
        cookie = f"{setup['cookie_name']}={setup['cookies'][self.n]}"
        reader_id = int(setup["cookies"][self.n].split(":", 1)[0])
        path = f"/feedback/article/{setup['article_id']}/"
        sent = 0
        connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=60)
        while not self.stop.is_set():
            sent += 1
            message = (
                f"压测评论 {self.run_id}-{self.n:03d}-{sent}：希望文章能多讲讲"
                f"具体的办事流程，第 {sent} 条。"
            )
            body = urllib.parse.urlencode(
                {
                    "kind": "comment",
                    "message": message,
                    "display_name": "",
                    "contact": "",
                    "consent_public": "on",
                    "website": "",
                    "issued": setup["issued"],
                }
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": self.ip,
                "Origin": f"http://127.0.0.1:{APP_PORT}",
                "Cookie": cookie,
            }
            started = time.monotonic()
            try:
                connection.request("POST", path, body, headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                self.errors += 1
                connection.close()
                connection = http.client.HTTPConnection(
                    "127.0.0.1", APP_PORT, timeout=60
                )
                continue
            self.latencies.append(time.monotonic() - started)
            self.statuses[status] += 1
            if status == 302:
                self.accepted.append(
                    {"message": message, "ip": self.ip, "reader_id": reader_id}
                )
            self.stop.wait(self.pause)
        connection.close()


class ArticleReader(threading.Thread):
    """Fetches the article (no cookie) all along; counts X-Page-Cache."""

    def __init__(self, path, stop, pause=0.05):
        super().__init__(daemon=True)
        self.path, self.stop, self.pause = path, stop, pause
        self.cache = Counter()
        self.statuses = Counter()
        self.latencies = []

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=60)
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                connection.request("GET", self.path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self.statuses["error"] += 1
                connection.close()
                connection = http.client.HTTPConnection(
                    "127.0.0.1", APP_PORT, timeout=60
                )
                continue
            self.latencies.append(time.monotonic() - started)
            self.statuses[response.status] += 1
            self.cache[response.getheader("X-Page-Cache") or "none"] += 1
            self.stop.wait(self.pause)
        connection.close()


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--pause", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    env = app_env()
    os.environ["PYTHONPATH"] = str(BENCH)

    log(f"Database {DATABASE} (PostgreSQL), made afresh: migrate, load_demo")
    fresh_database(env)
    setup_code = SETUP.replace("COUNT", str(args.readers))
    setup = json.loads(django_eval(env, setup_code).splitlines()[-1])
    log(
        f"{args.readers} verified readers created in the database (nickname, "
        f"consent to {setup['documents']}), each with a signed "
        f"{setup['cookie_name']} cookie"
    )
    log(
        "Limits (bench/comment_bench_settings.py; production: per IP (10, 600), "
        "per article (120, 3600)):"
    )
    for name, value in setup["limits"].items():
        log(f"  {name} = {value}")

    stop = threading.Event()
    run_id = int(time.time())
    with Gunicorn(
        APP_PORT,
        env,
        args.workers,
        WORK / "gunicorn.log",
        control_socket=WORK / "gunicorn.ctl",
    ):
        # Warm the article into the page cache; the reader loop counts after.
        warm = http.client.HTTPConnection("127.0.0.1", APP_PORT, timeout=60)
        for _ in range(2):
            warm.request("GET", setup["article_url"])
            response = warm.getresponse()
            response.read()
            log(
                f"warm-up GET {setup['article_url']}: {response.status} "
                f"X-Page-Cache {response.getheader('X-Page-Cache')}"
            )
        warm.close()
        time.sleep(setup["limits"]["FEEDBACK_MIN_FILL_SECONDS"] + 0.5)
        posters = [
            Poster(n, setup, run_id, stop, args.pause) for n in range(args.readers)
        ]
        reader = ArticleReader(setup["article_url"], stop)
        log(
            f"{args.readers} readers posting to article {setup['article_id']} "
            f"for {args.duration} s (gunicorn {args.workers} workers x 4 threads)"
        )
        started = time.monotonic()
        reader.start()
        for poster in posters:
            poster.start()
        time.sleep(args.duration)
        stop.set()
        for poster in posters:
            poster.join(timeout=90)
        reader.join(timeout=90)
        elapsed = time.monotonic() - started

    statuses = Counter()
    accepted = []
    latencies = []
    errors = 0
    for poster in posters:
        statuses.update(poster.statuses)
        accepted.extend(poster.accepted)
        latencies.extend(poster.latencies)
        errors += poster.errors
    accepted_path = WORK / "accepted.json"
    accepted_path.write_text(json.dumps(accepted, ensure_ascii=False))
    check_code = CHECK.replace("PATH", repr(str(accepted_path))).replace(
        "ARTICLE", str(setup["article_id"])
    )
    check = json.loads(django_eval(env, check_code).splitlines()[-1])

    requests = sum(statuses.values())
    refused = {
        REASONS.get(status, f"HTTP {status}"): count
        for status, count in sorted(statuses.items())
        if status != 302
    }
    if errors:
        refused["connection errors"] = errors
    article_requests = sum(reader.cache.values())
    hits = reader.cache.get("hit", 0)
    result = {
        "readers": args.readers,
        "duration_s": args.duration,
        "elapsed_s": round(elapsed, 1),
        "database": "PostgreSQL",
        "gunicorn_workers": args.workers,
        "limits": setup["limits"],
        "posts": requests,
        "posts_per_s": round(requests / elapsed, 1),
        "post_p50_ms": percentile(latencies, 0.5),
        "post_p99_ms": percentile(latencies, 0.99),
        "accepted": len(accepted),
        "refused": refused,
        "check": check,
        "article_requests": article_requests,
        "article_statuses": {str(k): v for k, v in reader.statuses.items()},
        "article_cache": dict(reader.cache),
        "article_hit_ratio": round(hits / article_requests, 4)
        if article_requests
        else None,
        "article_p50_ms": percentile(reader.latencies, 0.5),
        "article_p99_ms": percentile(reader.latencies, 0.99),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
        },
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    }
    lines = [
        f"{args.readers} verified readers posting for {args.duration} s "
        f"({result['elapsed_s']} s with the last answers), PostgreSQL, gunicorn "
        f"{args.workers}x4, page cache on",
        f"  posts sent           {requests} ({result['posts_per_s']}/s, "
        f"p50 {result['post_p50_ms']} ms, p99 {result['post_p99_ms']} ms)",
        f"  comments accepted    {len(accepted)}",
        f"  refused              {refused or 'none'}",
        f"  stored exactly once  {check['stored_once']} of {check['accepted']} "
        f"(missing {check['missing']}, more than once "
        f"{check['stored_more_than_once']}); states {check['states']}",
        f"  log rows complete    {check['log_complete']} of {check['accepted']} "
        "(submission + screening, item/article/reader/SHA-256 right, IP on "
        "the submission); "
        f"rows by action {check['log_rows_by_action']}",
        f"  article requests     {article_requests}, X-Page-Cache "
        f"{dict(reader.cache)}, hit ratio {result['article_hit_ratio']}, "
        f"p50 {result['article_p50_ms']} ms, p99 {result['article_p99_ms']} ms",
    ]
    held = (
        len(accepted) > 0
        and check["stored_once"] == check["accepted"]
        and check["log_complete"] == check["accepted"]
        and hits == article_requests
    )
    lines.append(
        f"  [{'held' if held else 'DID NOT HOLD'}] every accepted comment "
        "stored once with complete log rows; the article a hit throughout"
    )
    result["held"] = held
    for line in lines:
        log(line)
    stem = RESULTS / f"comments-{args.readers}-{args.duration}s"
    stem.with_suffix(".json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    )
    limits = "\n".join(f"  {k} = {v}" for k, v in setup["limits"].items())
    stem.with_suffix(".txt").write_text(
        f"{result['when']}\nLimits set by the bench:\n{limits}\n"
        + "\n".join(lines)
        + "\n"
    )
    log(f"Written to {stem}.json and .txt")


if __name__ == "__main__":
    main()
