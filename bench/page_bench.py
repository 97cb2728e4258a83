"""Page throughput and latency, uncached / cached in Django / cached in nginx,
at two archive sizes (a benchmark, not a test). `make bench` runs it.

    .venv/bin/python bench/page_bench.py                    # 1,000 and 100,000
    .venv/bin/python bench/page_bench.py --sizes 1000 --duration 5

For each size it uses a PostgreSQL database built by `generate_articles`
(and `generate_feedback`: 1,000,000 items at 100,000 articles), named as
bench/search_bench.py names it and reused when it already holds this
generator version's articles. Then, on 127.0.0.1: gunicorn with the page
cache off, gunicorn with the page cache in Redis, nginx's proxy cache in
front of that, each row after a short warm-up, measured with wrk; nginx
serving the article's HTML from a file (the ceiling), in turns with the
nginx-cached article; and reader feedback POSTed at a steady rate. One
table is printed, with large/small ratios, and written to
bench/results/pages-<sizes>.json."""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import UNVERIFIED, Gunicorn, Nginx, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WRK_DIR = Path(__file__).resolve().parent / "wrk"
RESULTS = Path(__file__).resolve().parent / "results"
WORK = ROOT / "build" / "bench"
APP_PORT, NGINX_PORT, PURGE_PORT, CEILING_PORT = 18400, 18480, 18481, 18482
# Signs the feedback forms the load generator sends; loopback only.
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789"  # noqa: S105
PAGES = ["article", "column", "front page", "search", "feed"]
LARGE_FEEDBACK = 1_000_000
WARM_UP_SECONDS = 2
# On two cores or more, wrk has the last core and nginx the first: on a
# small machine their fight for a core made millisecond latencies noise.
CORES = os.cpu_count() or 1
WRK_PIN = ["taskset", "-c", str(CORES - 1)] if CORES >= 2 else []
NGINX_CPU = 0 if CORES >= 2 else None
# The nginx-cached article and the static file, measured in turns: the two
# numbers the ceiling target compares see the same machine.
CEILING_ROUNDS = 3


def log(message: str) -> None:
    print(message, flush=True)  # noqa: T201 - a command-line report


def database_url(size: int, seed: int) -> str:
    return f"postgres://postgres@127.0.0.1:5432/newsroom_bench_{size}_s{seed}"


def app_env(size: int, seed: int, **extra) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "DATABASE_URL": database_url(size, seed),
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "CACHE_KEY_PREFIX": f"bench-{size}",
        "TRUSTED_PROXY_HEADER": "X-Forwarded-For",
        "TRUSTED_PROXIES": "127.0.0.1",
        # Notifications would go to an SMTP server this machine does not run.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",
        **extra,
    }


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def django_eval(env: dict, code: str) -> str:
    """Run Python with Django set up under the benchmark's settings."""
    return manage(env, "shell", "-c", code, capture=True).strip()


def ensure_database(size: int, seed: int, feedback: int) -> None:
    import psycopg2

    url = database_url(size, seed)
    name = url.rsplit("/", 1)[1]
    server = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"Creating database {name}")
            # A UTF-8 locale, as search needs (bench/search_bench.py).
            cursor.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    server.close()
    env = app_env(size, seed)
    manage(env, "migrate", "--no-input", "-v", "0")
    if (
        django_eval(
            env, "from home.models import HomePage; print(HomePage.objects.count())"
        )
        == "0"
    ):
        manage(env, "load_demo")
    manage(env, "generate_articles", "--count", str(size), "--seed", str(seed))
    manage(env, "generate_feedback", "--count", str(feedback), "--seed", str(seed))
    # Bulk inserts leave the planner's statistics behind: without them
    # PostgreSQL sorts whole tables where an index would do.
    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def bench_urls(env: dict) -> dict:
    code = (
        "import json\n"
        "from articles.models import ArticlePage, ColumnPage\n"
        "articles = ArticlePage.objects.live().order_by('pk')\n"
        "generated = articles.filter(slug__startswith='gen')\n"
        "article = generated.first() or articles.first()\n"
        "column = ColumnPage.objects.live().order_by('pk').first()\n"
        "print(json.dumps({'article': article.url, 'column': column.url}))\n"
    )
    found = json.loads(django_eval(env, code).splitlines()[-1])
    return {
        "article": found["article"],
        "column": found["column"],
        "front page": "/",
        "search": "/search/?q=%E7%BE%A4%E4%BC%97",  # 群众
        "feed": "/feeds/rss.xml",
    }


