"""The project-level templates (templates/) are written in English and
translated: no Chinese is typed into them outside template comments, and
the root catalog gives back the Chinese readers see."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Han characters, CJK punctuation (、。「」《》…) and full-width forms (：（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e]")
COMMENTS = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.DOTALL)


def template_files():
    return sorted(
        path
        for path in TEMPLATES.rglob("*")
        if path.suffix in {".html", ".txt", ".xml"} and path.is_file()
    )


def test_project_templates_hold_no_chinese_outside_comments():
    typed = {}
    for path in template_files():
        text = COMMENTS.sub("", path.read_text(encoding="utf-8"))
        found = sorted(set(CJK.findall(text)))
        if found:
            typed[str(path.relative_to(TEMPLATES))] = "".join(found)
    assert typed == {}


REPLY = SimpleNamespace(
    item=SimpleNamespace(
        article_title="Lifts", get_kind_display="complaint", tracking_code="AB12"
    ),
    answer=SimpleNamespace(body="Fixed.", signature_name="Su", signature_role="desk"),
)


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("zh-hans", "您好：", "Hello,"),
        ("en", "Hello,", "您好"),
    ],
)
def test_a_template_speaks_the_active_language(language, expected, absent):
    context = {"item": REPLY.item, "answer": REPLY.answer, "tracking_url": "/t/"}

    with translation.override(language):
        text = render_to_string("feedback/email/reply.txt", context)

    assert expected in text
    assert absent not in text
    if language == "en":
        assert not CJK.search(text)
