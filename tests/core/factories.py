import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Site

from core.models import NewsImage, SiteSettings


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = ""
    last_name = ""
    password = factory.django.Password("password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True


class NewsImageFactory(wagtail_factories.ImageFactory):
    """A generated PNG in the root collection (wagtail-factories would add a
    second root collection per image)."""

    title = factory.Sequence(lambda n: f"图片{n}")
    credit = ""
    file = factory.django.ImageField(width=640, height=360, color="steelblue")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = NewsImage


def default_site() -> Site:
    return Site.objects.get(is_default_site=True)


def site_settings(**fields) -> SiteSettings:
    """The default site's SiteSettings, with the given fields set and saved."""
    settings = SiteSettings.for_site(default_site())
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings
