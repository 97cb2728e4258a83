"""A whole cluster on this one machine, built from the engines a real one
uses, for tests/cluster/test_cluster.py (make test-cluster):

- a PostgreSQL primary and a streaming replica (pg_basebackup), both fresh
  clusters in a temporary folder on ports of their own, run as the
  `postgres` user (the machine's own PostgreSQL is not touched);
- a Redis of its own;
- moto in server mode as the S3-compatible media storage;
- two gunicorn app servers with the production settings, reading from the
  replica and purging both caches;
- two nginx front caches (deploy/render-nginx), each with its own cache
  folder and both app servers as upstreams.

Everything is stopped and the folder removed when the test ends, whatever
happened."""

import contextlib
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.ops.redis import closed_port

BASE_DIR = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent
UNVERIFIED = ssl._create_unverified_context()  # noqa: S323 - our own test certificate
S3_KEY, S3_SECRET, S3_BUCKET = "cluster-key", "cluster-secret", "newsroom-media"


def say(text: str) -> None:
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def postgres_bin() -> Path:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
    )
    if not versions:
        pytest.skip("needs PostgreSQL's server binaries (/usr/lib/postgresql/*/bin)")
    return versions[-1]


def wait_for(predicate, timeout=60.0, interval=0.2, what="it"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return
        time.sleep(interval)
    raise AssertionError(f"{what} did not happen within {timeout:.0f} s")


def answers(url) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3, context=UNVERIFIED):  # noqa: S310
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


class Postgres:
    """A PostgreSQL cluster in `folder`, run as the postgres user (it
    refuses root)."""

    def __init__(self, folder: Path, port: int, socket_dir: Path, bin_dir: Path):
        self.folder, self.port, self.socket_dir, self.bin = (
            folder,
            port,
            socket_dir,
            bin_dir,
        )
        self.log = socket_dir / f"{folder.name}.log"

    def run(self, *command, check=True):
        command = [str(command[0]), *map(str, command[1:])]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(  # noqa: S603 - fixed binaries, our arguments
            command, check=check, capture_output=True, text=True, timeout=180
        )

    def url(self, database="newsroom") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init_primary(self) -> None:
        self.run(
            self.bin / "initdb",
            "-D",
            self.folder,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        with (self.folder / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n".join(
                    [
                        "listen_addresses = '127.0.0.1'",
                        f"port = {self.port}",
                        f"unix_socket_directories = '{self.socket_dir}'",
                        "wal_level = replica",
                        "max_wal_senders = 4",
                        "hot_standby = on",
                        "fsync = off",
                        "full_page_writes = off",
                        "shared_buffers = 64MB",
                        "",
                    ]
                )
            )

    def init_replica_of(self, primary: "Postgres") -> None:
        """pg_basebackup of the running primary, streaming from it (-R)."""
        self.run(
            self.bin / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            primary.port,
            "-U",
            "postgres",
            "-D",
            self.folder,
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        with (self.folder / "postgresql.auto.conf").open("a") as conf:
            conf.write(f"port = {self.port}\n")

    def start(self) -> None:
        self.run(
            self.bin / "pg_ctl",
            "-D",
            self.folder,
            "-l",
            self.log,
            "-w",
            "-t",
            60,
            "start",
        )

    def stop(self, mode="fast"):
        self.run(
            self.bin / "pg_ctl",
            "-D",
            self.folder,
            "-m",
            mode,
            "-w",
            "-t",
            60,
            "stop",
            check=False,
        )

    def query(self, sql, database="newsroom"):
        result = self.run(
            self.bin / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            self.port,
            "-U",
            "postgres",
            "-d",
            database,
            "-tAX",
            "-c",
            sql,
        )
        return result.stdout.strip()


class Cluster:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="newsroom-cluster-", dir="/tmp"))
        self.root.chmod(0o755)  # the postgres user walks into it
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}
        bin_dir = postgres_bin()
        # Sockets and logs of both PostgreSQL servers, written as postgres.
        pg_files = self.root / "pg-files"
        pg_files.mkdir()
        if os.geteuid() == 0:
            shutil.chown(pg_files, "postgres", "postgres")
        self.primary = Postgres(
            self.root / "pg-primary", closed_port(), pg_files, bin_dir
        )
        self.replica = Postgres(
            self.root / "pg-replica", closed_port(), pg_files, bin_dir
        )
        self.redis_port = closed_port()
        self.s3_port = closed_port()
        self.app_ports = [closed_port(), closed_port()]
        self.nginx_ports = [closed_port(), closed_port()]
        self.http_ports = [closed_port(), closed_port()]
        self.purge_ports = [closed_port(), closed_port()]
        self.secret_key = settings.SECRET_KEY  # forms signed here are valid there
        self.editor_password = secrets.token_urlsafe(16)

    # --- URLs -----------------------------------------------------------------
    def app(self, number: int) -> str:
        return f"http://127.0.0.1:{self.app_ports[number - 1]}"

    def nginx(self, number: int) -> str:
        return f"https://127.0.0.1:{self.nginx_ports[number - 1]}"

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    @property
    def media_url(self) -> str:
        return f"{self.s3_endpoint}/{S3_BUCKET}/"

    # --- the environment of every app server and command -----------------------
    def env(self) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "NGINX_"))
        }
        origins = ",".join(self.nginx(n) for n in (1, 2))
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings.production",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS=origins,
            WAGTAILADMIN_BASE_URL=self.nginx(1),
            DATABASE_URL=self.primary.url(),
            DATABASE_REPLICA_URL=self.replica.url(),
            REDIS_URL=f"redis://127.0.0.1:{self.redis_port}/0",
            STATIC_ROOT=str(self.root / "static"),
            MEDIA_ROOT=str(self.root / "media-unused"),
            MEDIA_STORAGE="s3",
            S3_BUCKET=S3_BUCKET,
            S3_ENDPOINT_URL=self.s3_endpoint,
            S3_REGION="us-east-1",
            AWS_ACCESS_KEY_ID=S3_KEY,
            AWS_SECRET_ACCESS_KEY=S3_SECRET,
            NGINX_PURGE_URLS=",".join(
                f"http://127.0.0.1:{port}" for port in self.purge_ports
            ),
            TRUSTED_PROXY_HEADER="X-Forwarded-For",
            TRUSTED_PROXIES="127.0.0.1",
            # The test talks to the app servers directly over plain HTTP too.
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            AXES_FAILURE_LIMIT="3",
            GUNICORN_WORKERS="2",
            GUNICORN_THREADS="4",
            LOG_LEVEL="WARNING",
        )
        return env

    def manage(self, *args, timeout=600):
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, f"manage.py {args}: {result.stderr[-3000:]}"
        return result.stdout

    # --- starting --------------------------------------------------------------
    def background(self, name, command, env=None):
        log = self.root / f"{name}.log"
        self.logs[name] = log
        self.processes[name] = subprocess.Popen(  # noqa: S603 - our own commands
            [str(part) for part in command],
            cwd=BASE_DIR,
            env=env or self.env(),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_postgres(self):
        if os.geteuid() == 0:
            for folder in (self.primary.folder, self.replica.folder):
                folder.mkdir(mode=0o700)
                shutil.chown(folder, "postgres", "postgres")
        self.primary.init_primary()
        self.primary.start()
        self.primary.query("CREATE DATABASE newsroom", database="postgres")
        # The replica is copied now, before the schema exists: everything
        # after this reaches it by streaming replication.
        self.replica.init_replica_of(self.primary)
        self.replica.start()
        say(
            f"PostgreSQL primary on {self.primary.port}, streaming replica on "
            f"{self.replica.port}"
        )

    def start_redis(self):
        self.background(
            "redis",
            [
                shutil.which("redis-server"),
                "--port",
                self.redis_port,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )

    def start_s3(self):
        import json

        import boto3

        self.background(
            "s3", [VENV_BIN / "moto_server", "-H", "127.0.0.1", "-p", self.s3_port]
        )
        wait_for(lambda: answers(self.s3_endpoint), what="moto")
        client = boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            aws_access_key_id=S3_KEY,
            aws_secret_access_key=S3_SECRET,
            region_name="us-east-1",
        )
        client.create_bucket(Bucket=S3_BUCKET)
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{S3_BUCKET}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=S3_BUCKET, Policy=json.dumps(policy))
        say(f"Redis on {self.redis_port}, S3 stand-in (moto) on {self.s3_port}")

    def prepare_site(self):
        self.manage("migrate", "--no-input", "-v", "0")
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("load_demo", "-v", "0")
        env = {**self.env(), "DJANGO_SUPERUSER_PASSWORD": self.editor_password}
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                "manage.py",
                "createsuperuser",
                "--no-input",
                "--username",
                "cluster-editor",
                "--email",
                "editor@example.org",
            ],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        say("schema migrated, static files collected, demo content loaded")

    def start_app(self, number: int):
        env = {**self.env(), "GUNICORN_BIND": f"127.0.0.1:{self.app_ports[number - 1]}"}
        self.background(
            f"app{number}",
            [VENV_BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            env=env,
        )
        wait_for(lambda: answers(self.app(number) + "/healthz"), what=f"app {number}")

    def stop_app(self, number: int):
        """As systemd stops it: SIGTERM to gunicorn, which lets its workers
        finish what they are doing."""
        self.stop(f"app{number}", group=False)

    def start_nginx(self, number: int):
        run_dir = self.root / f"nginx{number}"
        run_dir.mkdir(exist_ok=True)
        tls = self.root / "tls"
        if not tls.exists():
            tls.mkdir()
            subprocess.run(  # noqa: S603
                [
                    shutil.which("openssl"),
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=127.0.0.1",
                    "-keyout",
                    tls / "key.pem",
                    "-out",
                    tls / "cert.pem",
                ],
                check=True,
                capture_output=True,
            )
        port = self.nginx_ports[number - 1]
        render_env = {
            **os.environ,
            "SERVER_NAME": "127.0.0.1 localhost",
            "UPSTREAM": ",".join(f"127.0.0.1:{p}" for p in self.app_ports),
            "STATIC_ROOT": str(self.root / "static"),
            "MEDIA_ROOT": str(self.root / "media-unused"),
            "TLS_CERTIFICATE": str(tls / "cert.pem"),
            "TLS_KEY": str(tls / "key.pem"),
            "HTTP_LISTEN": f"127.0.0.1:{self.http_ports[number - 1]}",
            "HTTPS_LISTEN": f"127.0.0.1:{port}",
            "HTTPS_PORT_SUFFIX": f":{port}",
            "CACHE_DIR": str(run_dir / "cache"),
            "PURGE_LISTEN": f"127.0.0.1:{self.purge_ports[number - 1]}",
            "RUN_DIR": str(run_dir),
            "NGINX_USER": "root" if os.geteuid() == 0 else os.environ.get("USER", ""),
        }
        site = subprocess.run(  # noqa: S603
            [BASE_DIR / "deploy" / "render-nginx"],
            cwd=BASE_DIR,
            env=render_env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (run_dir / "newsroom.conf").write_text(site)
        main = subprocess.run(  # noqa: S603
            [shutil.which("envsubst"), "${RUN_DIR} ${NGINX_USER}"],
            input=(BASE_DIR / "deploy/nginx/run-prod.conf.template").read_text(),
            env=render_env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (run_dir / "nginx.conf").write_text(main)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.background(
            f"nginx{number}",
            [nginx, "-c", run_dir / "nginx.conf", "-g", "daemon off;"],
        )
        wait_for(lambda: answers(self.nginx(number) + "/healthz"), what="nginx")

    def start(self):
        started = time.monotonic()
        self.start_postgres()
        self.start_redis()
        self.start_s3()
        self.prepare_site()
        for number in (1, 2):
            self.start_app(number)
        for number in (1, 2):
            self.start_nginx(number)
        say(
            f"two app servers ({self.app(1)}, {self.app(2)}) and two nginx "
            f"({self.nginx(1)}, {self.nginx(2)}) up in "
            f"{time.monotonic() - started:.0f} s"
        )

    # --- stopping --------------------------------------------------------------
    def stop(self, name: str, group=True):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(process.pid, signal.SIGTERM)
            else:
                process.terminate()
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def close(self):
        for name in list(self.processes):
            self.stop(name)
        for database in (self.replica, self.primary):
            if database.folder.exists():
                database.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, name: str, lines=40) -> str:
        """The last lines of a server's log, less the app servers' access
        log (one line a request)."""
        path = self.logs.get(name)
        if not path or not path.exists():
            return ""
        kept = [
            line
            for line in path.read_text(errors="replace").splitlines()
            if '"logger": "gunicorn.access"' not in line
        ]
        return "\n".join(kept[-lines:])


def needs(*commands):
    missing = [c for c in commands if not shutil.which(c)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (make test-cluster installs them)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _logs_on_failure(request):
    """When a step fails, the end of each server's log."""
    yield
    report = getattr(request.node, "report_call", None)
    cluster = request.node.funcargs.get("cluster")
    if report is not None and report.failed and cluster is not None:
        for name in list(cluster.logs):
            tail = cluster.log_tail(name, lines=25)
            if tail:
                say(f"--- {name} log (last lines):\n{tail}")


@pytest.fixture(scope="module")
def cluster():
    needs("nginx", "wrk", "redis-server", "openssl", "envsubst")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("needs runuser to run PostgreSQL as postgres")
    if not Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so").exists():
        pytest.skip("needs libnginx-mod-http-cache-purge")
    cluster = Cluster()
    try:
        try:
            cluster.start()
        except BaseException:
            for name in list(cluster.logs):
                say(f"--- {name} log:\n{cluster.log_tail(name)}")
            for database in (cluster.primary, cluster.replica):
                if database.log.exists():
                    tail = database.log.read_text()[-3000:]
                    say(f"--- {database.folder.name}:\n{tail}")
            raise
        yield cluster
    finally:
        cluster.close()
        say(f"cluster stopped, {cluster.root} removed")
