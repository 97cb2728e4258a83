"""A cache miss and a page-cache hit, today's build against this one, in the
same run (a benchmark, not a test; `make bench` runs it first).

    .venv/bin/python bench/miss_hit_bench.py                # 3 rounds
    .venv/bin/python bench/miss_hit_bench.py --rounds 1 --duration 5

"Today" is commit TODAY (main before the speed work of issue 18), checked
out into a git worktree under build/; "new" is this checkout. Each build
gets its own SQLite demo database (its own `migrate` and `load_demo`, the
`make run` content) and its own collected static files, and runs with the
production settings under gunicorn, 2 sync workers, on 127.0.0.1. wrk
(2 threads, 16 connections) measures, rows interleaved: for each page the
old build, then the new one, then (for hits) Django's own
UpdateCacheMiddleware/FetchFromCacheMiddleware on the new build
(bench/django_cache_settings.py), so a busy moment of the shared machine
falls on both. Then each build's in-process render time
(bench/render_bench.py: median of 50 after 10 warm-up, page cache off).

Rows: miss (PAGE_CACHE_ENABLED=0, every request renders) and hit (the page
cache on, local memory, warmed) for the article with the most public
comments, its column, the front page, its author's and its tag's page.
Written to bench/results/miss-hit-<round>.json and summarised in
bench/results/miss-hit.txt."""

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_bench import wrk  # noqa: E402
from servers import UNVERIFIED, Nginx, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
RESULTS = BENCH / "results"
WORK = ROOT / "build" / "bench"
TODAY = "4d13c63"  # main before the first change for issue 18
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789"  # noqa: S105
PORTS = {"today": 8510, "new": 8520, "django cache": 8530}
STORM_APP, STORM_NGINX, STORM_PURGE = 8540, 8550, 8551
STORM_READERS = 500
STORM_REDIS = "redis://127.0.0.1:6379/12"
# Run by the new build's manage.py shell: a copy of the newest article,
# published; prints when publish() returned.
PUBLISH = """
import time
from articles.models import ArticlePage
source = ArticlePage.objects.live().order_by("-pk").first()
title = TITLE
new = source.copy(
    to=source.get_parent(),
    update_attrs={"title": title, "slug": SLUG},
    keep_live=False,
)
revision = new.save_revision()
revision.publish()
print("PUBLISHED", time.time(), flush=True)
"""
PAGES = ["article", "column", "front", "author", "tag"]
GOALS = {"miss_ratio": 2.0, "render_ms": 10.0, "hit_vs_django": 1.2}


def log(message: str) -> None:
    print(message, flush=True)  # noqa: T201 - a command-line report


