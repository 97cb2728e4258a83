"""Template fragments kept under the render generation: rendered again only
after a purge renews it, apart per key part, script variant and preview."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils.safestring import mark_safe

from core import render_cache

pytestmark = pytest.mark.django_db

FRAGMENT = Template(
    "{% load render_cache_tags %}"
    "{% rendercache 'test' part %}{{ value }}{% endrendercache %}"
)


@pytest.fixture
def enabled(settings):
    settings.RENDER_CACHE_ENABLED = True
    render_cache.new_generation()


def render(value, part=1, host="news.example", scheme="https", **request):
    request = SimpleNamespace(scheme=scheme, get_host=lambda: host, **request)
    return FRAGMENT.render(Context({"value": value, "part": part, "request": request}))


def test_the_first_rendering_is_kept_until_the_generation_is_renewed(enabled):
    assert render(mark_safe("<b>first</b>")) == "<b>first</b>"
    assert render("second") == "<b>first</b>"
    render_cache.new_generation()
    assert render("third") == "third"


def test_each_key_part_and_script_variant_has_its_own_fragment(enabled):
    assert render("page one", part=1) == "page one"
    assert render("page two", part=2) == "page two"
    assert render("繁體", part=1, zh_script="hant") == "繁體"
    assert render("again", part=1) == "page one"


def test_each_address_has_its_own_fragment(enabled):
    # A fragment may hold absolute URLs (structured data).
    assert render("https", host="news.example") == "https"
    assert render("www", host="www.news.example") == "www"
    assert render("http", scheme="http") == "http"
    assert render("again") == "https"


def test_a_part_that_is_none_is_never_kept(enabled):
    # A list with no name of its own (search results) differs per request.
    assert render("first", part=None) == "first"
    assert render("second", part=None) == "second"


def test_previews_and_a_disabled_cache_always_render(enabled, settings):
    render("kept")
    assert render("preview", is_preview=True) == "preview"
    settings.RENDER_CACHE_ENABLED = False
    assert render("off") == "off"


def test_a_kept_fragment_is_escaped_once(enabled):
    assert render("<i>") == "&lt;i&gt;"
    assert render("other") == "&lt;i&gt;"


def test_a_fragment_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load render_cache_tags %}{% rendercache %}{% endrendercache %}")


def test_the_generation_is_read_once_per_request(enabled, monkeypatch):
    reads = []
    real = render_cache.generation

    def counted():
        reads.append(1)
        return real()

    monkeypatch.setattr(render_cache, "generation", counted)
    request = SimpleNamespace(scheme="https", get_host=lambda: "news.example")
    context = Context({"value": "x", "part": 1, "request": request})
    FRAGMENT.render(context)
    FRAGMENT.render(Context({"value": "y", "part": 2, "request": request}))
    assert len(reads) == 1
