"""Which language a request is answered in.

Readers get the public language whatever their browser's Accept-Language:
the site is written in Chinese, and a reader's 简/繁 choice
(core/script_variant.py) is a script, not a language. Only the admin
follows each user's language (Wagtail activates the one in the user's
profile; before sign-in, the browser's).

PUBLIC_LANGUAGES (a setting, a subset of LANGUAGES' codes, the default
first) may list more public languages later: then readers' Accept-Language
chooses among them, and the page caches key pages on it
(caching/store.py, caching/backends.py). With one public language, nothing
public varies on the language."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.admin_path import admin_prefix


def public_languages() -> list[str]:
    return list(getattr(settings, "PUBLIC_LANGUAGES", None) or [settings.LANGUAGE_CODE])


def is_admin_request(request) -> bool:
    return request.path_info.startswith(admin_prefix())


def public_language(request) -> str:
    """The language of a public page for this request."""
    languages = public_languages()
    if len(languages) == 1:
        return languages[0]
    chosen = translation.get_language_from_request(request)
    for language in languages:
        if chosen == language or chosen.split("-")[0] == language.split("-")[0]:
            return language
    return languages[0]


def varies_on_language() -> bool:
    """Whether public pages differ by the reader's language."""
    return len(public_languages()) > 1


class PublicLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware for the admin; the public language for
    everything else."""

    def process_request(self, request):
        if is_admin_request(request):
            return super().process_request(request)
        language = public_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if is_admin_request(request):
            return super().process_response(request, response)
        if varies_on_language():
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
