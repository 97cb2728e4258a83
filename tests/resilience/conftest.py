"""The production stack in a subprocess (gunicorn with the production
settings) against this test run's PostgreSQL database, for tests that take
its services away and bring them back."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.ops.redis import closed_port

BASE_DIR = Path(settings.BASE_DIR)
STATIC_ROOT = BASE_DIR / "build" / "resilience-static"
CLUSTER_VERSION = "15"


def postgres_cluster() -> tuple[str, str]:
    versions = (
        sorted(os.listdir("/etc/postgresql"))
        if Path("/etc/postgresql").exists()
        else []
    )
    return (versions[-1] if versions else CLUSTER_VERSION), "main"


def pg_ctl(action: str) -> None:
    version, name = postgres_cluster()
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action]
        + (["--", "-m", "fast"] if action == "stop" else []),
        check=True,
        capture_output=True,
        timeout=60,
    )


def postgres_is_up() -> bool:
    return (
        subprocess.run(
            ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"],  # noqa: S607
            check=False,
        ).returncode
        == 0
    )


def wait_for(predicate, timeout=60.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@pytest.fixture
def postgres_restarts():
    """Stop and start the shared PostgreSQL; it is always running again when
    the test ends, whatever happened."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    if not shutil.which("pg_ctlcluster"):
        pytest.skip("needs Debian's pg_ctlcluster")

    class Cluster:
        def stop(self):
            pg_ctl("stop")
            assert wait_for(lambda: not postgres_is_up(), timeout=30)

        def start(self):
            pg_ctl("start")
            assert wait_for(postgres_is_up, timeout=60)
            connection.close()  # this process's connection died with the server

    try:
        yield Cluster()
    finally:
        if not postgres_is_up():
            pg_ctl("start")
            wait_for(postgres_is_up, timeout=60)
        connection.close()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Server:
    def __init__(self, url, process, log_path):
        self.url = url
        self.process = process
        self.log_path = log_path

    def request(self, path, data=None, headers=None, timeout=10) -> Response:
        request = urllib.request.Request(  # noqa: S310 - our own http:// server
            self.url + path, data=data, headers=headers or {}
        )
        try:
            with OPENER.open(request, timeout=timeout) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def log_lines(self) -> list[dict]:
        lines = []
        for line in self.log_path.read_text(errors="replace").splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
        return lines


_collected = []


def collect_static(env):
    """Once per test run (incremental: only changed files are copied)."""
    if not _collected:
        _collected.append(True)
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=BASE_DIR,
            env=env,
            check=True,
            timeout=300,
        )


def server_env(**overrides) -> dict:
    db = settings.DATABASES["default"]
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        # This run's key, so forms signed by the tests are valid there too.
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=(
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
        STATIC_ROOT=str(STATIC_ROOT),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        SECURE_SSL_REDIRECT="0",
        DB_CONN_MAX_AGE="60",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        TRUSTED_PROXY_HEADER="X-Forwarded-For",
        TRUSTED_PROXIES="127.0.0.1",
    )
    env.update(overrides)
    return env


@pytest.fixture
def start_server(tmp_path):
    """start_server(**env) → a gunicorn of the production settings on a free
    port, one worker (so the same process and its persistent connections
    live through the whole test)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    processes = []

    def start(**overrides):
        env = server_env(**overrides)
        collect_static(env)
        port = closed_port()
        log_path = tmp_path / f"gunicorn-{port}.log"
        env.update(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "deploy/gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        server = Server(f"http://127.0.0.1:{port}", process, log_path)

        def answers():
            try:
                return server.request("/healthz", timeout=2).status in {200, 503}
            except OSError:
                return False

        assert wait_for(answers, timeout=60), log_path.read_text()
        return server

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
