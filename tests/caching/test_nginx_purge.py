"""The repository's nginx config with a stand-in upstream: nginx caches what
Django marks public, and NginxPurgeBackend's PURGE requests evict it. Needs
Debian's nginx and libnginx-mod-http-cache-purge (make bench installs them)."""

import shutil
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from caching.backends import NginxPurgeBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from servers import UNVERIFIED, Nginx  # noqa: E402

PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
pytestmark = pytest.mark.skipif(
    not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists())
    or not PURGE_MODULE.exists(),
    reason="needs nginx and libnginx-mod-http-cache-purge",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Upstream(BaseHTTPRequestHandler):
    """Counts renders; public pages say so the way Django's middleware does.
    Under /gone/ it answers 410, as a retracted article's tombstone does."""

    renders = 0
    accel_expires = None

    def do_GET(self):  # noqa: N802 - the http.server API
        type(self).renders += 1
        private = "sessionid" in self.headers.get("Cookie", "")
        body = f"render {type(self).renders} {self.path}".encode()
        self.send_response(410 if self.path.startswith("/gone/") else 200)
        self.send_header(
            "Cache-Control",
            "private, no-cache" if private else "public, max-age=0, s-maxage=600",
        )
        if self.accel_expires and not private:
            self.send_header("X-Accel-Expires", self.accel_expires)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nginx(tmp_path):
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port, purge_port = free_port(), free_port()
    server = Nginx(
        tmp_path / "nginx",
        port,
        purge_port,
        f"127.0.0.1:{upstream.server_port}",
        tmp_path,
        tmp_path,
    )
    with server:
        yield port, purge_port
    upstream.shutdown()


def get(port, path, **headers) -> tuple[str, str]:
    request = urllib.request.Request(f"https://127.0.0.1:{port}{path}", headers=headers)
    with urllib.request.urlopen(request, context=UNVERIFIED) as response:  # noqa: S310
        return response.read().decode(), response.headers["X-Cache-Status"]


def test_nginx_serves_public_pages_from_its_cache(nginx):
    port, _ = nginx
    first, _ = get(port, "/column/article/")
    again, status = get(port, "/column/article/")
    assert again == first
    assert status == "HIT"


def test_staff_and_query_strings_bypass_nginx(nginx):
    port, _ = nginx
    get(port, "/column/")
    assert get(port, "/column/", Cookie="sessionid=abc")[1] == "BYPASS"
    assert get(port, "/column/?page=2")[1] == "BYPASS"


def test_purge_backend_evicts_every_variant(nginx):
    port, purge_port = nginx
    get(port, "/column/article/")
    get(port, "/column/article/", Cookie="zh_script=hant")
    backend = NginxPurgeBackend({"LOCATION": f"http://127.0.0.1:{purge_port}"})
    backend.purge("http://localhost/column/article/")
    assert get(port, "/column/article/")[1] == "MISS"
    assert get(port, "/column/article/", Cookie="zh_script=hant")[1] == "MISS"


def test_an_expired_copy_is_served_while_nginx_fetches_the_page_again(nginx):
    """X-Accel-Expires (PROXY_CACHE_SECONDS) bounds what no purge reaches;
    readers are not kept waiting when it runs out."""
    port, _ = nginx
    Upstream.accel_expires = "1"
    try:
        first, _ = get(port, "/column/stale/")
        time.sleep(2.5)  # nginx counts expiry in whole seconds
        served, status = get(port, "/column/stale/")
        assert served == first  # the old copy, at once
        assert status in {"STALE", "UPDATING"}
        for _ in range(50):  # the background update lands
            latest, status = get(port, "/column/stale/")
            if latest != first:
                break
            time.sleep(0.1)
        assert latest != first
    finally:
        Upstream.accel_expires = None


def test_nginx_caches_a_tombstone_with_its_410_until_it_is_purged(nginx):
    port, purge_port = nginx

    def get_gone():
        url = f"https://127.0.0.1:{port}/gone/article/"
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(url, context=UNVERIFIED)  # noqa: S310
        error = answer.value
        return error.code, error.read().decode(), error.headers["X-Cache-Status"]

    status, first, _ = get_gone()
    assert status == 410
    assert get_gone() == (410, first, "HIT")
    backend = NginxPurgeBackend({"LOCATION": f"http://127.0.0.1:{purge_port}"})
    backend.purge("http://localhost/gone/article/")
    assert get_gone()[2] == "MISS"


def test_purging_a_page_nginx_never_cached_is_not_an_error(nginx, caplog):
    _, purge_port = nginx
    backend = NginxPurgeBackend({"LOCATION": f"http://127.0.0.1:{purge_port}"})
    backend.purge("http://localhost/never-cached/")
    assert not [record for record in caplog.records if record.levelname == "ERROR"]
