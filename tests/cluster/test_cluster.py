"""The cluster smoke test (make test-cluster; tests/cluster/conftest.py builds
the cluster): two app servers behind two nginx front caches, a PostgreSQL
primary and streaming replica, one Redis, S3-compatible media. Each step
prints what it checked. It starts PostgreSQL servers of its own and takes
them away: run it alone, like make test-resilience."""

import contextlib
import http.client
import io
import re
import shutil
import subprocess
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse
from PIL import Image as PILImage

from tests.cluster.conftest import UNVERIFIED, say, wait_for
from tests.editorial.newsroom import edit_form_data
from tests.feedback.factories import form_data

pytestmark = pytest.mark.cluster


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """One visitor: its own cookies, optionally its own source address on the
    loopback network (nginx passes it on as the client's address)."""

    def __init__(self, base: str, source: str | None = None):
        self.base = base
        self.source = source
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None) -> Response:
        parts = urlsplit(self.base)
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.hostname,
                parts.port,
                timeout=30,
                context=UNVERIFIED,
                source_address=(self.source, 0) if self.source else None,
            )
        else:
            connection = http.client.HTTPConnection(
                parts.hostname,
                parts.port,
                timeout=30,
                source_address=(self.source, 0) if self.source else None,
            )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path, **headers) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path, data: dict, **headers) -> Response:
        return self.request(
            "POST",
            path,
            body=urlencode(data, doseq=True).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
        )


def check(what: str, condition: bool, detail: str = "") -> None:
    say(
        ("ok    " if condition else "FAIL  ")
        + what
        + (f" ({detail})" if detail else "")
    )
    assert condition, what + (f": {detail}" if detail else "")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def admin_login(cluster, number: int, password=None, client_address=None) -> Browser:
    browser = Browser(cluster.app(number))
    headers = {"X-Forwarded-For": client_address} if client_address else {}
    page = browser.get("/admin/login/", **headers)
    browser.last = browser.post(
        "/admin/login/",
        {
            "csrfmiddlewaretoken": csrf_token(page.text),
            "username": "cluster-editor",
            "password": password or cluster.editor_password,
        },
        **headers,
    )
    return browser


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, kind) in files.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        )
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 675), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


class Article:
    def __init__(self, path: str, pk: int):
        self.path, self.pk = path, pk


@pytest.fixture(scope="module")
def article(cluster) -> Article:
    """A demo article, found as a reader finds it: the sitemap, then its
    page (which names its id in the feedback form)."""
    reader = Browser(cluster.nginx(1))
    sitemap = reader.get("/sitemap.xml").text
    for url in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urlsplit(url).path
        if path.count("/") == 3:
            page = reader.get(path)
            form = re.search(r'action="/feedback/article/(\d+)/"', page.text)
            if page.status == 200 and form:
                return Article(path, int(form[1]))
    raise AssertionError("no article with a feedback form in the sitemap")


# Pages and lists are rendered from the render cache once warm, so a query
# string alone may read no table. The corrections page reads its list on
# every request (no fragment keeps it); searches read the database too.
SEARCH = "/search/?" + urlencode({"q": "吐槽"})
READS = "/corrections/"