def wrk(
    url: str,
    args,
    script: Path | None = None,
    env: dict | None = None,
    duration: int | None = None,
    connections: int | None = None,
) -> dict:
    scripts = [WRK_DIR / "report.lua"] + ([script] if script else [])
    combined = Path(tempfile.mkstemp(suffix=".lua", dir=WORK)[1])
    combined.write_text("\n".join(path.read_text() for path in reversed(scripts)))
    command = [
        *WRK_PIN,
        "wrk",
        "--threads",
        str(args.threads),
        "--connections",
        str(connections or args.connections),
        "--duration",
        f"{duration or args.duration}s",
        "--timeout",
        "10s",
        "--script",
        str(combined),
        url,
    ]
    output = subprocess.run(  # noqa: S603 - wrk with our arguments
        command,
        check=True,
        text=True,
        capture_output=True,
        env={**os.environ, **(env or {})},
    ).stdout
    combined.unlink()
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON"))
    raw = json.loads(line.split(" ", 1)[1])
    errors = sum(
        raw[key]
        for key in (
            "connect_errors",
            "read_errors",
            "write_errors",
            "status_errors",
            "timeouts",
        )
    )
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "errors": errors,
        "redirects": raw["redirects"],
        "sent": raw["sent"],
    }


def warm(base: str, path: str, times: int = 3) -> None:
    for _ in range(times):
        with urllib.request.urlopen(  # noqa: S310 - our own servers
            base + path, timeout=60, context=UNVERIFIED
        ) as response:
            response.read()


def measure_pages(base: str, urls: dict, args, leg: str) -> dict:
    rows = {}
    for page in PAGES:
        try:
            warm(base, urls[page])
        except OSError as error:
            # Still busy with the last row's backlog, or too slow to answer:
            # recorded as such, and the next row waits for the server.
            rows[page] = {
                "rps": 0.0,
                "p50_ms": None,
                "p99_ms": None,
                "errors": f"no answer in 60 s ({error})",
                "requests": 0,
            }
            log(f"  {leg:<14} {page:<11} no answer within 60 s")
            drain(base)
            continue
        # Every worker thread warm (templates, connections) before the row.
        wrk(base + urls[page], args, duration=WARM_UP_SECONDS)
        rows[page] = wrk(base + urls[page], args)
        log(
            f"  {leg:<14} {page:<11} {rows[page]['rps']:>9.1f} req/s  "
            f"p50 {rows[page]['p50_ms']:>7.2f} ms  p99 {rows[page]['p99_ms']:>8.2f} ms"
            f"  errors {rows[page]['errors']}"
        )
        drain(base)
    return rows


