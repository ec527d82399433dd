"""The events' front-end views: registering and cancelling on the event page, the session's
calendar file and joining link, "My registrations", the one-click cancel link from e-mail and
the evaluation form. Every answer that names a person's registration is private, no-store."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.page_cache import mark_private

from . import access, registrations
from .calendar_file import build_calendar
from .emails import CANCEL_SALT, EVALUATION_SALT, registration_of_token
from .forms import EvaluationForm
from .models import Registration, Session


def _session_of(page, session_id):
    """A session of this event (through its default-language page), or 404."""
    session = (
        Session.objects.select_related("event")
        .filter(pk=session_id, event__translation_key=page.translation_key)
        .first()
    )
    if session is None:
        raise Http404
    return session


def _require_login(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    return None


def _back_to(page):
    return HttpResponseRedirect(page.url + "#sessions")


@require_POST
def register(request, page, session_id):
    if (login := _require_login(request, page)) is not None:
        return login
    session = _session_of(page, session_id)
    try:
        registration = registrations.register(request.user, session.pk)
    except registrations.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return mark_private(_back_to(page))
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request,
            _("You are registered. We have e-mailed you a confirmation with a calendar file."),
        )
    else:
        messages.warning(
            request,
            _(
                "This session is full, so you are on the waiting list. If a place is freed, it "
                "is yours and we will e-mail you."
            ),
        )
    return mark_private(_back_to(page))


@require_POST
def cancel(request, page, session_id):
    if (login := _require_login(request, page)) is not None:
        return login
    session = _session_of(page, session_id)
    registration = access.registration_of(request.user, session)
    if registration is None:
        messages.error(request, _("You are not registered for this session."))
        return mark_private(_back_to(page))
    try:
        registrations.cancel(registration.pk, user=request.user)
    except registrations.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return mark_private(_back_to(page))


def _calendar_response(session, page):
    response = HttpResponse(
        build_calendar(session, page.full_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    response["X-Robots-Tag"] = "noindex"
    return mark_private(response)


@require_safe
def calendar(request, page, session_id):
    """The session's calendar file, for a person registered for it."""
    if (login := _require_login(request, page)) is not None:
        return login
    session = _session_of(page, session_id)
    registration = access.registration_of(request.user, session)
    if registration is None or not registration.is_active:
        raise PermissionDenied(_("Register for the session to add it to your calendar."))
    return _calendar_response(session, page)


@require_safe
def join(request, page, session_id):
    """To the joining link, for a registered person once it opens (the reminder links here)."""
    if (login := _require_login(request, page)) is not None:
        return login
    session = _session_of(page, session_id)
    if not access.may_join(request.user, session):
        messages.info(
            request,
            _(
                "The joining link appears on this page for registered people shortly before "
                "the session starts."
            ),
        )
        return mark_private(_back_to(page))
    return mark_private(HttpResponseRedirect(session.joining_link))


def page_routes():
    return {"register": register, "cancel": cancel, "calendar": calendar, "join": join}


@login_required
@require_safe
def my_registrations(request):
    rows = [
        {"registration": registration, "session": registration.session}
        for registration in registrations.active_registrations(request.user)
    ]
    response = render(request, "events/my_registrations.html", {"rows": rows})
    return mark_private(response)


@login_required
@require_POST
def cancel_mine(request, registration_id):
    try:
        registration, _promoted = registrations.cancel(registration_id, user=request.user)
    except Registration.DoesNotExist as missing:
        raise Http404 from missing
    except registrations.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return mark_private(HttpResponseRedirect(reverse("event_registrations")))


@require_http_methods(["GET", "HEAD", "POST"])
def cancel_link(request, token):
    """The cancel link of the e-mails: a page that asks, and a POST that cancels (mail
    scanners follow links, so opening it changes nothing)."""
    registration = registration_of_token(token, CANCEL_SALT)
    if registration is None:
        raise Http404
    context = {"registration": registration, "session": registration.session}
    if request.method == "POST":
        try:
            registrations.cancel(registration.pk)
        except registrations.RegistrationRefused as refusal:
            context["error"] = refusal.message
        else:
            context["done"] = True
        registration.refresh_from_db()
    response = render(request, "events/cancel_link.html", context)
    return mark_private(response)


@require_http_methods(["GET", "HEAD", "POST"])
def evaluation(request, token):
    """The evaluation form an attendee is sent after the session; one answer each."""
    registration = registration_of_token(token, EVALUATION_SALT)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    session = registration.session
    context = {"registration": registration, "session": session}
    if not session.is_past:
        context["error"] = _("The evaluation opens when the session is over.")
    elif hasattr(registration, "evaluation"):
        context["error"] = _("You have already sent your evaluation of this session. Thank you.")
    elif request.method == "POST":
        form = EvaluationForm(request.POST)
        if form.is_valid():
            answer = form.save(commit=False)
            answer.registration = registration
            try:
                with transaction.atomic():
                    answer.save()
            except IntegrityError:
                context["error"] = _(
                    "You have already sent your evaluation of this session. Thank you."
                )
            else:
                context["done"] = True
        context["form"] = form
    else:
        context["form"] = EvaluationForm()
    return mark_private(render(request, "events/evaluation.html", context))
