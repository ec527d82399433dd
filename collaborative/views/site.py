"""A site's home page (its months, what is due, its other pages and its PDSA log), the list of
the sites a user may open, and /collaborative/my-site/, which sends a user to theirs.

Also what every page of a site starts with: `site_view` (log in first; never cached) and
`site_context` (the site and what the user may do there). Every decision is
collaborative.access's.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.page_cache import mark_private

from .. import access, submissions
from ..models import PDSACycle, Submission

PDSA_ON_HOME = 5
SUBMITTED_ON_HOME = 12


def site_view(view):
    """Anonymous visitors are sent to log in; nothing a site page answers is ever cached."""

    protected = login_required(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_private(protected(request, *args, **kwargs))

    return wrapped


def site_context(request, site, section, **extra):
    """What every page of a site shows: its name (its people and coaches see it), its links,
    and what the user may do there."""
    user = request.user
    return {
        "site": site,
        "site_name": access.site_label(user, site),
        "section": section,
        "may_enter": access.can_enter(user, site),
        "may_record_pdsa": access.can_record_pdsa(user, site),
        "may_comment": access.can_comment(user, site),
        "is_coach": access.is_coach(user),
        "charts_url": reverse("collaborative:site_charts", args=[site.code]),
        "reports_url": reverse("collaborative:site_reports", args=[site.code]),
        # Uploading is entering: for the site's data managers only.
        "upload_url": (
            reverse("collaborative:site_upload", args=[site.code])
            if access.can_enter(user, site)
            else None
        ),
        **extra,
    }


@site_view
def site_home(request, code):
    site = access.get_site(request.user, code)
    on = submissions.today()
    months = submissions.site_months(site, on)
    to_do = [m for m in months if not m.is_submitted]
    submitted = [m for m in reversed(months) if m.is_submitted]
    cycles = list(
        PDSACycle.objects.filter(site=site).prefetch_related("measures")[: PDSA_ON_HOME + 1]
    )
    context = site_context(
        request,
        site,
        "home",
        oldest=to_do[0] if to_do else None,
        to_do=to_do,
        submitted_recent=submitted[:SUBMITTED_ON_HOME],
        submitted_earlier=submitted[SUBMITTED_ON_HOME:],
        next_month=submissions.next_month_to_open(site, on),
        left=site.left_on is not None and not submissions.is_site_month(site, on.replace(day=1)),
        cycles=cycles[:PDSA_ON_HOME],
        more_cycles=len(cycles) > PDSA_ON_HOME,
        due_day=submissions.due_day(),
    )
    return TemplateResponse(request, "collaborative/site_home.html", context)


@site_view
def site_list(request):
    """The sites the user may open: all of them for coaches, with their latest submitted month
    and their coach."""
    user = request.user
    coach = access.is_coach(user)
    sites = access.visible_sites(user).select_related("coach")
    if not coach and not access.roles(user):
        access.require(False, _("You are not part of a site of the improvement collaborative."))
    sites = sites.annotate(
        latest_submitted=Max(
            "submissions__period", filter=Q(submissions__status=Submission.Status.SUBMITTED)
        )
    ).order_by("organization__name", "code")
    context = {"sites": sites, "is_coach": coach}
    return TemplateResponse(request, "collaborative/site_list.html", context)


@site_view
def my_site(request):
    """To the user's site, or to the list when they have several (or coach them all)."""
    user = request.user
    if not access.is_coach(user):
        own = list(access.own_sites(user)[:2])
        if not own:
            access.require(False, _("You are not part of a site of the improvement collaborative."))
        if len(own) == 1:
            return redirect("collaborative:site_home", own[0].code)
    return redirect("collaborative:site_list")
