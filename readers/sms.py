"""Sending a verification code by SMS through a pluggable backend
(READER_SMS_BACKEND): the console and a file for development and tests, a
list in memory for tests, Alibaba Cloud SMS (readers.aliyun) in production."""

import json
import sys
import threading

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

# LocmemBackend's messages: (E.164 number, code).
outbox: list[tuple[str, str]] = []
_file_lock = threading.Lock()


class SmsError(Exception):
    """The provider did not take the message."""


class BaseBackend:
    def send_code(self, phone: str, code: str) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Prints the code in the server's output (`make run`)."""

    def send_code(self, phone: str, code: str) -> None:
        sys.stdout.write(f"[SMS] {phone[:-4]}****{phone[-4:]} 验证码 {code}\n")
        sys.stdout.flush()


class FileBackend(BaseBackend):
    """Appends one JSON line per message to READER_SMS_FILE."""

    def send_code(self, phone: str, code: str) -> None:
        line = json.dumps(
            {"phone": phone, "code": code, "at": timezone.now().isoformat()}
        )
        with _file_lock, open(settings.READER_SMS_FILE, "a", encoding="utf-8") as f:
            f.write(line + "\n")


class LocmemBackend(BaseBackend):
    """Keeps the messages in `outbox` (tests)."""

    def send_code(self, phone: str, code: str) -> None:
        outbox.append((phone, code))


def get_backend() -> BaseBackend:
    return import_string(settings.READER_SMS_BACKEND)()


def send_code(phone: str, code: str) -> None:
    get_backend().send_code(phone, code)
