"""gunicorn and nginx on 127.0.0.1 for the page benchmark, started and
stopped by bench/page_bench.py."""

import os
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "newsroom.conf.template"
# The bench talks to its own servers over TLS with a throw-away certificate.
UNVERIFIED = ssl._create_unverified_context()  # noqa: S323
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5, context=UNVERIFIED):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


class Gunicorn:
    def __init__(
        self, port: int, env: dict, workers: int, log: Path, control_socket: Path
    ):
        self.port, self.env, self.workers, self.log = port, env, workers, log
        self.control_socket = control_socket
        self.process = None

    def __enter__(self):
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "newsroom.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--keep-alive",
            "30",
            "--backlog",
            "2048",
            "--control-socket",
            str(self.control_socket),
        ]
        self.output = self.log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command,
            cwd=ROOT,
            env={**os.environ, **self.env},
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        wait_for(f"http://127.0.0.1:{self.port}/")
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.output.close()


class Nginx:
    """The repository's nginx configuration (deploy/nginx/, as make run-prod
    fills it in), with TLS, in a private run directory."""

    def __init__(
        self,
        run_dir: Path,
        port: int,
        purge_port: int,
        upstream: str,
        static_root: Path,
        media_root: Path,
        extra_servers: str = "",
        cpu: int | None = None,
    ):
        self.run_dir = run_dir
        # Pinned to one core (one worker), away from the load generator's.
        self.cpu = cpu
        self.port, self.purge_port = port, purge_port
        self.extra_servers = extra_servers
        self.values = {
            "RUN_DIR": str(run_dir),
            # Started by root (a bench here), the workers would run as
            # nobody and could not read the private run directory.
            "NGINX_USER": "root" if os.geteuid() == 0 else os.environ.get("USER", ""),
            "SERVER_NAME": "127.0.0.1 localhost",
            # What deploy/render-nginx makes of UPSTREAM and PURGE_ALLOW.
            "UPSTREAM_SERVERS": f"    server {upstream};",
            "PURGE_ALLOW_RULES": "    allow 127.0.0.1;\n    allow ::1;",
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "TLS_CERTIFICATE": str(run_dir / "cert.pem"),
            "TLS_KEY": str(run_dir / "key.pem"),
            "HTTP_LISTEN": f"127.0.0.1:{port + 10}",
            "HTTPS_LISTEN": f"127.0.0.1:{port}",
            "HTTPS_PORT_SUFFIX": f":{port}",
            "CACHE_DIR": str(run_dir / "cache"),
            "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
        }

    def fill(self, template: Path) -> str:
        text = template.read_text()
        for name, value in self.values.items():
            text = text.replace("${" + name + "}", value)
        return text

    def render(self) -> Path:
        shutil.rmtree(self.run_dir / "cache", ignore_errors=True)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if not (self.run_dir / "cert.pem").exists():
            subprocess.run(  # noqa: S603
                [
                    "/usr/bin/openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "30",
                    "-subj",
                    "/CN=127.0.0.1",
                    "-keyout",
                    str(self.run_dir / "key.pem"),
                    "-out",
                    str(self.run_dir / "cert.pem"),
                ],
                check=True,
                capture_output=True,
            )
        site = self.fill(NGINX_TEMPLATE) + "\n" + self.extra_servers + "\n"
        (self.run_dir / "newsroom.conf").write_text(site)
        path = self.run_dir / "nginx.conf"
        main = self.fill(NGINX_TEMPLATE.parent / "run-prod.conf.template")
        workers = "1" if self.cpu is not None else "auto"
        path.write_text(
            main.replace("worker_processes 1;", f"worker_processes {workers};")
        )
        return path

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def __enter__(self):
        config = self.render()
        subprocess.run([NGINX, "-t", "-q", "-c", str(config)], check=True)  # noqa: S603
        pin = ["taskset", "-c", str(self.cpu)] if self.cpu is not None else []
        subprocess.run([*pin, NGINX, "-c", str(config)], check=True)  # noqa: S603
        wait_for(self.url + "/healthz")
        return self

    def __exit__(self, *exc):
        pid_file = self.run_dir / "nginx.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGQUIT)
            deadline = time.monotonic() + 15
            while pid_file.exists() and time.monotonic() < deadline:
                time.sleep(0.1)


if __name__ == "__main__":
    sys.exit("bench/servers.py is used by bench/page_bench.py")