class Build:
    """One checkout of the project, run from its own tree: `newsroom` (the
    settings package, site/) resolves to the tree's own through a shim on
    PYTHONPATH, ahead of the editable install's finder."""

    def __init__(self, name: str, tree: Path):
        self.name, self.tree = name, tree
        self.work = WORK / f"miss-hit-{name}"
        self.database = self.work / "demo.sqlite3"

    def env(self, **extra) -> dict:
        shim = self.work / "shim"
        return {
            **os.environ,
            "PYTHONPATH": f"{shim}{os.pathsep}{self.tree}{os.pathsep}{BENCH}",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(self.work / "static"),
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            **extra,
        }

    def manage(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(  # noqa: S603 - the project's manage.py
            [PYTHON, str(self.tree / "manage.py"), *args],
            cwd=self.tree,
            env=self.env(),
            check=True,
            text=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        )
        return result.stdout or ""

    def prepare(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        shim = self.work / "shim"
        shim.mkdir(exist_ok=True)
        link = shim / "newsroom"
        if not link.exists():
            link.symlink_to(self.tree / "site")
        # The .mo catalogs are build output (make install compiles them).
        subprocess.run(  # noqa: S603
            [PYTHON, "scripts/compile_translations.py"],
            cwd=self.tree,
            env=self.env(),
            check=True,
            capture_output=True,
        )
        # load_demo renders with the production settings: static files first.
        self.manage("collectstatic", "--no-input", "-v", "0")
        done = self.work / "demo-loaded"
        if not done.exists():
            log(f"  {self.name}: migrate + load_demo into {self.database}")
            self.database.unlink(missing_ok=True)
            self.manage("migrate", "--no-input", "-v", "0")
            self.manage("load_demo")
            done.touch()
        else:
            self.manage("migrate", "--no-input", "-v", "0")  # the tree moved on

    def analyze_state(self) -> str:
        """SQLite keeps its statistics in sqlite_stat1 (written by ANALYZE)."""
        import sqlite3

        connection = sqlite3.connect(self.database)
        try:
            rows = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).fetchone()[0]
        finally:
            connection.close()
        return "analyzed (sqlite_stat1 present)" if rows else "never analyzed"


def today_tree() -> Path:
    tree = WORK / "today"
    if not (tree / "manage.py").exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603
            ["git", "worktree", "add", "--detach", "--force", str(tree), TODAY],  # noqa: S607
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    head = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not TODAY.startswith(head) and not head.startswith(TODAY):
        sys.exit(f"{tree} is at {head}, not {TODAY}")
    return tree


class Server:
    def __init__(self, build: Build, port: int, **env):
        self.build, self.port, self.extra = build, port, env

    def __enter__(self):
        self.log = (WORK / f"gunicorn-{self.port}.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [
                GUNICORN,
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--worker-class",
                "sync",
                "--backlog",
                "2048",
                "--chdir",
                str(self.build.tree),
            ],
            cwd=self.build.tree,
            env=self.build.env(**self.extra),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(f"http://127.0.0.1:{self.port}/healthz")
        return self

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def warm(base: str, path: str, times: int = 6) -> None:
    import urllib.request

    for _ in range(times):
        with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310
            response.read()
            status = response.status
    if status != 200:
        sys.exit(f"{base}{path} answered {status}")


def served_from_cache(base: str, path: str) -> bool:
    """The page stamps Last-Modified with the time it was rendered: after a
    pause, requests (to either worker, each warm with its own memory cache)
    must carry a stamp from before it."""
    import urllib.request
    from email.utils import parsedate_to_datetime

    before = time.time()
    time.sleep(1.1)
    for _ in range(6):
        with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310
            response.read()
            stamp = response.headers.get("Last-Modified")
        if stamp is None or parsedate_to_datetime(stamp).timestamp() > before:
            return False
    return True


def row(servers: dict, path: str, args, hits: bool = False) -> dict:
    """One page on each server in turn: warm, then measured."""
    measured = {}
    for name, server in servers.items():
        warm(server.base, path)
        wrk(server.base + path, args, duration=2)  # both workers warm
        if hits and not served_from_cache(server.base, path):
            sys.exit(f"{name}: {path} is rendered again on every request, not a hit")
        measured[name] = wrk(server.base + path, args)
    return measured


def render_times(build: Build, urls: dict) -> dict:
    output = subprocess.run(  # noqa: S603
        [PYTHON, str(BENCH / "render_bench.py"), "--urls", json.dumps(urls)],
        cwd=build.tree,
        env=build.env(PAGE_CACHE_ENABLED="0"),
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    found = json.loads(output.strip().splitlines()[-1])
    return {page: found[page]["median_ms"] for page in found}


def one_round(builds: dict, urls: dict, args) -> dict:
    today, new = builds["today"], builds["new"]
    result = {"miss": {}, "hit": {}, "render_ms": {}}
    log("  miss (page cache off, every request renders)")
    with (
        Server(today, PORTS["today"], PAGE_CACHE_ENABLED="0") as old_server,
        Server(new, PORTS["new"], PAGE_CACHE_ENABLED="0") as new_server,
    ):
        for page in PAGES:
            cells = row({"today": old_server, "new": new_server}, urls[page], args)
            result["miss"][page] = cells
            log(
                f"    {page:<8} today {cells['today']['rps']:>8.1f} req/s  "
                f"new {cells['new']['rps']:>8.1f} req/s  "
                f"×{cells['new']['rps'] / max(cells['today']['rps'], 0.1):.2f}  "
                f"(p99 {cells['today']['p99_ms']} / {cells['new']['p99_ms']} ms)"
            )
    log("  hit (page cache on; Django's cache middleware as comparator)")
    with (
        Server(today, PORTS["today"], PAGE_CACHE_ENABLED="1") as old_server,
        Server(new, PORTS["new"], PAGE_CACHE_ENABLED="1") as new_server,
        Server(
            new, PORTS["django cache"], DJANGO_SETTINGS_MODULE="django_cache_settings"
        ) as django_server,
    ):
        for page in PAGES:
            cells = row(
                {"today": old_server, "new": new_server, "django cache": django_server},
                urls[page],
                args,
                hits=True,
            )
            result["hit"][page] = cells
            versus = cells["new"]["rps"] / max(cells["django cache"]["rps"], 0.1)
            log(
                f"    {page:<8} today {cells['today']['rps']:>8.1f}  "
                f"new {cells['new']['rps']:>8.1f}  "
                f"django {cells['django cache']['rps']:>8.1f} req/s  "
                f"new/django ×{versus:.2f}"
            )
    log("  in-process render, median of 50 after 10 warm-up (page cache off)")
    for name, build in builds.items():
        result["render_ms"][name] = render_times(build, urls)
        log(f"    {name:<6} {result['render_ms'][name]}")
    return result


def front_page_renders(path: Path) -> int:
    """caching.render lines for "/" (JSON log lines in production)."""
    return sum(
        1
        for line in path.read_text(errors="replace").splitlines()
        if 'rendered /"' in line or line.rstrip().endswith("rendered /")
    )


def publish_storm(build: Build, args) -> dict:
    """A publish purges the front page; at once STORM_READERS readers ask
    nginx for it. nginx's proxy_cache_lock lets one request through to
    Django, whose page cache (Redis here, shared with the publishing
    process) renders it once: the renders are counted from the
    caching.render log lines. The new article must show through nginx
    within 1 s of publish() returning."""
    import urllib.request

    stamp = str(int(time.time()))
    env = {
        "PAGE_CACHE_ENABLED": "1",
        "REDIS_URL": STORM_REDIS,
        "CACHE_KEY_PREFIX": f"speed-storm-{stamp}",
        "NGINX_PURGE_URL": f"http://127.0.0.1:{STORM_PURGE}",
        "RENDER_LOG_LEVEL": "INFO",
        "LOG_LEVEL": "INFO",
        "TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    nginx = Nginx(
        WORK / "storm-nginx",
        STORM_NGINX,
        STORM_PURGE,
        f"127.0.0.1:{STORM_APP}",
        build.work / "static",
        build.tree / "media",
    )
    title = f"压测发布{stamp}"
    server = Server(build, STORM_APP, **env)
    server_log = WORK / f"gunicorn-{STORM_APP}.log"
    with server, nginx:
        for _ in range(3):
            with urllib.request.urlopen(  # noqa: S310
                nginx.url + "/", timeout=60, context=UNVERIFIED
            ) as response:
                response.read()
        before_lines = front_page_renders(server_log)
        code = PUBLISH.replace("TITLE", repr(title)).replace(
            "SLUG", repr(f"storm-{stamp}")
        )
        publisher = subprocess.Popen(  # noqa: S603
            [PYTHON, str(build.tree / "manage.py"), "shell", "-c", code],
            cwd=build.tree,
            env=build.env(**env),
            stdout=subprocess.PIPE,
            text=True,
        )
        published_at = None
        for line in publisher.stdout:
            if line.startswith("PUBLISHED"):
                published_at = float(line.split()[1])
                break
        readers = subprocess.Popen(  # noqa: S603
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "--threads",
                "2",
                "--connections",
                str(STORM_READERS),
                "--duration",
                "3s",
                "--timeout",
                "10s",
                nginx.url + "/",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        visible_after = None
        while time.time() - published_at < 10:
            with urllib.request.urlopen(  # noqa: S310
                nginx.url + "/", timeout=10, context=UNVERIFIED
            ) as response:
                if title in response.read().decode():
                    visible_after = time.time() - published_at
                    break
            time.sleep(0.02)
        wrk_output = readers.communicate()[0]
        publisher.wait()
        time.sleep(1)
        renders = front_page_renders(server_log) - before_lines
    result = {
        "readers": STORM_READERS,
        "front_page_renders": renders,
        "visible_after_s": round(visible_after, 3) if visible_after else None,
        "wrk": wrk_output.strip().splitlines()[-2:],
        "title": title,
    }
    log(
        f"  publish storm: {renders} render(s) of / for {STORM_READERS} readers "
        f"through nginx; new article visible after {result['visible_after_s']} s"
    )
    return result


def summary(rounds: list[dict]) -> list[str]:
    lines = [
        f"{'row':<14} {'page':<8} | {'today':>9} {'new':>9} {'Django':>9} | ratio",
        "-" * 64,
    ]
    for number, result in enumerate(rounds, 1):
        lines.append(f"round {number}")
        for page in PAGES:
            miss = result["miss"][page]
            lines.append(
                f"{'miss req/s':<14} {page:<8} | {miss['today']['rps']:>9.1f} "
                f"{miss['new']['rps']:>9.1f} {'':>9} | new/today "
                f"{miss['new']['rps'] / max(miss['today']['rps'], 0.1):.2f}"
            )
        for page in PAGES:
            hit = result["hit"][page]
            versus = hit["new"]["rps"] / max(hit["django cache"]["rps"], 0.1)
            lines.append(
                f"{'hit req/s':<14} {page:<8} | {hit['today']['rps']:>9.1f} "
                f"{hit['new']['rps']:>9.1f} {hit['django cache']['rps']:>9.1f} | "
                f"new/Django {versus:.2f}"
            )
        for page in PAGES:
            old = result["render_ms"]["today"][page]
            new = result["render_ms"]["new"][page]
            lines.append(
                f"{'render ms':<14} {page:<8} | {old:>9.1f} {new:>9.1f} {'':>9} | "
                f"today/new {old / max(new, 0.01):.2f}"
            )
    return lines


def goals(rounds: list[dict]) -> list[str]:
    report = []
    for number, result in enumerate(rounds, 1):
        for page in PAGES:
            miss = result["miss"][page]
            ratio = miss["new"]["rps"] / max(miss["today"]["rps"], 0.1)
            report.append(
                f"[{'met' if ratio >= GOALS['miss_ratio'] else 'MISSED'}] round "
                f"{number} miss {page}: {ratio:.2f}× today's req/s (goal ≥ 2×)"
            )
            render = result["render_ms"]["new"][page]
            report.append(
                f"[{'met' if render <= GOALS['render_ms'] else 'MISSED'}] round "
                f"{number} render {page}: {render:.1f} ms, today "
                f"{result['render_ms']['today'][page]:.1f} ms (goal ≤ 10 ms)"
            )
            hit = result["hit"][page]
            versus = hit["new"]["rps"] / max(hit["django cache"]["rps"], 0.1)
            report.append(
                f"[{'met' if versus >= GOALS['hit_vs_django'] else 'MISSED'}] round "
                f"{number} hit {page}: {versus:.2f}× Django's cache middleware "
                "(goal ≥ 1.2×)"
            )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=8, help="seconds per row")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-storm", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: make bench installs it (apt-get)")
    started = time.monotonic()
    builds = {"today": Build("today", today_tree()), "new": Build("new", ROOT)}
    log(f"== miss/hit: today ({TODAY}) against this checkout")
    for build in builds.values():
        build.prepare()
    urls = json.loads(
        builds["new"]
        .manage(
            "shell",
            "-c",
            "import json, render_bench; print(json.dumps(render_bench.page_urls()))",
            capture=True,
        )
        .strip()
        .splitlines()[-1]
    )
    log(f"  pages: {urls}")
    rounds = []
    for number in range(1, args.rounds + 1):
        log(f"\n== round {number} of {args.rounds}")
        rounds.append(one_round(builds, urls, args))
    storm = None if args.no_storm else publish_storm(builds["new"], args)
    report = {
        "today": TODAY,
        "publish_storm": storm,
        "cores": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "setup": (
            "production settings, SQLite demo (migrate + load_demo), gunicorn 2 "
            f"sync workers, local-memory caches, wrk -t{args.threads} "
            f"-c{args.connections}, {args.duration} s a row after 2 s warm-up, "
            "today / new / Django's cache middleware interleaved row by row"
        ),
        "analyze_state": {name: b.analyze_state() for name, b in builds.items()},
        "urls": urls,
        "rounds": rounds,
        "goals": goals(rounds),
        "render_median_ms": {
            name: {
                page: median(r["render_ms"][name][page] for r in rounds)
                for page in PAGES
            }
            for name in builds
        },
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    if storm is not None:
        report["goals"].append(
            f"[{'met' if storm['front_page_renders'] == 1 else 'MISSED'}] publish "
            f"storm: {storm['front_page_renders']} Django render(s) of the front "
            f"page for {storm['readers']} concurrent readers (goal: exactly 1)"
        )
        seen = storm["visible_after_s"]
        report["goals"].append(
            f"[{'met' if seen is not None and seen <= 1 else 'MISSED'}] publish "
            f"storm: new article visible through nginx {seen} s after publish() "
            "returned (goal ≤ 1 s)"
        )
    text = "\n".join(summary(rounds) + [""] + report["goals"])
    log("\n" + text)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M", time.gmtime())
    (RESULTS / f"miss-hit-{stamp}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    )
    (RESULTS / "miss-hit.txt").write_text(
        f"{report['setup']}\nanalyze state: {report['analyze_state']}\n"
        f"load average after the run: {report['load_average_after']}\n\n{text}\n"
    )
    log(f"Written: bench/results/miss-hit-{stamp}.json, bench/results/miss-hit.txt")


if __name__ == "__main__":
    main()
