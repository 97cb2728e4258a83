#!/usr/bin/env python3
"""`make audit`: every kind of reader page of the demo site, served by the
production stack (deploy/run-prod: gunicorn with the production settings
behind nginx, TLS), checked by Lighthouse (mobile and desktop, the median of
three runs), axe-core (at 390 and 1280 px) and the Nu HTML checker.

    .venv/bin/python scripts/audit/audit.py            # a stack of its own
    .venv/bin/python scripts/audit/audit.py --url URL  # a running stack
        [--only front,article_image] [--runs N] [--tools axe,vnu,lighthouse]

Without --url it starts deploy/run-prod on ports of its own with a fresh
database (`newsroom_audit`), audits, stops the stack and drops the database.
With --url the stack's environment must be exported (DATABASE_URL, …: the
pages are found in its database), e.g. for `make run-prod`:
`set -a; . build/run-prod/env; set +a`.

A complete run writes the table in docs/quality.md. Exit status: 0 all
pages pass, 1 some page falls short (printed: page, form factor, score,
failing audits), 2 the audit could not run. Thresholds, exemptions and how
scores are recomputed: docs/quality.md.
"""

import argparse
import json
import os
import shlex
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from scoring import CATEGORIES, judge

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NODE_MODULES = HERE / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The stack's certificate is self-signed; the site is still served (and
# judged: is-on-https) over https.
LIGHTHOUSE_CHROME_FLAGS = " ".join(
    ["--headless=new", *BROWSER_ARGS, "--ignore-certificate-errors"]
)
OUT = ROOT / "build" / "audit"
REPORT = ROOT / "docs" / "quality.md"
BEGIN, END = "<!-- audit:begin -->", "<!-- audit:end -->"

# The audit's own stack, beside a `make run-prod` on the default ports.
# AUDIT_DATABASE and AUDIT_HTTP_PORT, AUDIT_HTTPS_PORT, AUDIT_APP_PORT,
# AUDIT_PURGE_PORT move it elsewhere (several audits on one machine).
DATABASE = os.environ.get("AUDIT_DATABASE", "newsroom_audit")
PORTS = {
    name: int(os.environ.get(f"AUDIT_{name}", default))
    for name, default in {
        "HTTP_PORT": 9080,
        "HTTPS_PORT": 9443,
        "APP_PORT": 9001,
        "PURGE_PORT": 9081,
    }.items()
}

FORM_FACTORS = ("mobile", "desktop")
WIDTHS = {"mobile": (390, 844), "desktop": (1280, 800)}
RUNS = 3
THRESHOLDS = {
    "performance": 95,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
TOOLS = ("axe", "vnu", "lighthouse")
LIGHTHOUSE_TIMEOUT = 240
SCRIPT_COOKIE = ("zh_script", "hant")  # core/script_variant.py


def say(message: str) -> None:
    print(message)  # noqa: T201 - a command-line report


def run(command: list, **options) -> subprocess.CompletedProcess:
    return subprocess.run(command, **options)  # noqa: S603 - our own commands, no shell


TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


class AuditError(Exception):
    """The audit itself could not run (exit status 2)."""


@dataclass
class Page:
    key: str
    label: str
    path: str
    status: int = 200  # what it should answer
    noindex: bool = False  # noindex on purpose: judged without is-crawlable
    traditional: bool = False  # with the 繁體 cookie

    @property
    def shown_path(self) -> str:
        if self.key == "feedback_status":  # the token is the page's password
            return "/feedback/t/<查询码>/<token>/"
        return unquote(self.path)


@dataclass
class Result:
    page: Page
    status: int | None = None
    axe: dict = field(default_factory=dict)  # form factor -> violations
    vnu: list = field(default_factory=list)  # messages
    runs: dict = field(default_factory=dict)  # form factor -> [judged runs]
    problems: list = field(default_factory=list)  # pages or tools that failed

    def median(self, form: str, category: str) -> int | None:
        scores = [run[category].score for run in self.runs.get(form, [])]
        if not scores or None in scores:
            return None
        return statistics.median_low(scores)

    def median_run(self, form: str, category: str):
        """The run whose score is the median: its failing audits are shown."""
        median = self.median(form, category)
        for run in self.runs.get(form, []):
            if run[category].score == median:
                return run[category]
        return None

    @property
    def vnu_errors(self) -> list:
        return [m for m in self.vnu if m["type"] in ("error", "non-document-error")]

    @property
    def vnu_notes(self) -> list:
        """Warnings and information: reported, never failing."""
        return [m for m in self.vnu if m not in self.vnu_errors]


# --- the stack -----------------------------------------------------------------


def port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def ensure_postgres() -> None:
    """As deploy/run-prod does, so that the old audit database can go first."""
    ready = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]
    if run(ready).returncode == 0:
        return
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"],
        check=True,
    )
    for _ in range(30):
        if run(ready).returncode == 0:
            return
        time.sleep(1)


