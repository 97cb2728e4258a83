"""Show that the demo site renders the same before and after a change.

Renders the demo site twice, from a base commit and from this checkout's
working tree (uncommitted changes included), and diffs the two renderings:

    make compare-html                      # BASE is the commit before the refactor
    make compare-html BASE=HEAD~3
    .venv/bin/python scripts/compare_html.py --base REV [--ours REV] [--keep DIR]

Each side runs in its own subprocess with only its own code on the path (the
base commit is checked out with `git worktree add --detach` into a temporary
folder; `--ours REV` does the same for "ours" instead of using the working
tree). The subprocess builds a fresh SQLite database (`migrate`, `load_demo`)
under a frozen clock (time-machine, FROZEN_AT below) with newsroom.settings.test
(DEBUG off, no page cache), then fetches with Django's test client:

- every live page and the URLs its get_sitemap_urls() lists,
- everything those documents link to on the site (tag and archive listings,
  author pages, ?page= links, …), followed until nothing new turns up,
- the RSS and Atom feeds of the site, of every column and of every author,
- /sitemap.xml, /robots.txt, a search for SEARCH_QUERY and a 404 page,
- every HTML page a second time in Traditional characters (zh_script cookie).

Each response is written out as its status, headers and body. The per-request
values are masked (CSP nonces, CSRF tokens and cookies; the ETag header, a hash
of the body with its nonce, is left out; the feedback tracking tokens load_demo
draws at random are replaced by their tracking code), every pair of documents
is diffed and a summary is printed. The exit status is 0 when
every document is the same, 1 when any differs or exists on one side only and
2 when a side could not be rendered. `--ours BASE` is the self-check: it must
report no difference. The worktrees and temporary folders are removed at the
end, also on failure; `--keep DIR` keeps the masked documents and the full
diff there. It takes about 30 s on an idle machine (the two sides are rendered
at once), 1 to 2 minutes on a busy one.
"""

import argparse
import contextlib
import difflib
import hashlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import NoReturn
from urllib.parse import quote, urlencode, urljoin, urlsplit

REPO = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).resolve()
DEFAULT_BASE = "4139c930658cd6020568ceb55cbf6d843431939d"
SETTINGS = "newsroom.settings.test"
# After the newest demo article (2026-11-27), so every date shows as published.
FROZEN_AT = "2026-12-01T10:00:00+08:00"
HOST = "localhost"  # the demo Site's hostname
SEARCH_QUERY = "政务服务"
NOT_FOUND_PATH = "/compare-html-no-such-page/"
SCRIPT_COOKIE = ("zh_script", "hant")  # core/script_variant.py: Traditional
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/script/")
MAX_DOCUMENTS = 3000  # a guard against an endless crawl, far above the demo's
FEEDS = [
    ("feeds:site_rss", None),
    ("feeds:site_atom", None),
    ("feeds:column_rss", "columns"),
    ("feeds:column_atom", "columns"),
    ("feeds:author_rss", "authors"),
    ("feeds:author_atom", "authors"),
]
LINK_RE = re.compile(
    r"""(?:href|src)\s*=\s*["']([^"']*)["']|<(?:loc|link)>([^<]*)</(?:loc|link)>"""
)
# Response headers that differ on every request even when nothing changed.
VOLATILE_HEADERS = {"etag"}
VOLATILE_COOKIES = {"csrftoken", "sessionid"}
MASKS = [
    (re.compile(r'\bnonce="[^"]*"'), 'nonce="<nonce>"'),
    (re.compile(r"'nonce-[^']*'"), "'nonce-<nonce>'"),
    (
        re.compile(r'(name="csrfmiddlewaretoken"\s+value=")[^"]*"'),
        r'\1<csrf>"',
    ),
    (
        re.compile(r'value="[^"]*"(\s+name="csrfmiddlewaretoken")'),
        r'value="<csrf>"\1',
    ),
    (re.compile(r"\b(csrfmiddlewaretoken=)[^&\"'\s]*"), r"\1<csrf>"),
]


