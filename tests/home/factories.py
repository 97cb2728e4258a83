from wagtail.models import Page

from home.models import HomePage


def get_home_page() -> HomePage:
    """The single HomePage, created by the data migration as the site root."""
    return HomePage.objects.get()


def get_root_page() -> Page:
    return Page.get_first_root_node()
