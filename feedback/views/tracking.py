from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from feedback import lifecycle
from feedback.forms import LookupForm, RatingForm
from feedback.models import Feedback, State
from security import ratelimit

from .responses import private_page

RATED_MEANWHILE = _(
    "This feedback was rated a moment ago (perhaps in another window, or the "
    "form was sent twice): this rating was not saved. The state on this page "
    "is the current one."
)


def submitter_history(item):
    """The public steps, signed by staff names only if settings allow."""
    show_names = settings.FEEDBACK_SHOW_STAFF_NAMES
    steps = []
    for event in item.events.filter(is_internal=False):
        if event.by_submitter:
            who = gettext("You")
        elif event.by_anonymous_actor:
            who = event.actor_label
        else:
            who = event.actor_name if show_names else gettext("The newsroom")
        # An assignment's note names the staff member.
        reason = "" if event.action == "assign" and not show_names else event.reason
        steps.append(
            {
                "event": event,
                "who": who,
                "reason": reason,
                "label": lifecycle.ACTION_LABELS.get(event.action, event.action),
                "to_label": item.reader_label_of(event.to_state)
                if event.to_state
                else "",
            }
        )
    return steps


def track(request, code: str, token: str):
    """The private tracking page: status, history, replies, and the rating."""
    item = (
        Feedback.objects.select_related("article", "column")
        .filter(tracking_code=code)
        .first()
    )
    if item is None or not constant_time_compare(item.tracking_token, token):
        raise Http404(gettext("No such feedback"))

    form = RatingForm()
    conflict = False
    if request.method == "POST":
        form = RatingForm(request.POST)
        if item.state != State.REPLIED:
            form.add_error(
                None,
                gettext(
                    "You cannot rate now: a reply can be rated once, after it came."
                ),
            )
        elif form.is_valid():
            try:
                lifecycle.rate(
                    item, form.cleaned_data["rating"], form.cleaned_data["reason"]
                )
            except lifecycle.TransitionNotAllowed:
                # Another rating (a second tab, a double click) moved the item
                # after it was read above: the step checks again on the locked
                # row, so this one is refused, and the page shows where it is.
                conflict = True
                item.refresh_from_db()
                form.add_error(None, RATED_MEANWHILE)
            else:
                return redirect(f"{request.path}?rated=1")

    return private_page(
        request,
        "feedback/tracking_page.html",
        {
            "item": item,
            "history": submitter_history(item),
            "replies": item.replies.all(),
            "rating_form": form,
            "can_rate": item.state == State.REPLIED,
            "just_sent": "sent" in request.GET,
            "tracking_url": request.build_absolute_uri(request.path),
            "just_rated": "rated" in request.GET,
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def lookup(request):
    """Status by 查询码 alone: no message, reply or contact, only where it stands."""
    form = LookupForm(request.GET or None)
    item = None
    status = 200
    if form.is_bound:
        limit, window = settings.FEEDBACK_LOOKUP_RATE_LIMIT_PER_IP
        if not ratelimit.allow("lookup", ratelimit.client_key(request), limit, window):
            return private_page(
                request, "feedback/rate_limited_page.html", {}, status=429
            )
        if form.is_valid():
            item = Feedback.objects.filter(
                tracking_code=form.cleaned_data["code"]
            ).first()
            if item is None:
                form.add_error(
                    "code",
                    gettext(
                        "No feedback has this tracking code: check it and try again."
                    ),
                )
                status = 404
        else:
            status = 400
    return private_page(
        request,
        "feedback/lookup_page.html",
        {"form": form, "item": item},
        status=status,
    )