def uncached(path: str, marker: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{marker}={time.time()}"


def replica_messages(cluster, app: int) -> list[str]:
    """What an app server logged about the replica, each message once."""
    log = cluster.logs[f"app{app}"].read_text(errors="replace")
    found = re.findall(r'"message": "(Database replica [^"]*)"', log)
    return list(dict.fromkeys(message[:100] for message in found))


def replica_reads(cluster) -> int:
    """Table scans on the replica (health checks touch no table)."""
    return int(
        cluster.replica.query(
            "SELECT COALESCE(sum(seq_scan), 0) + COALESCE(sum(idx_scan), 0) "
            "FROM pg_stat_user_tables"
        )
    )


def test_the_cluster_answers_and_readers_read_from_the_replica(cluster, article):
    check(
        "the replica streams from the primary",
        cluster.primary.query("SELECT state FROM pg_stat_replication") == "streaming",
    )
    check(
        "the replica got the schema and the demo content by streaming",
        int(cluster.replica.query("SELECT count(*) FROM articles_articlepage")) > 0,
    )
    for number in (1, 2):
        reader = Browser(cluster.nginx(number))
        reader.get(article.path)
        again = reader.get(article.path)
        check(
            f"nginx {number} serves the article from its own cache",
            again.status == 200 and again.headers["X-Cache-Status"] == "HIT",
            again.headers.get("X-Cache-Status", ""),
        )
    before = replica_reads(cluster)
    for number in range(10):
        Browser(cluster.nginx(1 + number % 2)).get(uncached(READS, "uncached"))

    def replica_was_read():
        return replica_reads(cluster) > before

    wait_for(replica_was_read, timeout=10, what="reads on the replica")
    check("anonymous page reads went to the replica", True)


def test_an_image_uploaded_and_an_article_published_on_app_server_1(cluster, article):
    editor = admin_login(cluster, 1)
    check("the editor signs in on app server 1", editor.last.status == 302)
    on_app2 = Browser(cluster.app(2))
    on_app2.cookies = dict(editor.cookies)
    dashboard = on_app2.get("/admin/")
    check(
        "the same session works on app server 2 (sessions live in PostgreSQL)",
        dashboard.status == 200 and "cluster-editor" in dashboard.text,
    )

    # An image, uploaded in the admin, stored in the bucket.
    form = editor.get(reverse("wagtailimages:add")).text
    fields = {"csrfmiddlewaretoken": csrf_token(form), "title": "集群题图"}
    collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', form)
    if collection:
        fields["collection"] = collection[1]
    body, kind = multipart(fields, {"file": ("cluster.jpg", jpeg(), "image/jpeg")})
    upload = editor.request(
        "POST", reverse("wagtailimages:add"), body=body, headers={"Content-Type": kind}
    )
    check("the image upload is accepted", upload.status == 302, str(upload.status))
    image_id = int(
        cluster.primary.query("SELECT id FROM core_newsimage WHERE title = '集群题图'")
    )
    image_page = editor.get(reverse("wagtailimages:edit", args=[image_id])).text
    rendition = re.search(
        rf'src="({re.escape(cluster.media_url)}images/[^"]+)"', image_page
    )
    check("the admin shows a rendition from the bucket", bool(rendition))
    served = Browser(cluster.s3_endpoint).get(urlsplit(rendition[1]).path)
    check(
        "the rendition is served by the object storage",
        served.status == 200 and served.body[:2] == b"\xff\xd8",
    )

    # Both caches hold the article; the editor publishes a new title.
    readers = [Browser(cluster.nginx(n)) for n in (1, 2)]
    for reader in readers:
        reader.get(article.path)
        reader.get(article.path)
    title = f"集群发布测试 {uuid.uuid4().hex[:6]}"
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    edit_page = editor.get(edit_url).text
    data = edit_form_data(
        edit_page,
        action="action-publish",
        title=title,
        lead_image=str(image_id),
        lead_image_alt="江边的早晨,集群测试题图",
    )
    # The admin's script adds the page's CSRF token to the form it sends.
    data["csrfmiddlewaretoken"] = csrf_token(edit_page)
    published = editor.post(edit_url, data)
    started = time.monotonic()
    errors = re.findall(
        r'class="error-message"[^>]*>\s*(?:<p>)?([^<]+)', published.text
    )
    check(
        "the publish is accepted",
        published.status == 302,
        f"{published.status} {'; '.join(errors)}",
    )

    seen = {}
    while len(seen) < 2 and time.monotonic() - started < 5:
        for number, reader in enumerate(readers, start=1):
            if number not in seen and title in reader.get(article.path).text:
                seen[number] = time.monotonic() - started
        time.sleep(0.02)
    for number in (1, 2):
        took = seen.get(number)
        check(
            f"the new title shows through nginx {number} within 1 s",
            took is not None and took <= 1.0,
            f"{took:.2f} s" if took is not None else "not within 5 s",
        )

    page = readers[0].get(article.path).text
    picture = re.search(
        rf'(?:src|srcset)="({re.escape(cluster.media_url)}[^" ,]+)', page
    )
    check("the article shows the new picture from the bucket", bool(picture))
    served = Browser(cluster.s3_endpoint).get(urlsplit(picture[1]).path)
    check("the page's rendition is served", served.status == 200)


def post_feedback(browser: Browser, article: Article, message: str, **headers):
    return browser.post(
        f"/feedback/article/{article.pk}/",
        form_data(article, message=message),
        **{"Sec-Fetch-Site": "same-origin", **headers},
    )


def test_feedback_through_nginx_2_is_in_the_admin_of_app_server_1(cluster, article):
    reader = Browser(cluster.nginx(2), source="127.0.1.1")
    marker = f"集群反馈{uuid.uuid4().hex[:6]}"
    sent = post_feedback(reader, article, f"{marker}：这篇评论说得很在理。")
    check("feedback through nginx 2 is accepted", sent.status == 302, str(sent.status))
    check(
        "the answer pins the reader to the primary for a few seconds",
        "newsroom_primary" in reader.cookies,
    )
    tracking = reader.get(sent.headers["Location"])
    check("the reader's tracking page answers at once", tracking.status == 200)
    code = sent.headers["Location"].split("/")[3]
    editor = admin_login(cluster, 1)
    listing = editor.get(
        reverse("wagtailsnippets_feedback_feedback:list") + "?" + urlencode({"q": code})
    )
    check(
        "the admin of app server 1 lists it",
        listing.status == 200 and (code in listing.text or marker in listing.text),
    )


def test_a_readers_limit_and_an_editors_lockout_hold_across_app_servers(
    cluster, article
):
    statuses = []
    for number in range(12):
        server = Browser(cluster.app(1 + number % 2))
        response = post_feedback(
            server,
            article,
            f"限流测试第{number + 1}条：路口的红绿灯时间太短。",
            **{"X-Forwarded-For": "203.0.113.50", "Host": "127.0.0.1"},
        )
        statuses.append(response.status)
    check(
        "a reader's 10 submissions, alternately on both app servers, then 429 "
        "(counted in the shared Redis)",
        statuses == [302] * 10 + [429, 429],
        str(statuses),
    )

    failures = [
        admin_login(cluster, number, "wrong password", "203.0.113.60").last.status
        for number in (1, 2, 1)
    ]
    locked = admin_login(cluster, 2, None, "203.0.113.60").last
    check(
        "the third wrong password, on two app servers, locks the address out "
        "on both, even with the right one (login attempts live in PostgreSQL)",
        failures == [200, 200, 429] and locked.status == 429,
        f"{failures} then {locked.status}",
    )


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
math.randomseed(os.time() + %d)
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local separator = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format(
    "GET", path .. separator .. "wrk=%d-" .. counter .. "-" .. math.random(1, 1e9)
  )
end
"""


class Poster(threading.Thread):
    """Sends feedback every 0.2 s, alternately through each nginx, each from
    a loopback address of its own (so no rate limit counts them together)."""

    def __init__(self, cluster, article):
        super().__init__(daemon=True)
        self.cluster, self.article = cluster, article
        self.results: list[tuple[str, object]] = []
        self.stopping = threading.Event()

    def run(self):
        number = 0
        while not self.stopping.is_set():
            number += 1
            marker = f"压测{uuid.uuid4().hex[:8]}"
            browser = Browser(
                self.cluster.nginx(1 + number % 2), source=f"127.0.2.{number % 250 + 1}"
            )
            try:
                status = post_feedback(
                    browser, self.article, f"{marker}：公交线路改了以后很不方便。"
                ).status
            except OSError as error:
                status = type(error).__name__
            self.results.append((marker, status))
            time.sleep(0.2)


def run_wrk(cluster, number, script, seconds) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - wrk against our own nginx
        [
            shutil.which("wrk"),
            "-t1",
            "-c4",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            cluster.nginx(number),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_app_server_2_and_the_replica_stopped_under_load(cluster, article):
    column = article.path.rsplit("/", 2)[0] + "/"
    # Query strings of their own pass both page caches; the searches read the
    # database (the replica, as long as there is one).
    loads = []
    for number in (1, 2):
        script = cluster.root / f"readers{number}.lua"
        paths = f'"{article.path}", "{column}", "{SEARCH}", "{READS}"'
        script.write_text(WRK_SCRIPT % (paths, number, number))
        loads.append(run_wrk(cluster, number, script, 9))
    poster = Poster(cluster, article)
    poster.start()
    time.sleep(2)
    cluster.stop_app(2)
    say("        app server 2 stopped (SIGTERM), under load")
    time.sleep(1.5)
    cluster.replica.stop(mode="fast")
    say("        the replica stopped (pg_ctl stop -m fast), under load")
    direct = Browser(cluster.app(1)).get(uncached(READS, "direct"))
    check(
        "a page reading the database on app server 1 just after: 200",
        direct.status == 200,
    )
    outputs = [load.communicate(timeout=60)[0] for load in loads]
    poster.stopping.set()
    poster.join(timeout=30)

    for number, output in enumerate(outputs, start=1):
        requests = re.search(r"(\d+) requests in", output)
        problems = re.findall(
            r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", output
        )
        latency = re.search(r"Latency\s+(\S+)", output)
        check(
            f"wrk through nginx {number}: every read answered",
            bool(requests) and int(requests[1]) > 0 and not problems,
            f"{requests[1] if requests else 0} uncached pages, average "
            f"{latency[1] if latency else '?'}; {problems or 'no errors'}",
        )

    statuses = [status for _, status in poster.results]
    accepted = [marker for marker, status in poster.results if status == 302]
    refused = [marker for marker, status in poster.results if status != 302]

    def stored(marker) -> int:
        return int(
            cluster.primary.query(
                f"SELECT count(*) FROM feedback_feedback WHERE message LIKE '{marker}%'"  # noqa: S608, E501 - our own markers
            )
        )

    check(
        "feedback POSTs during the outage: accepted, or 502 where nginx could not "
        "get an answer from the stopping server (a POST is never sent twice)",
        set(statuses) <= {302, 502} and len(accepted) >= 0.8 * len(statuses),
        f"{len(accepted)} of {len(statuses)} accepted, "
        f"{len(refused)} answered 502 (stored: {[stored(m) for m in refused]})",
    )
    counts = [stored(marker) for marker in accepted]
    check(
        "each accepted feedback is stored exactly once",
        set(counts) == {1},
        f"{len(counts)} accepted",
    )

    cluster.replica.start()
    cluster.start_app(2)
    say("        app server 2 and the replica started again")
    primary_rows = cluster.primary.query("SELECT count(*) FROM feedback_feedback")
    started = time.monotonic()
    wait_for(
        lambda: (
            cluster.replica.query("SELECT count(*) FROM feedback_feedback")
            == primary_rows
        ),
        timeout=60,
        what="the replica catching up",
    )
    check(
        "the replica caught up with what was written while it was down",
        True,
        f"{time.monotonic() - started:.1f} s",
    )
    check(
        "app server 2 answers again",
        Browser(cluster.app(2)).get("/healthz").status == 200,
    )
    before = replica_reads(cluster)

    def readers_back_on_the_replica():
        for number in range(4):
            Browser(cluster.nginx(1 + number % 2)).get(uncached(READS, "back"))
        return replica_reads(cluster) > before

    with contextlib.suppress(AssertionError):
        wait_for(readers_back_on_the_replica, timeout=30)
    check(
        "anonymous readers read from the replica again",
        replica_reads(cluster) > before,
        " / ".join(
            f"app {n}: " + "; ".join(replica_messages(cluster, n)) for n in (1, 2)
        ),
    )

    # App server 1 met the outage: requests that failed on the replica were
    # answered from the primary, and logged. Whether it also logs
    # "unavailable" and later "usable again" depends on when its health
    # check ran: a worker whose next check came after the replica was back
    # never marked it unusable. Readers back on the replica (above) is the
    # return; the log must show the loss.
    def app1_logged_the_loss() -> bool:
        Browser(cluster.app(1)).get(uncached(READS, "app1"))
        return any(
            "failed during" in message or "unavailable" in message
            for message in replica_messages(cluster, 1)
        )

    with contextlib.suppress(AssertionError):
        wait_for(app1_logged_the_loss, timeout=30)
    check(
        "app server 1 logged the replica's loss",
        app1_logged_the_loss(),
        "; ".join(replica_messages(cluster, 1)),
    )
