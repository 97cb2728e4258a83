"""A writer's own Author: offered on the new-article form to an account that
has none (articles/panels.py, OwnAuthorOffer), created here on their click,
linked through Author.user, named as the account is named (family name
first) with a pinyin slug."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from articles.models import Author
from articles.slugs import name_slug, unique_slug
from core.people import display_name

URL_NAME = "articles_own_author"


def own_author(user) -> Author:
    """The user's Author, created if they have none."""
    author = Author.objects.filter(user=user).first()
    if author is not None:
        return author
    name = display_name(user)
    slug = unique_slug(
        name_slug(name) or f"author-{user.pk}",
        lambda slug: Author.objects.filter(slug=slug).exists(),
    )
    return Author.objects.create(name=name, slug=slug, user=user)


@require_POST
def create_own_author(request):
    author = own_author(request.user)
    messages.success(
        request,
        _("Your byline “%(name)s” is ready; new pieces start with it.")
        % {"name": author.name},
    )
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
