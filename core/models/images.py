"""Custom image model, decided on day one: a photo's credit travels with the
photo (reused across articles), and swapping image models later needs a
hand-written data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NewsImage(AbstractImage):
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(
        NewsImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