def drop_database() -> None:
    dropped = run(
        ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DATABASE],
        capture_output=True,
        text=True,
    )
    if dropped.returncode:
        raise AuditError(f"dropdb {DATABASE}: {dropped.stderr.strip()}")


def run_with_stack(argv: list[str]) -> int:
    """deploy/run-prod on the audit's ports, running this script against it
    (RUN_PROD_COMMAND); run-prod stops gunicorn, the scheduler and nginx when
    the command ends."""
    busy = [str(port) for port in PORTS.values() if port_in_use(port)]
    if busy:
        say(f"ports {', '.join(busy)} are taken (an audit still running?)")
        return 2
    ensure_postgres()
    drop_database()  # the demo as the current code builds it
    inner = [sys.executable, str(Path(__file__).resolve()), *argv]
    env = {
        **os.environ,
        **{name: str(port) for name, port in PORTS.items()},
        "RUN_PROD_DIR": str(OUT / "run-prod"),
        "RUN_PROD_DATABASE": DATABASE,
        # Pages cached by an earlier audit (another database) are never served.
        "CACHE_KEY_PREFIX": f"audit-{os.getpid()}-{int(time.time())}",
        "RUN_PROD_COMMAND": shlex.join(inner) + ' --url "$RUN_PROD_URL"',
        # The report's run time counts the stack's start too.
        "AUDIT_STARTED": str(time.time()),
    }
    # Its own process group: a signal reaches the whole stack and audit at once.
    stack = subprocess.Popen(  # noqa: S603 - our own script, no shell
        [str(ROOT / "deploy" / "run-prod")], env=env, start_new_session=True
    )

    def forward(signum, frame):
        os.killpg(stack.pid, signal.SIGINT)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    status = stack.wait()
    drop_database()
    return status


# --- the pages -----------------------------------------------------------------


