"""Search query times at a given number of articles (a benchmark, not a test).

    .venv/bin/python bench/search_bench.py --count 1000
    .venv/bin/python bench/search_bench.py --count 100000 --seed 1

Uses DATABASE_URL if set, else a PostgreSQL database named after the size
and seed (postgres://postgres@127.0.0.1:5432/newsroom_bench_<count>_s<seed>),
created, migrated and filled with `generate_articles` the first time and
reused after that. Prints the median and slowest of several runs of each
query (first page of 20 results plus the total count, as the search page
does) and writes the table as JSON to bench/results/."""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "税",
    "群众",
    "服务",
    "吐槽窗口",
    "服务 满意度",
    "12345热线",
    "政务APP",
    "5G",
    "群眾",
    "让数据多跑路",
    "林致远",
    "不存在的词语组合",
]
REPEATS = 5


def database_url(count: int, seed: int) -> str:
    return os.environ.get(
        "DATABASE_URL",
        f"postgres://postgres@127.0.0.1:5432/newsroom_bench_{count}_s{seed}",
    )


def ensure_postgres_database(url: str):
    if not url.startswith("postgres"):
        return
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg2

    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            # A UTF-8 locale: with LC_CTYPE=C PostgreSQL cannot split Chinese.
            cursor.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    connection.close()


def manage(*args, env):
    subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env
    )


def time_queries() -> list[dict]:
    from search.articles import for_listing, search_articles

    rows = []
    for query in QUERIES:
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            results = search_articles(query)
            count = results.count()
            first_page = for_listing(results[:20])
            times.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "query": query,
                "hits": count,
                "more_than_pool": results.truncated,
                "shown": len(first_page),
                "median_ms": round(statistics.median(times), 1),
                "max_ms": round(max(times), 1),
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    url = database_url(options.count, options.seed)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
    }
    ensure_postgres_database(url)
    manage("migrate", "--no-input", "-v0", env=env)
    manage("load_demo", "-v0", env=env)
    manage(
        "generate_articles",
        "--count",
        str(options.count),
        "--seed",
        str(options.seed),
        env=env,
    )

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from articles.models import ArticlePage

    articles = ArticlePage.objects.live().count()
    rows = time_queries()
    from django.db import connection

    header = f"{'query':<16}{'hits':>8}{'median ms':>12}{'max ms':>10}"
    print(f"\n{connection.vendor}, {articles:,} live articles, {os.cpu_count()} cores")  # noqa: T201
    print(header)  # noqa: T201
    for row in rows:
        print(  # noqa: T201
            f"{row['query']:<16}{row['hits']:>8}{row['median_ms']:>12}{row['max_ms']:>10}"
        )
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"search-{connection.vendor}-{options.count}.json"
    out.write_text(
        json.dumps(
            {
                "database": connection.vendor,
                "articles": articles,
                "cores": os.cpu_count(),
                "machine": platform.machine(),
                "repeats": REPEATS,
                "queries": rows,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"written to {out.relative_to(ROOT)}")  # noqa: T201


if __name__ == "__main__":
    main()
