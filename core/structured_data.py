"""schema.org data shared by every page kind: the publisher with its logo,
the site's default image, the front page's WebSite and NewsMediaOrganization.
Articles, authors and columns add theirs (articles/structured_data.py)."""

from django.templatetags.static import static
from django.urls import reverse

# The site's own images (static/img/): the share image of a page without
# one of its own and the publisher's logo.
SITE_IMAGE = "img/default-share.png"
SITE_IMAGE_SIZE = (1200, 630)
LOGO = "img/logo.png"
LOGO_SIZE = (512, 512)
# Open Graph locales of the two scripts (core/script_variant.py LANG).
OG_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW"}
CONTEXT = "https://schema.org"


def page_language(request) -> str:
    """zh-Hans or zh-Hant: the script the page is served in."""
    return getattr(request, "zh_lang", None) or "zh-Hans"


def static_absolute(request, path: str) -> str:
    url = static(path)
    return request.build_absolute_uri(url) if request is not None else url


def site_image_url(request) -> str:
    return static_absolute(request, SITE_IMAGE)


def logo(request) -> dict:
    width, height = LOGO_SIZE
    return {
        "@type": "ImageObject",
        "url": static_absolute(request, LOGO),
        "width": width,
        "height": height,
    }


def publisher(request, site_settings) -> dict:
    """The organization that publishes the site, with its logo."""
    return {
        "@type": "NewsMediaOrganization",
        "@id": request.build_absolute_uri("/") + "#publisher",
        "name": site_settings.publisher or site_settings.site_name,
        "url": request.build_absolute_uri("/"),
        "logo": logo(request),
    }


def front_page(request, site_settings) -> dict:
    """The front page: the WebSite with its search, and its publisher."""
    home = request.build_absolute_uri("/")
    search = request.build_absolute_uri(reverse("search"))
    organization = {**publisher(request, site_settings), "@context": CONTEXT}
    website = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": home + "#website",
        "name": site_settings.site_name,
        "url": home,
        "inLanguage": page_language(request),
        "publisher": {"@id": organization["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": search + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return [website, organization]
