"""The monthly reports as they were sent: a site's, for its people and the coaches
(access.can_view_site), and the collaborative's, for the coaches only, who also start a month's
reports from here (through the task backend, like `manage.py send_monthly_reports`)."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.tasks import TaskResultStatus
from django.template.response import TemplateResponse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import access, periods, reports
from ..models import MonthlyReport
from ..tasks import send_monthly_reports
from .coach import coach_view
from .site import site_context, site_view


def _period(month):
    period = periods.parse_period(month)
    if period is None or month != f"{period:%Y-%m}":
        raise Http404("Not a month like 2026-03")
    return period


def _snapshot(report):
    # Rendered by our own templates (autoescaped) when the report was made.
    return mark_safe(report.html)  # noqa: S308


@site_view
def site_reports(request, code):
    site = access.get_site(request.user, code)
    context = site_context(request, site, "reports", reports=reports.site_reports(site))
    return TemplateResponse(request, "collaborative/site_reports.html", context)


@site_view
def site_report(request, code, month):
    site = access.get_site(request.user, code)
    report = MonthlyReport.objects.filter(site=site, period=_period(month)).first()
    if report is None:
        raise Http404("No report of this month")
    context = site_context(request, site, "reports", report=report, body=_snapshot(report))
    return TemplateResponse(request, "collaborative/site_report.html", context)


@coach_view
def collaborative_reports(request):
    """The collaborative's reports, and the button that sends the latest month's."""
    if request.method == "POST":
        return _send(request)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    period = reports.report_month()
    context = {
        "reports": reports.collaborative_reports(),
        "next_period": period,
        "next_sent": MonthlyReport.objects.filter(
            site__isnull=True, period=period, sent_at__isnull=False
        ).exists(),
        "is_coach": True,
    }
    return TemplateResponse(request, "collaborative/reports.html", context)


def _send(request):
    period = reports.report_month()
    month = formats.date_format(period, "YEAR_MONTH_FORMAT")
    result = send_monthly_reports.enqueue(f"{period:%Y-%m-%d}")
    if result.status == TaskResultStatus.SUCCESSFUL:  # a backend that runs it at once
        run = result.return_value
        messages.success(
            request,
            _(
                "Reports of %(month)s: %(made)s made, %(sent)s sent (%(emails)s e-mails). "
                "Reports already sent were not sent again."
            )
            % {"month": month, **run},
        )
    else:
        messages.success(
            request,
            _("The reports of %(month)s are being made and sent. This takes a few minutes.")
            % {"month": month},
        )
    return redirect("collaborative:reports")


@coach_view
def collaborative_report(request, month):
    report = MonthlyReport.objects.filter(site__isnull=True, period=_period(month)).first()
    if report is None:
        raise Http404("No report of this month")
    context = {"report": report, "body": _snapshot(report), "is_coach": True}
    return TemplateResponse(request, "collaborative/report.html", context)
