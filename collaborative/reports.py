"""Monthly reports, made and sent by themselves: each site's (its charts beside the
collaborative's, where its months stand, its coach's comments on the month) for its own people,
and the collaborative's (every site by name, its small multiples) for the coaches.

A report is written once, as HTML, when it is first made for its month (a MonthlyReport
snapshot): a past report reads as it did when it went out, whatever was submitted or reopened
since. Making and sending are idempotent: a month's run again makes only the snapshots still
missing and e-mails only the reports not yet sent, so a run that stopped halfway is finished by
running it again. Each report is written for its readers through collaborative.access (a site's
report shows the other sites under their pseudonyms, small cells suppressed).

`send_monthly_reports` runs through the task backend (collaborative.tasks), started by
`manage.py send_monthly_reports` or a coach's button.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import access, chart_data, charts, notifications, periods, submissions
from .models import CollaborativeSite, MonthlyReport, SitePerson, Submission

logger = logging.getLogger(__name__)
RECENT_MONTHS = 12


def report_month(today=None):
    """The month a run reports on: the latest whose data were due by ``today``."""
    return charts.latest_due_month(today or submissions.today())


def reporting_sites(period):
    """The sites that report ``period`` (joined by then, not left before it)."""
    sites = CollaborativeSite.objects.select_related("organization", "coach").order_by("code")
    return [site for site in sites if submissions.is_site_month(site, period)]


def _in_site_language(render):
    # Tasks may run inside a request with another language active; reports are written in the
    # site's language, and their links carry no language prefix.
    with translation.override(settings.LANGUAGE_CODE):
        return render()


# --- What a report says ----------------------------------------------------------------------


def site_report_html(site, period, *, data=None):
    """The site's report of ``period`` for its own people, as HTML."""
    audience = access.site_audience(site)
    months = submissions.site_months(site, periods.next_month(period))
    month = months[-1] if months and months[-1].period == period else None
    comments = submissions.comments_on(month.submission if month else None)
    context = {
        "site": site,
        "site_name": access.site_label(audience, site),
        "period": period,
        "due": submissions.due_date(period),
        "month": month,
        "recent": list(reversed(months[-RECENT_MONTHS:])),
        "comments": comments,
        "figures": charts.site_charts(site, audience, data=data),
    }
    return _in_site_language(
        lambda: render_to_string("collaborative/report_site_body.html", context)
    )


@dataclass
class SiteStatus:
    site: CollaborativeSite
    status: str
    submission: Submission | None

    @property
    def status_label(self):
        return submissions.MonthStatus.LABELS[self.status]


def collaborative_report_html(period, sites=None):
    """The collaborative's report of ``period`` for the coaches, as HTML."""
    audience = access.coaches_audience()
    sites = reporting_sites(period) if sites is None else sites
    held = {s.site_id: s for s in Submission.objects.filter(period=period, site__in=sites)}
    statuses = [
        SiteStatus(site, submissions.status_of(held.get(site.pk)), held.get(site.pk))
        for site in sorted(sites, key=lambda s: str(s.organization))
    ]
    panels = charts.coach_aggregates(audience)
    context = {
        "period": period,
        "due": submissions.due_date(period),
        "statuses": statuses,
        "submitted": sum(s.status == submissions.MonthStatus.SUBMITTED for s in statuses),
        "panels": panels,
        "simulated": any(site.simulated for site in sites),
    }
    return _in_site_language(
        lambda: render_to_string("collaborative/report_collaborative_body.html", context)
    )


# --- Making and sending ----------------------------------------------------------------------


def _keep(site, period, html):
    """Save a snapshot unless another run saved it first (the constraint decides)."""
    try:
        with transaction.atomic():
            return MonthlyReport.objects.create(site=site, period=period, html=html)
    except IntegrityError:
        return None


def make_reports(period):
    """Write the month's snapshots still missing; returns the new ones."""
    sites = reporting_sites(period)
    made = set(
        MonthlyReport.objects.filter(period=period).values_list("site_id", flat=True).distinct()
    )
    created = []
    missing = [site for site in sites if site.pk not in made]
    if missing:
        # The figures of every active measure, read once for all the sites' reports.
        data = chart_data.load(charts.active_measures())
        for site in missing:
            created.append(_keep(site, period, site_report_html(site, period, data=data)))
    if None not in made and sites:
        created.append(_keep(None, period, collaborative_report_html(period, sites)))
    return [report for report in created if report is not None]


def report_url(report):
    with translation.override(settings.LANGUAGE_CODE):
        month = f"{report.period:%Y-%m}"
        if report.site_id is None:
            path = reverse("collaborative:report", args=[month])
        else:
            path = reverse("collaborative:site_report", args=[report.site.code, month])
    return notifications.site_origin() + path


def readers(report):
    """Who is e-mailed a report: the site's people, or (the collaborative's) the coaches."""
    if report.site_id is None:
        return notifications.coaching_staff()
    people = SitePerson.objects.filter(site=report.site, user__is_active=True).select_related(
        "user"
    )
    users = {p.user.pk: p.user for p in people if p.user.email}
    return [u for u in users.values() if access.can_view_site(u, report.site)]


def send_report(report):
    """E-mail a report to its readers and mark it sent; returns how many were e-mailed."""
    site = report.site
    month = notifications.month_name(report.period)
    context = {
        "report": report,
        "site_name": str(site.organization) if site else "",
        "month": month,
        "url": report_url(report),
    }
    template = "report_collaborative" if site is None else "report_site"

    def subject():
        if site is None:
            return _("The collaborative's report for %(month)s") % {"month": month}
        return _("%(site)s: your collaborative report for %(month)s") % {
            "site": site.organization,
            "month": month,
        }

    sent = notifications.send_each(
        readers(report),
        lambda user: notifications.message(user, subject, template, context),
        f"report {report}",
    )
    # Marked sent even when nobody could be e-mailed: the report is on its page, and a later
    # run must not e-mail people who join afterwards about a month long past.
    MonthlyReport.objects.filter(pk=report.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return sent


@dataclass
class RunResult:
    period: object
    made: int
    sent_reports: int
    emails: int


def send_monthly_reports(period=None):
    """Make the month's missing reports and send those not yet sent."""
    period = period or report_month()
    made = make_reports(period)
    unsent = MonthlyReport.objects.filter(period=period, sent_at__isnull=True).select_related(
        "site__organization"
    )
    emails = reports_sent = 0
    for report in unsent:
        emails += send_report(report)
        reports_sent += 1
    logger.info(
        "Monthly reports of %s: %s made, %s sent, %s e-mails",
        period,
        len(made),
        reports_sent,
        emails,
    )
    return RunResult(period, len(made), reports_sent, emails)


# --- Reading them ----------------------------------------------------------------------------


def site_reports(site):
    return MonthlyReport.objects.filter(site=site).defer("html")


def collaborative_reports():
    return MonthlyReport.objects.filter(site__isnull=True).defer("html")
