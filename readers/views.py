"""The reader's pages, all under /readers/ (a path the page cache and nginx
never keep): verify a number, choose a nickname, agree to changed rules,
sign out, and the small state endpoint the article form asks."""

from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from readers import events, policy, session, standing
from readers.forms import CodeForm, ConsentForm, NicknameForm, PhoneForm
from readers.models import Document, ReaderDocument, Standing
from readers.nicknames import nickname_key
from readers.verification import Blocked, Refused, check_code, send_code
from security.client_ip import client_ip


def _private(response):
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", private"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _page(request, template, context, status=200):
    context = {**context, "noindex": True, "next": _next(request)}
    return _private(render(request, template, context, status=status))


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _with_next(url: str, target: str) -> str:
    return f"{url}?{urlencode({'next': target})}" if target else url


def _documents():
    return list(ReaderDocument.objects.all())


@require_http_methods(["GET", "POST"])
def verify(request):
    """Step 1: number and consent, send a code. Step 2: the code."""
    context = {"documents": _documents()}
    action = request.POST.get("action")
    if request.method == "GET":
        context["form"] = PhoneForm()
        return _page(request, "readers/verify_page.html", context)
    if action == "check":
        form = CodeForm(request.POST)
        context.update(form=form, code_step=True)
        if not form.is_valid():
            return _page(request, "readers/verify_page.html", context, status=400)
        try:
            reader = check_code(form.cleaned_data["phone"], form.cleaned_data["code"])
        except Refused as refused:
            form.add_error("code", str(refused))
            form.data = form.data.copy()
            form.data["code"] = ""
            status = 403 if isinstance(refused, Blocked) else 400
            return _page(request, "readers/verify_page.html", context, status=status)
        agreed = policy.record_consent(reader, policy.current_versions())
        events.verified(request, reader, consents=agreed)
        target = _next(request)
        if not reader.nickname:
            response = redirect(_with_next(reverse("readers:nickname"), target))
        else:
            response = redirect(target or reverse("readers:account"))
        session.sign_in(response, reader)
        return _private(response)
    form = PhoneForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return _page(request, "readers/verify_page.html", context, status=400)
    try:
        send_code(form.cleaned_data["phone"], client_ip(request))
    except Refused as refused:
        form.add_error("phone", str(refused))
        status = 403 if isinstance(refused, Blocked) else 429
        return _page(request, "readers/verify_page.html", context, status=status)
    context.update(
        form=CodeForm(initial={"phone": request.POST.get("phone"), "agree": True}),
        code_step=True,
        sent=True,
    )
    return _page(request, "readers/verify_page.html", context)


@require_http_methods(["GET", "POST"])
def nickname(request):
    reader = session.current_reader(request)
    if reader is None:
        return _private(redirect(_with_next(reverse("readers:verify"), _next(request))))
    form = NicknameForm(
        request.POST or None, reader=reader, initial={"nickname": reader.nickname}
    )
    if request.method == "POST" and form.is_valid():
        reader.nickname = form.cleaned_data["nickname"]
        reader.nickname_key = nickname_key(reader.nickname)
        try:
            with transaction.atomic():
                reader.save(update_fields=["nickname", "nickname_key"])
        except IntegrityError:
            form.add_error(
                "nickname", _("This nickname is taken. Please choose another.")
            )
        else:
            events.nickname_set(request, reader)
            return _private(redirect(_next(request) or reverse("readers:account")))
    status = 400 if request.method == "POST" else 200
    return _page(request, "readers/nickname_page.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def consent(request):
    reader = session.current_reader(request)
    if reader is None:
        return _private(redirect(_with_next(reverse("readers:verify"), _next(request))))
    missing = policy.missing_consents(reader)
    documents = [d for d in _documents() if d.kind in missing]
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        versions = policy.current_versions()
        agreed = policy.record_consent(reader, {k: versions[k] for k in missing})
        events.consented(request, reader, agreed)
        return _private(redirect(_next(request) or reverse("readers:account")))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "documents": documents}
    return _page(request, "readers/consent_page.html", context, status=status)


@require_GET
def account(request):
    reader = session.current_reader(request)
    if reader is None:
        return _private(redirect(_with_next(reverse("readers:verify"), _next(request))))
    state = standing.current(reader)
    context = {
        "reader": reader,
        "missing": policy.missing_consents(reader),
        "standing": state,
        "standing_label": Standing(state).label,
        "sanctions": reader.sanctions.all()[:50],
    }
    return _page(request, "readers/account_page.html", context)


@require_POST
def signout(request):
    response = redirect(_next(request) or "/")
    session.sign_out(request, response)
    return _private(response)


@require_GET
def state(request):
    """The signed-in state the article form shows (readers/reader-state.js):
    the only per-reader part of an article, fetched apart from the cached
    page."""
    reader = session.current_reader(request)
    data = {"verified": False}
    if reader is not None:
        data = {
            "verified": True,
            "nickname": reader.nickname or "",
            "needs_nickname": not reader.nickname,
            "needs_consent": bool(policy.missing_consents(reader)),
            "account_url": reverse("readers:account"),
        }
    data["verify_url"] = reverse("readers:verify")
    return _private(JsonResponse(data))


@require_GET
def document(request, kind):
    if kind not in Document.values:
        raise Http404
    doc = get_object_or_404(ReaderDocument, kind=kind)
    return _page(request, "readers/document_page.html", {"document": doc})


def verify_url(next_url: str = "") -> str:
    return _with_next(reverse("readers:verify"), next_url)
