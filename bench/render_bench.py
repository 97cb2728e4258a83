"""In-process render time of reader pages (a benchmark, not a test).

    DATABASE_URL=sqlite:///build/x.sqlite3 .venv/bin/python bench/render_bench.py
    ... --profile article     # cProfile of the article's renders

Production settings with the page cache off; each page is requested through
Django's test client (the whole middleware chain) 10 times to warm up, then
50 times; the median is printed as JSON on the last line."""

import argparse
import json
import os
import statistics
import sys
import time

# The build measured is the one on PYTHONPATH (bench/miss_hit_bench.py
# runs this file for today's build and the new one in turn).
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
os.environ.setdefault(
    "SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["PAGE_CACHE_ENABLED"] = "0"


def page_urls() -> dict:
    """The demo's busiest article (most public comments), its column, the
    front page, its first author's page and its first tag's page."""
    from django.db.models import Count, Q

    from articles.models import ArticlePage, AuthorIndexPage
    from home.models import HomePage

    articles = ArticlePage.objects.live().public()
    article = (
        articles.annotate(shown=Count("feedback", filter=Q(feedback__is_public=True)))
        .order_by("-shown", "pk")
        .first()
    )
    home = HomePage.objects.get()
    authors = AuthorIndexPage.objects.live().get()
    author = article.bylines.order_by("sort_order").first().author
    return {
        "article": article.url,
        "column": article.get_parent().url,
        "front": home.url,
        "author": authors.url + authors.reverse_subpage("author", args=[author.slug]),
        "tag": home.tag_url(article.tags.order_by("pk").first()),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warm", type=int, default=10)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile")
    parser.add_argument("--urls", help="JSON {name: path}")
    args = parser.parse_args()
    import django

    django.setup()
    from django.test import Client

    urls = json.loads(args.urls) if args.urls else page_urls()
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for name, url in urls.items():
        for _ in range(args.warm):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        if args.profile == name:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.enable()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if args.profile == name:
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(60)
        result[name] = {"url": url, "median_ms": round(statistics.median(times), 2)}
    print(json.dumps(result, ensure_ascii=False))  # noqa: T201


if __name__ == "__main__":
    main()