def fetch_status(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=TLS))
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def find_pages(base: str) -> list[Page]:
    """The page kinds of the issue, from the stack's database
    (find_pages.py) and a few probes."""
    finder = run(
        [sys.executable, str(HERE / "find_pages.py")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if finder.returncode:
        raise AuditError("find_pages.py could not read the pages:\n" + finder.stderr)
    found = json.loads(finder.stdout)
    articles = [(a, fetch_status(base + a["path"])) for a in found["articles"]]
    readable = [a for a, status in articles if status == 200]
    with_image = next((a["path"] for a in readable if a["lead_image"]), None)
    without_image = next((a["path"] for a in readable if not a["lead_image"]), None)
    if not (with_image and without_image):
        raise AuditError("no article with and one without a lead image answer 200")
    # A retracted article answers 410 (noindex on purpose): the first one.
    gone = [a["path"] for a, status in articles if status == 410]
    pages = [
        Page("front", "front page", "/"),
        Page("column", "column", found["column"]),
        Page("article_image", "article with lead image", with_image),
        Page("article_no_image", "article without lead image", without_image),
        Page("author", "author", found["author"]),
        Page("tag", "tag", found["tag"]),
        Page("archive", "archive (month)", found["archive"]),
        Page("search", "search with a query", found["search"], noindex=True),
        Page(
            "feedback_status",
            "feedback status (tracking)",
            found["feedback_status"],
            noindex=True,
        ),
        Page("figures", "feedback figures", found["figures"]),
    ]
    if fetch_status(base + "/corrections/") == 200:
        pages.append(Page("corrections", "corrections", "/corrections/"))
    if gone:
        pages.append(
            Page("retraction", "retracted article (410)", gone[0], 410, noindex=True)
        )
    pages += [
        Page("not_found", "404", "/audit-no-such-page/", status=404),
        Page(
            "article_hant",
            "article in 繁體",
            with_image,
            traditional=True,
        ),
    ]
    return pages


# --- axe-core and the saved HTML ----------------------------------------------------

AXE_RUN = """async () => {
    const results = await axe.run();
    return results.violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        nodes: rule.nodes.map((node) => ({
            target: node.target.map(String).join(" "),
            html: node.html,
        })),
    }));
}"""


def browser_checks(base: str, results: list[Result], axe: bool) -> str:
    """Each page at both widths: its status, its HTML as served (for the Nu
    checker), and axe-core's violations. Returns Chromium's version."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    html_dir = OUT / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", *BROWSER_ARGS]
        )
        for result in results:
            page = result.page
            for form, (width, height) in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    ignore_https_errors=True,
                    # axe is injected as an inline script, which the site's CSP forbids.
                    bypass_csp=True,
                )
                if page.traditional:
                    name, value = SCRIPT_COOKIE
                    context.add_cookies([{"name": name, "value": value, "url": base}])
                tab = context.new_page()
                try:
                    response = tab.goto(base + page.path, wait_until="load")
                    result.status = response.status
                    if form == "mobile":
                        (html_dir / f"{page.key}.html").write_bytes(response.body())
                    if axe:
                        tab.add_script_tag(path=str(AXE))
                        result.axe[form] = tab.evaluate(AXE_RUN)
                except PlaywrightError as error:
                    result.problems.append(f"{form}: {error.message.splitlines()[0]}")
                context.close()
            violations = sum(len(result.axe.get(form, [])) for form in WIDTHS)
            say(f"  {page.key}: {result.status}, axe: {violations}")
        version = browser.version
        browser.close()
    return version


# --- the Nu HTML checker ------------------------------------------------------------


def validate_html(results: list[Result]) -> None:
    files = [OUT / "html" / f"{result.page.key}.html" for result in results]
    checked = run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always"]
        + [str(path) for path in files if path.exists()],
        capture_output=True,
        text=True,
    )
    if checked.returncode:
        raise AuditError("the Nu HTML checker failed:\n" + checked.stderr)
    messages = json.loads(checked.stdout)["messages"]
    by_key = {result.page.key: result for result in results}
    for message in messages:
        key = Path(unquote(urlsplit(message.get("url", "")).path)).stem
        if key not in by_key:  # about no page: the checker itself failed
            raise AuditError(f"the Nu HTML checker: {message}")
        by_key[key].vnu.append(message)


# --- Lighthouse ---------------------------------------------------------------------


def run_lighthouse(url: str, page: Page, form: str, run: int) -> dict | None:
    base = OUT / "lighthouse" / f"{page.key}-{form}-{run}"
    base.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={base}",
        "--only-categories=" + ",".join(CATEGORIES),
        f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        "--quiet",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    if page.traditional:
        name, value = SCRIPT_COOKIE
        command.append("--extra-headers=" + json.dumps({"Cookie": f"{name}={value}"}))
    if page.status >= 400:
        command.append("--ignore-status-code")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # A run occasionally fails (NO_NAVSTART: no trace of the load; a timeout):
    # it is tried again, up to three times.
    for _attempt in range(3):
        process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            command, env=env, stderr=subprocess.PIPE, text=True
        )
        try:
            _, stderr = process.communicate(timeout=LIGHTHOUSE_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)  # Lighthouse then closes Chrome
            try:
                process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
            stderr = f"timed out after {LIGHTHOUSE_TIMEOUT} s"
        report = base.with_name(base.name + ".report.json")
        if process.returncode == 0 and report.exists():
            return json.loads(report.read_text())
        say(f"    Lighthouse failed ({process.returncode}): {stderr.strip()[-300:]}")
    return None


def lighthouse_checks(base: str, results: list[Result], runs: int) -> dict:
    """Every page and form factor `runs` times; returns what the table's
    header needs (versions, benchmark index)."""
    about = {"lighthouse": None, "benchmark": [], "warnings": set()}
    for result in results:
        page = result.page
        for form in FORM_FACTORS:
            result.runs[form] = []
            for run in range(1, runs + 1):
                started = time.monotonic()
                lhr = run_lighthouse(base + page.path, page, form, run)
                if lhr is None:
                    result.problems.append(f"lighthouse {form} run {run}: no report")
                    continue
                if lhr.get("runtimeError"):
                    error = lhr["runtimeError"]
                    result.problems.append(
                        f"lighthouse {form} run {run}: {error.get('code')}:"
                        f" {error.get('message')}"
                    )
                judged = judge(lhr, status=page.status, noindex=page.noindex)
                for name, plain in judge(lhr).items():  # the recomputation's check
                    if plain.lighthouse is not None and plain.score != plain.lighthouse:
                        about["warnings"].add(
                            f"{name} recomputed as {plain.score}, Lighthouse"
                            f" says {plain.lighthouse} ({page.key} {form} {run})"
                        )
                result.runs[form].append(judged)
                about["lighthouse"] = lhr["lighthouseVersion"]
                if page.status < 400:  # else it warns of the status asked for
                    about["warnings"].update(map(str, lhr.get("runWarnings", [])))
                about["benchmark"].append(lhr["environment"]["benchmarkIndex"])
                scores = " ".join(f"{name}={judged[name].score}" for name in CATEGORIES)
                say(
                    f"  {page.key} {form} {run}/{runs}: {scores}"
                    f" ({time.monotonic() - started:.0f} s)"
                )
    return about


# --- judging and reporting ------------------------------------------------------------


def describe(message: dict) -> str:
    """A Nu checker message: line, text, and the markup it is about."""
    extract = " ".join(message.get("extract", "").split())[:120]
    return f"line {message.get('lastLine', '?')}: {message['message']}  [{extract}]"


def notes(results: list[Result]) -> list[str]:
    """The Nu checker's warnings and information: reported, not failing."""
    return [
        f"{result.page.key} vnu {message.get('subType', message['type'])} "
        + describe(message)
        for result in results
        for message in result.vnu_notes
    ]


def failures(results: list[Result], tools: set[str]) -> list[str]:
    found = []
    for result in results:
        page = result.page
        where = f"{page.key} ({page.shown_path})"
        if result.status is not None and result.status != page.status:
            found.append(f"{where}: answered {result.status}, expected {page.status}")
        for form, violations in result.axe.items():
            width = WIDTHS[form][0]
            for rule in violations:
                for node in rule["nodes"]:
                    found.append(
                        f"{where} axe {width}px: {rule['id']} ({rule['impact']}): "
                        f"{rule['help']}: {node['target']}  {node['html'][:160]}"
                    )
        found += [f"{where} vnu {describe(message)}" for message in result.vnu_errors]
        found += [f"{where} {problem}" for problem in result.problems]
        if "lighthouse" not in tools:
            continue
        for form in FORM_FACTORS:
            for category, threshold in THRESHOLDS.items():
                score = result.median(form, category)
                if score is not None and score >= threshold:
                    continue
                runs = [run[category].score for run in result.runs.get(form, [])]
                shown = "not scored" if score is None else score
                line = (
                    f"{where} {form} {category} {shown} (< {threshold};"
                    f" runs: {', '.join(map(str, runs)) or 'none'})"
                )
                median = result.median_run(form, category)
                if median is not None:
                    line += "".join(f"\n      {audit}" for audit in median.failing)
                    if median.hints:
                        hints = [
                            f"{hint.id} ({hint.display})" if hint.display else hint.id
                            for hint in median.hints
                        ]
                        line += "\n      to look at: " + "; ".join(hints)
                found.append(line)
    return found


def cell(result: Result, form: str, category: str) -> str:
    """A median score; bold below the threshold, starred when exemptions apply."""
    score = result.median(form, category)
    if score is None:
        return "—"
    text = str(score)
    run = result.median_run(form, category)
    if run is not None and run.exempted:
        text += "\\*"
    return f"**{text}**" if score < THRESHOLDS[category] else text


def report(results: list[Result], about: dict, found: list[str], elapsed: float) -> str:
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    versions = json.loads((HERE / "package-lock.json").read_text())["packages"]
    version = {
        name: versions[f"node_modules/{name}"]["version"]
        for name in ("lighthouse", "axe-core", "vnu-jar")
    }
    benchmark = statistics.median(about["benchmark"])
    lines = [
        BEGIN,
        "",
        f"Last run: {now:%Y-%m-%d %H:%M} (Asia/Shanghai), {elapsed / 60:.0f} minutes,"
        f" Lighthouse {about['lighthouse']}, axe-core {version['axe-core']},"
        f" vnu-jar {version['vnu-jar']}, Chromium {about['chromium']};"
        f" Lighthouse's benchmark index of the machine: {benchmark:.0f}.",
        "",
        "| page | form | performance | accessibility | best practices | SEO"
        " | axe | vnu |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for form in FORM_FACTORS:
            scores = [cell(result, form, category) for category in CATEGORIES]
            counts = [len(result.axe.get(form, [])), len(result.vnu_errors)]
            counts = [f"**{count}**" if count else "0" for count in counts]
            counts[1] += f" / {len(result.vnu_notes)}"
            lines.append(
                f"| {result.page.label} | {form} | "
                + " | ".join(scores + counts)
                + " |"
            )
    lines += [
        "",
        "Scores are the median of three runs; **bold**: below the threshold;"
        " \\*: judged with the issue's exemptions. axe: rules violated at 390 px"
        " (mobile) and 1280 px (desktop); vnu: errors / warnings and information"
        " in the page's HTML as served.",
        "",
        "| key | page | path |",
        "|---|---|---|",
        *(
            f"| `{r.page.key}` | {r.page.label} | `{r.page.shown_path}` |"
            for r in results
        ),
        "",
    ]
    lines += [f"Lighthouse warned: {warning}" for warning in sorted(about["warnings"])]
    if about["warnings"]:
        lines.append("")
    if found:
        lines += [f"{len(found)} failures:", "", "```text", *found, "```", ""]
    else:
        lines += ["Every page passes.", ""]
    if notes(results):
        lines += ["Reported, not failing:", "", "```text", *notes(results), "```", ""]
    lines.append(END)
    return "\n".join(lines)


def write_report(text: str) -> None:
    current = REPORT.read_text() if REPORT.exists() else "# Quality\n"
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        REPORT.write_text(head + text + tail)
    else:
        REPORT.write_text(current.rstrip("\n") + "\n\n" + text + "\n")


def save_results(results: list[Result], found: list[str]) -> None:
    data = {
        result.page.key: {
            "path": result.page.shown_path,
            "status": result.status,
            "scores": {
                form: {
                    category: [run[category].score for run in result.runs.get(form, [])]
                    for category in CATEGORIES
                }
                for form in FORM_FACTORS
            },
            "axe": result.axe,
            "vnu": result.vnu,
        }
        for result in results
    }
    (OUT / "results.json").write_text(
        json.dumps({"pages": data, "failures": found}, ensure_ascii=False, indent=1)
    )


def audit(args) -> int:
    started = float(os.environ.get("AUDIT_STARTED", time.time()))
    base = args.url.rstrip("/")
    tools = set(args.tools.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in ("html", "lighthouse"):
        for path in (OUT / stale).glob("*"):
            path.unlink()
    pages = find_pages(base)
    if args.only:
        wanted = set(args.only.split(","))
        pages = [page for page in pages if page.key in wanted]
    results = [Result(page) for page in pages]

    say(f"\n--- {len(pages)} pages: status, HTML" + (", axe-core" * ("axe" in tools)))
    about = {"chromium": browser_checks(base, results, axe="axe" in tools)}
    if "vnu" in tools:
        say("\n--- the Nu HTML checker")
        validate_html(results)
    if "lighthouse" in tools:
        say(f"\n--- Lighthouse, {args.runs} runs per page and form factor")
        about.update(lighthouse_checks(base, results, args.runs))

    found = failures(results, tools)
    save_results(results, found)
    elapsed = time.time() - started
    complete = not args.only and args.runs == RUNS and tools == set(TOOLS)
    if complete:
        write_report(report(results, about, found, elapsed))
    for note in notes(results):
        say("note " + note)
    for warning in sorted(about.get("warnings", ())):
        say(f"\nLighthouse warned: {warning}")
    say(f"\n--- {len(found)} failures" if found else "\n--- every page passes")
    for line in found:
        say("FAIL " + line)
    written = [OUT / "results.json", OUT / "html"]
    if "lighthouse" in tools:
        written.append(OUT / "lighthouse")
    if complete:
        written.append(REPORT)
    say(f"\nin {elapsed / 60:.1f} minutes; see " + ", ".join(map(str, written)))
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="audit this running stack, start none")
    parser.add_argument("--only", help="page keys, comma-separated (no report)")
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse runs (3)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="axe,vnu,lighthouse")
    args = parser.parse_args()
    missing = [path for path in (LIGHTHOUSE, AXE, VNU) if not path.exists()]
    if missing:
        say(f"missing {', '.join(map(str, missing))}: run `make audit`")
        return 2
    try:
        return audit(args) if args.url else run_with_stack(sys.argv[1:])
    except AuditError as error:
        say(f"the audit could not run: {error}")
        return 2
    except KeyboardInterrupt:
        say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