def say(*lines: str) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    sys.stdout.flush()


def fail(message: str) -> NoReturn:
    sys.stderr.write(f"compare_html: {message}\n")
    raise SystemExit(2)


def mask(text: str) -> str:
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


# --- The parent: worktrees, two renderings, the diff ------------------------


def git(*args: str, cwd: Path = REPO) -> str:
    command = [shutil.which("git") or "git", *args]
    done = subprocess.run(  # noqa: S603 - our own arguments, no shell
        command, cwd=cwd, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@contextlib.contextmanager
def worktree(rev: str, path: Path):
    """A detached checkout of `rev` at `path`, removed again afterwards."""
    for attempt in range(10):  # another git command may hold a lock for a moment
        try:
            git("worktree", "add", "--detach", "--quiet", str(path), rev)
            break
        except subprocess.CalledProcessError as error:
            if "lock" not in error.stderr or attempt == 9:
                fail(f"git worktree add {rev}: {error.stderr.strip()}")
            time.sleep(0.5)
    try:
        yield path
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            git("worktree", "remove", "--force", str(path))
        with contextlib.suppress(subprocess.CalledProcessError):
            git("worktree", "prune")


def describe(rev: str) -> str:
    try:
        return f"{rev} ({git('rev-parse', '--short', '--verify', rev + '^{commit}')})"
    except subprocess.CalledProcessError:
        fail(f"no such commit: {rev}")


def side_environment(root: Path, scratch: Path) -> dict[str, str]:
    """Only this side's code on the path: `newsroom` is a link to its site/
    folder (the editable install maps the name to this checkout's site/, but
    its finder comes after sys.path), then the side's root for the apps."""
    shim = scratch / "path"
    shim.mkdir(parents=True)
    (shim / "newsroom").symlink_to(root / "site", target_is_directory=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(scratch)),
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join([str(shim), str(root)]),
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "COMPARE_HTML_MEDIA": str(scratch / "media"),
    }


def compile_catalogs(root: Path) -> None:
    """The side's .mo files: build output, absent from a fresh checkout, and
    without them every string of the root catalog renders in English."""
    script = root / "scripts" / "compile_translations.py"
    if not script.exists():  # older revisions committed their .mo files
        return
    done = subprocess.run(  # noqa: S603 - the side's own script, no shell
        [sys.executable, str(script)], cwd=root, capture_output=True, text=True
    )
    if done.returncode:
        fail(f"{root}: compiling the catalogs failed: {done.stderr.strip()}")


