"""Render every live page and fail on anything no editor put there."""

import logging
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail import hooks
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Site
from wagtail.snippets.models import get_snippet_models

from core.models import Term
from security.integrity import CONTENT_CHECKS_HOOK, IntegrityPolicy, urls_in


class Command(BaseCommand):
    help = (
        "Render every live page (and the 404 page) and fail if one carries a "
        "<script>, <iframe> or external link that no editor entered and the "
        "templates do not allow, or a blocked term."
    )

    def handle(self, *args, verbosity=1, **options):
        sites = list(Site.objects.order_by("-is_default_site", "pk"))
        if not sites:
            raise CommandError("No Wagtail site is configured.")
        policy = IntegrityPolicy(
            own_hosts=self.own_hosts(sites),
            editor_urls=self.editor_urls(),
            blocked_terms=Term.objects.blocked(),
        )
        # Expected 404s (the probe of the error page) are not news.
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.ERROR)
        try:
            problems, checked = self.check_pages(policy, sites, verbosity)
        finally:
            request_log.setLevel(level)
        for check in hooks.get_hooks(CONTENT_CHECKS_HOOK):
            problems.extend(check())
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) on {checked} pages")
        self.stdout.write(self.style.SUCCESS(f"{checked} pages checked: all clean"))

    def check_pages(self, policy, sites, verbosity):
        client = Client(raise_request_exception=False)
        problems: list[str] = []
        checked = 0
        for url, expected in self.urls_to_check(sites):
            parts = urlsplit(url)
            response = client.get(
                parts.path + (f"?{parts.query}" if parts.query else ""),
                HTTP_HOST=parts.netloc,
                secure=parts.scheme == "https",
            )
            checked += 1
            if response.status_code != expected:
                problems.append(f"{url}: HTTP {response.status_code}, not {expected}")
            if "html" in response.get("Content-Type", ""):
                html = response.content.decode(response.charset or "utf-8", "replace")
                problems.extend(
                    f"{url}: {problem}" for problem in policy.problems(html)
                )
            if verbosity > 1 or (verbosity and checked % 100 == 0):
                self.stdout.write(f"… {checked} pages checked")
        return problems, checked

    def urls_to_check(self, sites):
        for page in live_pages():
            if page.get_url_parts() is None:
                continue  # not under any site: unreachable
            for entry in page.get_sitemap_urls():
                yield entry["location"], 200
        for path in settings.CONTENT_CHECK_EXTRA_PATHS:
            yield sites[0].root_url + path, 200
        yield f"{sites[0].root_url}/{secrets.token_hex(6)}-no-such-page/", 404

    def own_hosts(self, sites) -> set[str]:
        hosts = {site.hostname for site in sites}
        hosts.update(host for host in settings.ALLOWED_HOSTS if "*" not in host)
        for url in (settings.WAGTAILADMIN_BASE_URL, settings.MEDIA_URL):
            if host := urlsplit(url).hostname:
                hosts.add(host)
        return hosts

    def editor_urls(self) -> set[str]:
        """URLs anywhere in what editors entered: live pages, snippets and
        site settings (not what readers typed: CONTENT_CHECK_READER_MODELS)."""
        found = set()
        for page in live_pages():
            found |= urls_in(page.serializable_data())
        readers = {label.lower() for label in settings.CONTENT_CHECK_READER_MODELS}
        for model in [*get_snippet_models(), *settings_registry]:
            if model._meta.label_lower in readers:
                continue
            rows = model.objects.all().iterator(chunk_size=500)
            found |= urls_in(serializers.serialize("python", rows))
        return found


def live_pages():
    return Page.objects.live().specific().order_by("path").iterator(chunk_size=200)
