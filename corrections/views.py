"""The public corrections page: every public correction, newest first, site
wide (/corrections/) or for one column (/corrections/<column>/)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from articles.models import ColumnPage
from core.pagination import paginate
from corrections.models import Correction

TITLE = _("Corrections and updates")


def public_corrections(column=None):
    corrections = (
        Correction.objects.public()
        .select_related("article", "article__listed_column")
        .defer("article__body")
        .newest_first()
    )
    if column is not None:
        corrections = corrections.filter(article__listed_column=column)
    return corrections


def readable_column(slug):
    return get_object_or_404(ColumnPage.objects.live().public(), slug=slug)


def corrections_page(request, slug=None):
    column = readable_column(slug) if slug else None
    title = str(TITLE)
    heading = f"{column.title} · {title}" if column else title
    crumbs = [{"title": title, "url": "/corrections/"}]
    if column is not None:
        crumbs.append({"title": column.title, "url": request.path})
    return TemplateResponse(
        request,
        "corrections/corrections_page.html",
        {
            "column": column,
            "columns": ColumnPage.objects.live().public().order_by("path"),
            "corrections": paginate(request, public_corrections(column)),
            "corrections_heading": heading,
            "corrections_crumbs": crumbs,
        },
    )
