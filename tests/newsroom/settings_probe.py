"""site/settings/base.py executed afresh, for tests of how it reads the
environment (set it with monkeypatch first): a new module object each
time, leaving the settings this test run uses alone."""

import importlib.util
from pathlib import Path

import newsroom.settings

BASE = Path(newsroom.settings.__file__).with_name("base.py")


def fresh_base_settings():
    spec = importlib.util.spec_from_file_location("newsroom.settings._probe", BASE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
