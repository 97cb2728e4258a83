"""gunicorn and nginx on 127.0.0.1 for the page benchmark, started and
stopped by bench/page_bench.py."""

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "newsroom.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def wait_for(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
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
    """nginx with the repository's config, in a private run directory."""

    def __init__(
        self,
        run_dir: Path,
        port: int,
        purge_port: int,
        upstream: str,
        static_root: Path,
        media_root: Path,
        extra_servers: str = "",
    ):
        self.run_dir = run_dir
        self.port, self.purge_port = port, purge_port
        self.values = {
            "RUN_DIR": str(run_dir),
            "CACHE_DIR": str(run_dir / "cache"),
            "UPSTREAM": upstream,
            "LISTEN": f"127.0.0.1:{port}",
            "PURGE_LISTEN": f"127.0.0.1:{purge_port}",
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(media_root),
            "EXTRA_SERVERS": extra_servers,
            # Started by root (a bench here), the workers would run as
            # nobody and could not read the private run directory.
            "USER_DIRECTIVE": "user root;" if os.geteuid() == 0 else "",
        }

    def render(self) -> Path:
        text = NGINX_TEMPLATE.read_text()
        for name, value in self.values.items():
            text = text.replace(f"@@{name}@@", value)
        shutil.rmtree(self.run_dir / "cache", ignore_errors=True)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        path = self.run_dir / "nginx.conf"
        path.write_text(text)
        return path

    def __enter__(self):
        config = self.render()
        subprocess.run(  # noqa: S603
            [NGINX, "-t", "-q", "-c", str(config)], check=True
        )
        subprocess.run([NGINX, "-c", str(config)], check=True)  # noqa: S603
        wait_for(f"http://127.0.0.1:{self.port}/")
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
