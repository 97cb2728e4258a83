"""Run manage.py under the production settings in a subprocess: they read the
environment once, at import, and refuse to start when it is unsafe."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def production_env(**overrides: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="news.example.org",
        # Never connected to: these runs only load settings and check them.
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom_unused",
        REDIS_URL="redis://127.0.0.1:6379/0",
        # Verified commenters: codes go out by SMS, numbers hashed with a key
        # of their own (readers/checks.py warns otherwise).
        READER_PHONE_HMAC_KEY=secrets.token_urlsafe(32),
        READER_SMS_BACKEND="readers.aliyun.AliyunSmsBackend",
        READER_SMS_ALIYUN_ACCESS_KEY_ID="unused-key-id",
        READER_SMS_ALIYUN_ACCESS_KEY_SECRET=secrets.token_urlsafe(24),
        READER_SMS_ALIYUN_SIGN_NAME="时评",
        READER_SMS_ALIYUN_TEMPLATE_CODE="SMS_000000",
    )
    env.update(overrides)
    return env


def run_manage(*args: str, env: dict | None = None, timeout: int = 60):
    return run_python("manage.py", *args, env=env, timeout=timeout, script=True)


def run_python(
    code: str, *args: str, env: dict | None = None, timeout: int = 60, script=False
):
    command = [code, *args] if script else ["-c", code]
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, *command],
        cwd=BASE_DIR,
        env=env if env is not None else production_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