def drain(base: str, limit: float = 180) -> None:
    """Wait until requests queued by the last row are answered."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(  # noqa: S310 - our own servers
                base + "/healthz", timeout=5, context=UNVERIFIED
            ):
                return
        except OSError:
            time.sleep(1)


def flush_redis() -> None:
    subprocess.run(
        ["redis-cli", "-n", "13", "FLUSHDB"],  # noqa: S607 - Debian's redis-cli
        check=True,
        capture_output=True,
    )


def feedback_leg(env: dict, args) -> dict:
    """POST feedback at args.post_rate for args.post_seconds; count what was
    stored against what was answered."""
    forms = WORK / "feedback-forms.tsv"
    code = (
        "from articles.models import ArticlePage\n"
        "from feedback.forms import issue_timestamp\n"
        "ids = ArticlePage.objects.live().public().order_by('-pk')"
        ".values_list('pk', flat=True)[:500]\n"
        f"open({str(forms)!r}, 'w').write(''.join("
        "f'{pk}\\t{issue_timestamp(pk)}\\n' for pk in ids))\n"
    )
    django_eval(env, code)
    count_code = "from feedback.models import Feedback; print(Feedback.objects.count())"
    before = int(django_eval(env, count_code).splitlines()[-1])
    time.sleep(3.5)  # the form's minimum fill time
    result = wrk(
        f"http://127.0.0.1:{APP_PORT}/",
        args,
        script=WRK_DIR / "feedback_post.lua",
        env={
            "BENCH_FEEDBACK_FORMS": str(forms),
            "BENCH_THREADS": str(args.threads),
            "BENCH_RATE": str(args.post_rate),
            "BENCH_RUN": str(int(time.time())),
        },
        duration=args.post_seconds,
        connections=args.post_connections,
    )
    time.sleep(3)  # requests still in flight when wrk stopped
    after = int(django_eval(env, count_code).splitlines()[-1])
    result["stored"] = after - before
    result["target_rps"] = args.post_rate
    log(
        f"  feedback POST  {result['rps']:.1f} req/s for {args.post_seconds} s, "
        f"{result['requests']} sent, {result['redirects']} answered 302, "
        f"{result['stored']} stored, errors {result['errors']}, "
        f"p99 {result['p99_ms']} ms"
    )
    return result


def measure(size: int, args) -> dict:
    env = app_env(size, args.seed)
    urls = bench_urls(env)
    log(f"\n== {size:,} articles  (article {urls['article']})")
    base = f"http://127.0.0.1:{APP_PORT}"
    workers = args.workers
    legs: dict = {}
    gunicorn_log = WORK / "gunicorn.log"

    with Gunicorn(
        APP_PORT,
        {**env, "PAGE_CACHE_ENABLED": "0"},
        workers,
        gunicorn_log,
        control_socket=WORK / "gunicorn.ctl",
    ):
        legs["uncached"] = measure_pages(base, urls, args, "uncached")

    flush_redis()
    nginx_env = {
        **env,
        "PAGE_CACHE_ENABLED": "1",
        "NGINX_PURGE_URL": f"http://127.0.0.1:{PURGE_PORT}",
    }
    with Gunicorn(
        APP_PORT, nginx_env, workers, gunicorn_log, control_socket=WORK / "gunicorn.ctl"
    ):
        legs["django cache"] = measure_pages(base, urls, args, "django cache")

        ceiling_root = WORK / "ceiling"
        ceiling_root.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(base + urls["article"]) as response:  # noqa: S310
            (ceiling_root / "article.html").write_bytes(response.read())
        run_dir = WORK / "nginx"
        # The ceiling: the same article HTML as a plain file, over the same
        # TLS, from the same nginx.
        ceiling_server = (
            "server {\n"
            f"    listen 127.0.0.1:{CEILING_PORT} ssl;\n"
            f"    ssl_certificate {run_dir / 'cert.pem'};\n"
            f"    ssl_certificate_key {run_dir / 'key.pem'};\n"
            f"    root {ceiling_root};\n"
            "    location / { try_files /article.html =404; }\n"
            "}\n"
        )
        nginx = Nginx(
            WORK / "nginx",
            NGINX_PORT,
            PURGE_PORT,
            f"127.0.0.1:{APP_PORT}",
            WORK / "static",
            ROOT / "media",
            ceiling_server,
            cpu=NGINX_CPU,
        )
        with nginx:
            legs["nginx cache"] = measure_pages(nginx.url, urls, args, "nginx cache")
            wait_for(f"https://127.0.0.1:{CEILING_PORT}/")
            rounds = []
            for _ in range(CEILING_ROUNDS):
                cached = wrk(nginx.url + urls["article"], args)
                plain = wrk(f"https://127.0.0.1:{CEILING_PORT}/", args)
                rounds.append({"nginx cache": cached, "static file": plain})
                log(
                    f"  {'in turns':<14} {'article':<11} nginx {cached['rps']:>9.1f} "
                    f"req/s, static file {plain['rps']:>9.1f} req/s"
                )
            legs["static file"] = {"article": plain}
            run_ceiling = {
                "rounds": rounds,
                "nginx_rps": mean(r["nginx cache"]["rps"] for r in rounds),
                "file_rps": mean(r["static file"]["rps"] for r in rounds),
            }
        legs["feedback"] = {"POST": feedback_leg(env, args)}
    return {"size": size, "urls": urls, "legs": legs, "ceiling": run_ceiling}


def ms(value) -> str:
    return f"{value:>8.2f}" if value is not None else f"{'-':>8}"


def ratio(large, small) -> str:
    if not large or not small:
        return "-"
    return f"{large / small:.2f}"


def table(runs: list[dict]) -> str:
    sizes = [run["size"] for run in runs]
    header = f"{'leg':<13} {'page':<11}" + "".join(
        f" | {f'{size:,} art.':>12} {'p50 ms':>8} {'p99 ms':>8}" for size in sizes
    )
    if len(runs) == 2:
        header += f" | {'req/s ratio':>11} {'p99 ratio':>9}"
    lines = [header, "-" * len(header)]
    for leg, pages in runs[0]["legs"].items():
        for page in pages:
            cells = [run["legs"][leg][page] for run in runs]
            line = f"{leg:<13} {page:<11}" + "".join(
                f" | {cell['rps']:>8.1f} r/s {ms(cell['p50_ms'])} {ms(cell['p99_ms'])}"
                for cell in cells
            )
            if len(runs) == 2:
                small, large = cells
                line += f" | {ratio(large['rps'], small['rps']):>11} " + (
                    f"{ratio(large['p99_ms'], small['p99_ms']):>9}"
                )
            lines.append(line)
    return "\n".join(lines)


def targets(runs: list[dict]) -> list[str]:
    report = []
    for run in runs:
        legs, size = run["legs"], f"{run['size']:,}"
        ceiling = run["ceiling"]
        share = ceiling["nginx_rps"] / max(ceiling["file_rps"], 0.001)
        report.append(
            f"[{'met' if share >= 0.8 else 'MISSED'}] {size}: nginx-cached "
            f"article at {share:.0%} of the static-file ceiling, "
            f"{ceiling['nginx_rps']:,.0f} vs {ceiling['file_rps']:,.0f} req/s "
            f"measured in {len(ceiling['rounds'])} turns each (target ≥ 80%)"
        )
        speedup = legs["django cache"]["article"]["rps"] / max(
            legs["uncached"]["article"]["rps"], 0.001
        )
        report.append(
            f"[{'met' if speedup >= 5 else 'MISSED'}] {size}: Django-cached "
            f"article {speedup:.1f}× the uncached one (target ≥ 5×)"
        )
        post = legs["feedback"]["POST"]
        held = (
            post["rps"] >= 0.95 * post["target_rps"]
            and post["errors"] == 0
            and post["redirects"] == post["requests"]
            # Requests still in flight when wrk stops are stored after it
            # stopped counting: at least every answered one must be there.
            and post["stored"] >= post["redirects"]
        )
        report.append(
            f"[{'met' if held else 'MISSED'}] {size}: feedback POST "
            f"{post['rps']:.1f} req/s, {post['errors']} errors, "
            f"{post['stored']} stored for {post['redirects']} answered "
            "(target 100 req/s, 0 errors, all stored)"
        )
    if len(runs) == 2:
        small, large = runs
        for leg in ("uncached", "django cache", "nginx cache"):
            for page in PAGES:
                large_p99 = large["legs"][leg][page]["p99_ms"]
                small_p99 = small["legs"][leg][page]["p99_ms"]
                limit = 3.0 if page == "search" else 1.5
                if not large_p99 or not small_p99:
                    report.append(f"[MISSED] p99 {leg} {page}: no answer")
                    continue
                value = large_p99 / small_p99
                report.append(
                    f"[{'met' if value <= limit else 'MISSED'}] p99 "
                    f"{leg} {page}: large/small {value:.2f} (≤ {limit})"
                )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per row")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--post-rate", type=int, default=100)
    parser.add_argument("--post-seconds", type=int, default=30)
    parser.add_argument("--post-connections", type=int, default=16)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()

    for tool in ("wrk", "nginx", "redis-cli"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is missing: make bench installs it (apt-get)")
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    for size in args.sizes:
        feedback = LARGE_FEEDBACK if size >= 100_000 else size * 10
        ensure_database(size, args.seed, feedback)
    if args.build_only:
        return
    manage(app_env(args.sizes[0], args.seed), "collectstatic", "--no-input", "-v", "0")

    runs = [measure(size, args) for size in args.sizes]
    report = {
        "cores": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "seed": args.seed,
        "duration_s": args.duration,
        "connections": args.connections,
        "gunicorn_workers": args.workers,
        "runs": runs,
        "targets": targets(runs),
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    log("\n" + table(runs))
    log("\n" + "\n".join(report["targets"]))
    log(f"\n{os.cpu_count()} cores, {report['minutes']} min")
    RESULTS.mkdir(exist_ok=True)
    name = "pages-" + "-".join(str(size) for size in args.sizes) + ".json"
    (RESULTS / name).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    (RESULTS / name.replace(".json", ".txt")).write_text(
        table(runs) + "\n\n" + "\n".join(report["targets"]) + "\n"
    )
    log(f"Written: bench/results/{name}")


if __name__ == "__main__":
    main()