def render_sides(sides: dict[str, Path], tmp: Path) -> dict[str, Path]:
    """Render every side at once, each in its own process; the folders of
    their documents."""
    for root in sides.values():
        compile_catalogs(root)
    running = {}
    try:
        for name, root in sides.items():
            scratch = tmp / name
            out = scratch / "documents"
            scratch.mkdir()
            log = (scratch / "log.txt").open("w")
            env = side_environment(root, scratch)
            command = [sys.executable, str(SCRIPT), "--render-into", str(out)]
            command += ["--root", str(root)]
            process = subprocess.Popen(  # noqa: S603 - this script, no shell
                command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            running[name] = (process, log, out)
        failed = []
        for name, (process, log, _out) in running.items():
            process.wait()
            log.close()
            text = (tmp / name / "log.txt").read_text(errors="replace")
            lines = [
                line
                for line in text.splitlines()
                if line.startswith(("code:", "time:", "warning:"))
            ]
            say(*(f"{name:>4} {line}" for line in lines))
            if process.returncode:
                failed.append(name)
                tail = "\n".join(text.splitlines()[-40:])
                say(f"{name}: rendering failed (exit {process.returncode}):", tail)
        if failed:
            fail(f"could not render {' and '.join(failed)}")
    finally:
        for process, log, _out in running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
            log.close()
    return {name: out for name, (_process, _log, out) in running.items()}


def load(out: Path) -> dict[str, str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {
        key: mask((out / name).read_text(encoding="utf-8"))
        for key, name in manifest.items()
    }


def compare(base: dict[str, str], ours: dict[str, str], context_lines: int):
    """(identical keys, {key: diff lines}) over the union of both sides."""
    identical, differing = [], {}
    for key in sorted(base.keys() | ours.keys()):
        if key not in ours:
            differing[key] = ["only rendered at base"]
        elif key not in base:
            differing[key] = ["only rendered in ours"]
        elif base[key] == ours[key]:
            identical.append(key)
        else:
            differing[key] = list(
                difflib.unified_diff(
                    base[key].splitlines(),
                    ours[key].splitlines(),
                    f"base {key}",
                    f"ours {key}",
                    n=context_lines,
                    lineterm="",
                )
            )
    return identical, differing


def keep(directory: Path, base: dict, ours: dict, differing: dict) -> None:
    for side, documents in (("base", base), ("ours", ours)):
        folder = directory / side
        folder.mkdir(parents=True, exist_ok=True)
        for key, text in documents.items():
            (folder / file_name(key)).write_text(text, encoding="utf-8")
    full = "\n".join(line for lines in differing.values() for line in lines)
    (directory / "full.diff").write_text(full + "\n", encoding="utf-8")


def run_comparison(args) -> int:
    started = time.monotonic()
    ours_label = describe(args.ours) if args.ours else f"working tree of {REPO}"
    say(f"base: {describe(args.base)}", f"ours: {ours_label}")
    # A plain `kill` still removes the worktrees and temporary folders.
    signal.signal(signal.SIGTERM, lambda *_: fail("stopped (SIGTERM)"))
    with (
        tempfile.TemporaryDirectory(prefix="compare-html-") as tmp_name,
        contextlib.ExitStack() as checkouts,
    ):
        tmp = Path(tmp_name)
        sides = {"base": checkouts.enter_context(worktree(args.base, tmp / "src"))}
        sides["ours"] = (
            checkouts.enter_context(worktree(args.ours, tmp / "src-ours"))
            if args.ours
            else REPO
        )
        outputs = render_sides(sides, tmp)
        base, ours = load(outputs["base"]), load(outputs["ours"])
        identical, differing = compare(base, ours, args.context)
        if args.keep:
            keep(Path(args.keep), base, ours, differing)

    for key, lines in differing.items():
        shown = lines[2:] if lines[0].startswith("---") else lines
        say(f"== {key}", *shown[: args.lines])
        if len(shown) > args.lines:
            say(f"   … {len(shown) - args.lines} more diff lines")
    if args.keep:
        say(f"Masked documents and the full diff: {args.keep}")
    say(
        f"{len(base.keys() | ours.keys())} documents compared "
        f"({len(base)} at base, {len(ours)} in ours): {len(identical)} identical, "
        f"{len(differing)} different [{time.monotonic() - started:.0f} s]",
        *(f"  differs: {key}" for key in differing),
    )
    return 1 if differing else 0


# --- The child: one side's database and documents ---------------------------


def file_name(key: str) -> str:
    readable = quote(key, safe="")[:120]
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"{readable}.{digest}.txt"


def check_code_origin(root: Path) -> None:
    """Stop unless every first-party module (newsroom and the apps) was
    imported from `root`, and none from the other checkout."""
    from django.apps import apps

    import newsroom

    venv = Path(sys.prefix).resolve()
    first_party = {
        "newsroom": Path(newsroom.__file__).resolve(),
        **{
            config.name: Path(config.module.__file__).resolve()
            for config in apps.get_app_configs()
            if not Path(config.path).resolve().is_relative_to(venv)
        },
    }
    wrong = [
        f"{name} from {path}"
        for name, path in first_party.items()
        if not path.is_relative_to(root)
    ]
    if root != REPO:  # nothing at all may come from the main checkout
        for name, module in list(sys.modules.items()):
            path = Path(getattr(module, "__file__", None) or "/").resolve()
            if path.is_relative_to(REPO) and not path.is_relative_to(venv):
                if path != SCRIPT:
                    wrong.append(f"{name} from {path}")
    say(
        f"code: newsroom from {first_party['newsroom'].parent}, "
        f"articles from {first_party['articles'].parent}"
    )
    if wrong:
        raise SystemExit("code from the wrong checkout: " + ", ".join(wrong))


class Renderer:
    """Fetch documents with Django's test client, following the site's own
    links, and write each one out as status, headers and body."""

    def __init__(self, out: Path):
        from django.test import Client

        self.client = Client(raise_request_exception=False)
        self.out = out
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.manifest: dict[str, str] = {}
        self.secrets: dict[str, str] = {}  # random value -> what to write instead

    def hide(self, secret: str, placeholder: str) -> None:
        """Write `placeholder` for `secret` (a random value load_demo made,
        such as a tracking link's token) in every document and key."""
        self.secrets[secret] = placeholder

    def without_secrets(self, text: str) -> str:
        for secret, placeholder in self.secrets.items():
            text = text.replace(secret, placeholder)
        return text

    def add(self, url: str, base: str = "/") -> None:
        parts = urlsplit(urljoin(base, html.unescape(url.strip())))
        if parts.scheme not in ("", "http", "https"):
            return
        if parts.netloc not in ("", HOST) or parts.path.startswith(SKIPPED_PREFIXES):
            return
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if target not in self.seen and len(self.seen) < MAX_DOCUMENTS:
            self.seen.add(target)
            self.queue.append(target)

    def run(self) -> None:
        while self.queue:
            target = self.queue.popleft()
            response = self.fetch(target)
            content_type = response.get("Content-Type", "")
            text = self.save(target, response)
            if "html" in content_type or "xml" in content_type:
                for match in LINK_RE.finditer(text):
                    self.add(match[1] or match[2], base=target)
            if content_type.startswith("text/html") and response.status_code == 200:
                self.save(f"{target} [hant]", self.fetch(target, SCRIPT_COOKIE))
        if len(self.seen) >= MAX_DOCUMENTS:
            say(f"warning: stopped following links at {MAX_DOCUMENTS} documents")
        manifest = json.dumps(self.manifest, ensure_ascii=False, indent=1)
        (self.out / "manifest.json").write_text(manifest, encoding="utf-8")

    def fetch(self, target: str, cookie: tuple[str, str] | None = None):
        self.client.cookies.clear()
        if cookie:
            self.client.cookies[cookie[0]] = cookie[1]
        return self.client.get(target, HTTP_HOST=HOST)

    def save(self, target: str, response) -> str:
        headers = [
            f"{name}: {value}"
            for name, value in sorted(response.items())
            if name.lower() not in VOLATILE_HEADERS
        ]
        for name, morsel in sorted(response.cookies.items()):
            value = "<masked>" if name in VOLATILE_COOKIES else morsel.value
            headers.append(f"Set-Cookie: {name}={value} {sorted(morsel.items())}")
        content_type = response.get("Content-Type", "")
        if response.streaming:
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        if content_type.startswith(("text/", "application/")) or not body:
            text = body.decode(response.charset or "utf-8", "replace")
        else:
            text = f"<{len(body)} bytes, sha256 {hashlib.sha256(body).hexdigest()}>"
        key = self.without_secrets(target)
        document = "\n".join(
            [f"GET {key}", f"HTTP {response.status_code}", *headers, "", text]
        )
        name = file_name(key)
        (self.out / name).write_text(self.without_secrets(document), encoding="utf-8")
        self.manifest[key] = name
        return text


def url_named(name: str, **kwargs) -> str:
    """The URL of a view by name; a URL that answers 404, and so shows up in
    the diff, if one side has no view of that name."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return f"/compare-html-no-url-named/{name}/{'/'.join(kwargs.values())}"


def seed(renderer: Renderer) -> None:
    """The documents to start from: pages, feeds, archives, feedback tracking,
    sitemap, robots, search and a 404."""
    from django.apps import apps
    from django.utils import timezone
    from wagtail.models import Page

    for page in Page.objects.live().specific().order_by("path"):
        url = page.get_url()
        if url is None:
            continue  # under no site
        renderer.add(url)
        for entry in page.get_sitemap_urls():
            renderer.add(entry["location"])
    slugs = {
        "columns": apps.get_model("articles", "ColumnPage")
        .objects.live()
        .order_by("path")
        .values_list("slug", flat=True),
        "authors": apps.get_model("articles", "Author")
        .objects.order_by("slug")
        .values_list("slug", flat=True),
    }
    for name, scope in FEEDS:
        for slug in slugs[scope] if scope else [None]:
            renderer.add(url_named(name, **({"slug": slug} if slug else {})))
    articles = apps.get_model("articles", "ArticlePage").objects.live()
    for moment in articles.order_by("first_published_at").values_list(
        "first_published_at", flat=True
    ):
        day = timezone.localtime(moment)
        renderer.add(f"/{day:%Y}/")
        renderer.add(f"/{day:%Y}/{day:%m}/")
    # Each demo feedback item's private tracking page (its token is random)
    # and its status by tracking code.
    feedback = apps.get_model("feedback", "Feedback").objects.order_by("tracking_code")
    for code, token in feedback.values_list("tracking_code", "tracking_token"):
        renderer.hide(token, f"<token of {code}>")
        renderer.add(url_named("feedback:track", code=code, token=token))
        renderer.add(url_named("feedback:lookup") + "?" + urlencode({"code": code}))
    renderer.add("/sitemap.xml")
    renderer.add("/robots.txt")
    renderer.add("/search/?" + urlencode({"q": SEARCH_QUERY}))
    renderer.add(NOT_FOUND_PATH)


def render_side(out: Path, root: Path) -> None:
    import io
    import logging
    import random

    try:
        import time_machine
    except ImportError:
        raise SystemExit("time-machine is missing: make install-dev") from None

    out.mkdir(parents=True)
    with time_machine.travel(FROZEN_AT, tick=False):
        random.seed(0)
        import django
        from django.conf import settings
        from django.core.management import call_command

        settings.MEDIA_ROOT = os.environ["COMPARE_HTML_MEDIA"]
        settings.PAGE_CACHE_ENABLED = False
        django.setup()
        check_code_origin(root)
        logging.getLogger("django.request").setLevel(logging.ERROR)  # the 404s
        started = time.monotonic()  # not frozen by time-machine
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
        built = time.monotonic()
        renderer = Renderer(out)
        seed(renderer)
        renderer.run()
        say(
            f"time: database {built - started:.0f} s, "
            f"{len(renderer.manifest)} documents {time.monotonic() - built:.0f} s"
        )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Render the demo site at BASE and in this working tree "
        "(or at --ours) and diff the documents."
    )
    parser.add_argument("--base", default=DEFAULT_BASE, help="the commit before")
    parser.add_argument(
        "--ours",
        metavar="REV",
        help="render this commit instead of the working tree "
        "(--ours BASE is the self-check: no difference expected)",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep documents and diff")
    parser.add_argument("--lines", type=int, default=12, help="diff lines shown")
    parser.add_argument("--context", type=int, default=2, help="diff context")
    parser.add_argument("--render-into", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.render_into:
        render_side(args.render_into, args.root.resolve())
        return 0
    return run_comparison(args)


if __name__ == "__main__":
    sys.exit(main())
