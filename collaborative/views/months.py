"""A site's month: its figures (a form for the data manager while the month is open, a table
for everyone else and once it is submitted), the definitions beside them, figures far from the
site's usual to confirm, reopening with a reason, and the coach's comments.

Only the site's data managers change figures or reopen (access.can_enter); only coaches
comment (access.can_comment); the site's people and coaches read (access.get_site)."""

import re

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from .. import access, checks, periods, submissions
from ..forms import CommentForm, MonthForm, ReopenForm
from ..models import Submission
from .site import site_context, site_view

MONTH = re.compile(r"\d{4}-\d{2}")


def month_of_site(site, month):
    """The period a "2026-03" in the address names, if the site reports it; else 404."""
    period = periods.parse_period(month) if MONTH.fullmatch(month) else None
    if period is None or not submissions.is_site_month(site, period):
        raise Http404
    return period


def month_url(site, period):
    return reverse("collaborative:site_month", args=[site.code, f"{period:%Y-%m}"])


def _submission(site, period):
    return (
        Submission.objects.select_related("submitted_by", "updated_by")
        .filter(site=site, period=period)
        .first()
    )


def _neighbors(site, period, on):
    """The months before and after this one that the site reports and that have ended."""
    before = periods.previous_month(period)
    after = periods.next_month(period)
    return (
        before if submissions.is_site_month(site, before) else None,
        after
        if submissions.is_site_month(site, after) and not checks.check_period(after, on)
        else None,
    )


def _month_page(request, site, period, *, form=None, reopen_form=None, comment_form=None):
    user = request.user
    on = submissions.today()
    submission = _submission(site, period)
    status = submissions.status_of(submission)
    period_problems = checks.check_period(period, on)
    may_enter = access.can_enter(user, site)
    is_submitted = status == submissions.MonthStatus.SUBMITTED
    editable = may_enter and not is_submitted and not period_problems
    sheet = submissions.month_sheet(period)
    if form is None:
        stored = submissions.stored_figures(submission)
        if is_submitted:
            flagged = {key for key, f in stored.items() if f.confirmed_unusual}
        else:
            flagged = submissions.unusual_keys(site, period, stored.values())
        form = MonthForm(sheet, period, on=on, stored=stored, flagged=flagged)
    if reopen_form is None and may_enter and is_submitted:
        reopen_form = ReopenForm()
    if comment_form is None and access.can_comment(user, site) and submission is not None:
        comment_form = CommentForm()
    previous_month, following_month = _neighbors(site, period, on)
    history = submissions.month_history(submission)
    context = site_context(
        request,
        site,
        "months",
        period=period,
        month_label=formats.date_format(period, "YEAR_MONTH_FORMAT"),
        due=submissions.due_date(period),
        overdue=not is_submitted and on > submissions.due_date(period),
        status=status,
        status_label=submissions.MonthStatus.LABELS[status],
        submission=submission,
        period_problem=period_problems[0].message if period_problems else "",
        editable=editable,
        form=form,
        blocks=form.blocks(),
        error_summary=form.error_summary() if form.is_bound else [],
        reopen_form=reopen_form,
        comment_form=comment_form,
        comments=submissions.comments_on(submission),
        history=history,
        # The history is shown once there is more to it than the line above it.
        reopened_before=any(entry.is_reopening for entry in history),
        previous_month=previous_month,
        following_month=following_month,
    )
    return TemplateResponse(request, "collaborative/month.html", context)


@site_view
def month(request, code, month):
    site = access.get_site(request.user, code)
    period = month_of_site(site, month)
    if request.method == "POST":
        access.require(access.can_enter(request.user, site))
        return _save(request, site, period)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return _month_page(request, site, period)


def _save(request, site, period):
    on = submissions.today()
    submission = _submission(site, period)
    if submission is not None and submission.is_submitted:
        messages.error(request, _("This month is submitted. Reopen it to change its figures."))
        return redirect(month_url(site, period))
    submit = request.POST.get("action") == "submit"
    sheet = submissions.month_sheet(period)
    form = MonthForm(sheet, period, on=on, data=request.POST)
    if form.is_valid():
        try:
            result = submissions.save_month(
                site,
                period,
                sheet,
                form.figures(),
                user=request.user,
                submit=submit,
                confirmed=form.confirmed_keys(),
                on=on,
            )
        except submissions.MonthIsSubmitted:
            messages.error(
                request, _("This month was submitted meanwhile. Reopen it to change it.")
            )
            return redirect(month_url(site, period))
        if result.saved:
            _tell_saved(request, site, period, result)
            return redirect(month_url(site, period))
        form.flagged = result.unusual
        form.add_missing(result.missing)
        form.add_unconfirmed(result.unconfirmed)
    else:
        # Still show which figures are far from the usual, among those that pass the checks.
        form.flagged = submissions.unusual_keys(site, period, form.typed_figures())
    return _month_page(request, site, period, form=form)


def _tell_saved(request, site, period, result):
    values = {"month": formats.date_format(period, "YEAR_MONTH_FORMAT")}
    if result.submitted:
        if site.coach_id:
            text = _("%(month)s is submitted. Your coach has been told by e-mail.")
        else:
            text = _("%(month)s is submitted. The consortium's staff have been told by e-mail.")
        messages.success(request, text % values)
        return
    messages.success(
        request, _("Draft of %(month)s saved. Nothing is sent until you submit it.") % values
    )
    if result.unconfirmed:
        messages.warning(
            request,
            _(
                "Some figures are far from your site's usual. Check them, and confirm them "
                "before you submit."
            ),
        )


@site_view
def reopen_month(request, code, month):
    site = access.get_site(request.user, code)
    period = month_of_site(site, month)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    access.require(access.can_enter(request.user, site))
    submission = _submission(site, period)
    if submission is None or not submission.is_submitted:
        messages.error(request, _("Only a submitted month can be reopened."))
        return redirect(month_url(site, period))
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _month_page(request, site, period, reopen_form=form)
    try:
        submissions.reopen(submission, user=request.user, reason=form.cleaned_data["reason"])
    except submissions.MonthNotReopenable:
        messages.error(request, _("Only a submitted month can be reopened."))
        return redirect(month_url(site, period))
    messages.success(
        request,
        _("%(month)s is open for changes. Submit it again when it is right.")
        % {"month": formats.date_format(period, "YEAR_MONTH_FORMAT")},
    )
    return redirect(month_url(site, period))


@site_view
def comment_on_month(request, code, month):
    site = access.get_site(request.user, code)
    period = month_of_site(site, month)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    access.require(access.can_comment(request.user, site))
    submission = _submission(site, period)
    if submission is None:
        messages.error(
            request, _("The site has not started this month: there is nothing to comment on yet.")
        )
        return redirect(month_url(site, period))
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _month_page(request, site, period, comment_form=form)
    submissions.add_comment(submission, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Your comment is posted; the site's data manager is e-mailed."))
    return redirect(month_url(site, period) + "#comments")
