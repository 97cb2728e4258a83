from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

# Apps above articles check the form too: a function registered with
# @hooks.register(CLEAN_HOOK) gets the form after its own clean() and adds its
# errors with form.add_error (editorial's pre-approval check does so).
CLEAN_HOOK = "clean_article_form"

LEAD_IMAGE_ALT_MISSING = (
    "请填写题图的替代文字(或在图片库里填写该图片的描述);"
    "若图片不传达内容,请勾选“题图仅为装饰”。"
)


class ArticlePageForm(WagtailAdminPageForm):
    """Editors describe the lead image for readers who cannot see it, or
    say it is decorative, as the body's image block asks of body images;
    then every CLEAN_HOOK function checks the form."""

    def clean(self):
        cleaned_data = super().clean()
        image = cleaned_data.get("lead_image")
        if (
            image is not None
            and not cleaned_data.get("lead_image_decorative")
            and not (cleaned_data.get("lead_image_alt") or "").strip()
            and not (image.description or "").strip()
        ):
            self.add_error("lead_image_alt", LEAD_IMAGE_ALT_MISSING)
        for check in hooks.get_hooks(CLEAN_HOOK):
            check(self)
        return cleaned_data
