"""A crawler sweeping a large archive, today's build against this one (a
benchmark, not a test; `make bench` runs it after bench/page_bench.py,
which builds the database).

    .venv/bin/python bench/crawler_bench.py                 # 100,000 articles
    .venv/bin/python bench/crawler_bench.py --size 1000 --duration 5

Both builds serve the same PostgreSQL database of generated articles
(page_bench's `newsroom_bench_<size>_s<seed>`, built and analyzed there)
with the production settings under gunicorn, 2 sync workers, the page
cache off, on 127.0.0.1; today's build only reads, and every table and
column it reads is still there. wrk (2 threads, 16 connections) requests
a random article of a sample of the archive on every request
(bench/crawler.lua.in), rows interleaved: today, new, today, new, … .
Reported: req/s, p50 and p99 per row, the ratio of the medians, and the
database's analyze state. Written to bench/results/crawler-<size>.json and
.txt."""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from miss_hit_bench import PYTHON, TODAY, Build, Server, today_tree  # noqa: E402
from page_bench import database_url, ensure_database, wrk  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
WORK = ROOT / "build" / "bench"
PORTS = {"today": 8560, "new": 8570}
GOAL = 2.0
SAMPLE = """
import json
from articles.models import ArticlePage
pages = ArticlePage.objects.live().public().order_by("?")[:COUNT]
print(json.dumps([page.url for page in pages]))
"""


def log(message: str) -> None:
    print(message, flush=True)  # noqa: T201 - a command-line report


def analyze_state(url: str) -> dict:
    import psycopg2

    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, last_analyze, last_autoanalyze, n_live_tup "
                "FROM pg_stat_user_tables WHERE relname IN "
                "('wagtailcore_page', 'articles_articlepage', 'feedback_feedback')"
            )
            rows = cursor.fetchall()
            cursor.execute("SHOW autovacuum")
            autovacuum = cursor.fetchone()[0]
    finally:
        connection.close()
    return {
        "autovacuum": autovacuum,
        "tables": {
            name: {
                "analyzed": str(manual or auto) if (manual or auto) else "never",
                "rows": rows_live,
            }
            for name, manual, auto, rows_live in rows
        },
    }


def lua_script(paths: list[str]) -> Path:
    table = "{" + ",".join(json.dumps(path) for path in paths) + "}"
    script = WORK / "crawler.lua"
    script.write_text((BENCH / "crawler.lua.in").read_text().replace("PATHS", table))
    return script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per row")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: make bench installs it (apt-get)")
    started = time.monotonic()
    url = database_url(args.size, args.seed)
    feedback = 1_000_000 if args.size >= 100_000 else args.size * 10
    ensure_database(args.size, args.seed, feedback)
    builds = {"today": Build("today", today_tree()), "new": Build("new", ROOT)}
    for build in builds.values():
        build.prepare()  # static files (and the demo the miss/hit rows use)
    database = {"DATABASE_URL": url, "PAGE_CACHE_ENABLED": "0"}
    sample = SAMPLE.replace("COUNT", str(args.sample))
    new = builds["new"]
    paths = json.loads(
        subprocess.run(  # noqa: S603 - the project's manage.py
            [PYTHON, str(new.tree / "manage.py"), "shell", "-c", sample],
            cwd=new.tree,
            env=new.env(**database),
            check=True,
            text=True,
            capture_output=True,
        ).stdout.splitlines()[-1]
    )
    log(f"== crawler sweep: {len(paths)} random articles of {args.size:,}")
    state = analyze_state(url)
    log(f"  analyze state: {state}")
    script = lua_script(paths)
    rows = {"today": [], "new": []}
    with (
        Server(builds["today"], PORTS["today"], **database) as old_server,
        Server(builds["new"], PORTS["new"], **database) as new_server,
    ):
        servers = {"today": old_server, "new": new_server}
        for server in servers.values():
            wrk(server.base + "/", args, script=script, duration=3)  # warm-up
        for number in range(1, args.rounds + 1):
            for name, server in servers.items():
                measured = wrk(server.base + "/", args, script=script)
                rows[name].append(measured)
                log(
                    f"  round {number} {name:<5}: {measured['rps']:>7.1f} req/s, "
                    f"p50 {measured['p50_ms']:.1f} ms, p99 {measured['p99_ms']:.1f} "
                    f"ms, errors {measured['errors']}"
                )
    today_rps = median(row["rps"] for row in rows["today"])
    new_rps = median(row["rps"] for row in rows["new"])
    ratio = new_rps / max(today_rps, 0.1)
    goal = (
        f"[{'met' if ratio >= GOAL else 'MISSED'}] crawler sweep at {args.size:,}: "
        f"{new_rps:.1f} req/s against today's {today_rps:.1f} ({ratio:.2f}×, "
        f"goal ≥ {GOAL:g}×); p99 new "
        f"{median(row['p99_ms'] for row in rows['new']):.1f} ms, today "
        f"{median(row['p99_ms'] for row in rows['today']):.1f} ms"
    )
    log(goal)
    report = {
        "today": TODAY,
        "size": args.size,
        "sample": len(paths),
        "setup": (
            f"production settings, PostgreSQL {args.size:,} articles, gunicorn 2 "
            f"sync workers, page cache off, wrk -t{args.threads} "
            f"-c{args.connections}, {args.duration} s a row, random article each "
            "request, today / new interleaved"
        ),
        "analyze_state": state,
        "rows": rows,
        "goal": goal,
        "cores": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"crawler-{args.size}"
    (RESULTS / f"{name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    )
    (RESULTS / f"{name}.txt").write_text(
        f"{report['setup']}\nanalyze state: {state}\n\n{goal}\n"
    )
    log(f"Written: bench/results/{name}.json, bench/results/{name}.txt")


if __name__ == "__main__":
    main()
