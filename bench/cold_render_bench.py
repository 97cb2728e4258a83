"""In-process render time of articles seen for the first time, as a crawler
sees them (a benchmark, not a test; the profile behind crawler_bench.py).

    DATABASE_URL=postgres:///newsroom_bench_100000_s1 \\
        .venv/bin/python bench/cold_render_bench.py --profile

Production settings with the page cache off, run from the build on
PYTHONPATH (as render_bench.py). Each of --count random live articles is
requested once through Django's test client, after --warm others (the
process's first requests compile templates and fill module caches): the
render cache has nothing for any of them. Prints the median and mean in ms
(CPU time of this process, so a busy machine does not inflate them) and,
with --profile, cProfile's top functions by cumulative and own time."""

import argparse
import json
import statistics
import time

# The build on PYTHONPATH, the production settings, the page cache off.
import render_bench  # noqa: F401 - imported for its environment


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warm", type=int, default=30)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--lines", type=int, default=45)
    args = parser.parse_args()
    import django

    django.setup()
    from django.test import Client

    from articles.models import ArticlePage

    pages = ArticlePage.objects.live().public().order_by("?")[: args.warm + args.count]
    paths = [page.url for page in pages]
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[: args.warm]:
        if client.get(path).status_code != 200:
            raise SystemExit(f"{path} did not answer 200")
    if args.profile:
        import cProfile

        profile = cProfile.Profile(time.process_time)
        profile.enable()
    times = []
    for path in paths[args.warm :]:
        started = time.process_time()
        client.get(path)
        times.append((time.process_time() - started) * 1000)
    if args.profile:
        import pstats

        profile.disable()
        stats = pstats.Stats(profile).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.lines)
        stats.sort_stats("tottime").print_stats(args.lines)
    print(  # noqa: T201 - a command-line report
        json.dumps(
            {
                "articles": len(times),
                "median_cpu_ms": round(statistics.median(times), 2),
                "mean_cpu_ms": round(statistics.mean(times), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
