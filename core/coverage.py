"""Which pages a person covers: the subtrees where their groups hold the
"change" page permission (a column for column editors, the whole site for
deputy and chief editors). Reviewers only see and act on the pages they
cover, feedback handlers outside the feedback team only on their columns'
feedback: this is the one answer to "which columns does this person cover"."""

from functools import reduce
from operator import or_

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.permissions import policy_registry

CHANGE = "change_page"


def covered_paths(user) -> list[str]:
    """Tree paths under which the user may change any page (cached per request
    on the user object by Wagtail's permission policy)."""
    policy = policy_registry.get_by_type(Page)
    return [
        perm.page.path
        for perm in policy.get_cached_permissions_for_user(user)
        if perm.permission.codename == CHANGE
    ]


def covers(user, obj) -> bool:
    """Whether the user covers a page; objects outside the page tree (a
    snippet under review) belong to no column and are covered by everyone."""
    if not user.is_active:
        return False
    if user.is_superuser or not hasattr(obj, "path"):
        return True
    return any(obj.path.startswith(path) for path in covered_paths(user))


def covered_pages_q(user) -> Q | None:
    """A filter for the pages the user covers; None for a superuser (all)."""
    if user.is_superuser:
        return None
    paths = covered_paths(user)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(path__startswith=path) for path in paths))


def covered_page_ids_as_text(user):
    """Page ids as text, for matching the string object_id of workflow states."""
    pages = Page.objects.all()
    q = covered_pages_q(user)
    if q is not None:
        pages = pages.filter(q)
    return pages.annotate(id_text=Cast("id", CharField(max_length=255))).values(
        "id_text"
    )


def covered(pages, user):
    """The pages of a queryset (e.g. ColumnPage.objects.all()) the user covers."""
    if not user.is_active or user.is_anonymous:
        return pages.none()
    q = covered_pages_q(user)
    return pages if q is None else pages.filter(q)
