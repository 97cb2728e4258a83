"""Render every live page and fail on anything no editor put there."""

import logging
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Site
from wagtail.snippets.models import get_snippet_models

from core.models import Term
from security.integrity import IntegrityPolicy, urls_in


class Command(BaseCommand):
    help = (
        "Render every live page (and the 404 page) and fail if one carries a "
        "<script>, <iframe> or external link that no editor entered and the "
        "templates do not allow, or a blocked term."
    )

    def handle(self, *args, verbosity=1, **options):
        sites = list(Site.objects.select_related("root_page"))
        if not sites:
            raise CommandError("No Wagtail site is configured.")
        pages = list(Page.objects.live().specific().order_by("path"))
        policy = IntegrityPolicy(
            own_hosts=self.own_hosts(sites),
            editor_urls=self.editor_urls(pages),
            blocked_terms=Term.objects.blocked(),
        )
        client = Client(raise_request_exception=False)
        # Expected 404s (the probe of the error page) are not news.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        problems: list[str] = []
        checked = 0
        for url, expected in self.urls_to_check(pages, sites):
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
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) on {checked} pages")
        self.stdout.write(self.style.SUCCESS(f"{checked} pages checked: all clean"))

    def urls_to_check(self, pages, sites):
        for page in pages:
            site_id, root_url, path = page.get_url_parts() or (None, None, None)
            if path is None:
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

    def editor_urls(self, pages) -> set[str]:
        """URLs anywhere in what editors entered: live pages, snippets and
        site settings."""
        found = set()
        for page in pages:
            found |= urls_in(page.serializable_data())
        content_models = [*get_snippet_models(), *settings_registry]
        for model in content_models:
            found |= urls_in(serializers.serialize("python", model.objects.all()))
        return found
