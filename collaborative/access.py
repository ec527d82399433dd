"""Every access decision about the improvement collaborative, made here and nowhere else.

Roles, from most to least:
- coaches (consortium staff holding `collaborative.coach_sites`, and superusers) see every site
  by name, comment on submissions, and send the monthly reports;
- a site's data manager enters, uploads, submits and reopens the site's months;
- a site's team (its other staff) reads the site's charts and reports; data managers and teams
  both record the site's tests of change (PDSA cycles);
- the public sees only the collaborative's aggregate figures of the measures staff publish.

A site's identified data (its name, its figures as its own) go only to its people and to the
coaches: everyone else sees other sites under their pseudonyms ("Site K"), and a figure whose
count is from 1 to SMALL_CELL_MAX is never shown to another site or the public (nor anything it
could be worked out from). Every page, export, e-mail, search document and report asks these
functions. A user's roles are read once per request (cached on the user object).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import CollaborativeSite, SitePerson

COACH_PERMISSION = "collaborative.coach_sites"

_CACHE = "_collaborative_roles"


def small_cell_max():
    """The largest count that is suppressed outside its own site (10: cells under 11)."""
    return settings.COLLABORATIVE_SMALL_CELL_MAX


def is_coach(user):
    return user.is_authenticated and user.is_active and user.has_perm(COACH_PERMISSION)


def roles(user):
    """{site id: role} of the user's places in the collaborative, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = dict(SitePerson.objects.filter(user=user).values_list("site_id", "role"))
        setattr(user, _CACHE, cached)
    return cached


def forget(user):
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def role_at(user, site):
    return roles(user).get(site.pk)


def own_sites(user):
    """The sites the user reports for or reads (not the ones they coach)."""
    return CollaborativeSite.objects.filter(pk__in=roles(user)).select_related("organization")


def visible_sites(user):
    """The sites whose own pages the user may open: all of them for coaches."""
    if is_coach(user):
        return CollaborativeSite.objects.select_related("organization")
    return own_sites(user)


def can_view_site(user, site):
    """The site's identified charts, submissions, reports and PDSA log."""
    return is_coach(user) or role_at(user, site) is not None


def can_enter(user, site):
    """Enter, upload, submit and reopen the site's months."""
    return role_at(user, site) == SitePerson.Role.DATA_MANAGER


def can_record_pdsa(user, site):
    return role_at(user, site) is not None


def can_comment(user, site):
    return is_coach(user)


def identifies(user, site):
    """Whether the user may see which hospital a site is."""
    return can_view_site(user, site)


def site_label(user, site):
    """The site as this user may see it named: the hospital, or its pseudonym."""
    return str(site.organization) if identifies(user, site) else site.pseudonym


def shown_count(value, *, own):
    """A count as it may be shown: as it is to the site's own people and the coaches, else
    None when it is a small cell (1 to SMALL_CELL_MAX)."""
    if own or value is None or value == 0:
        return value
    return None if value <= small_cell_max() else value


def is_small(value):
    return value is not None and 0 < value <= small_cell_max()


class Audience:
    """Who a report is written for when it is made in the background, with no user at hand:
    the people of one site (read-only, as its team) or the coaches. It answers the questions
    this module asks of a user, so a report shows what its readers may see and no more."""

    is_authenticated = True
    is_active = True

    def __init__(self, *, site=None, coach=False):
        self.coach = coach
        setattr(self, _CACHE, {site.pk: SitePerson.Role.TEAM} if site is not None else {})

    def has_perm(self, perm, obj=None):
        return self.coach and perm == COACH_PERMISSION


def site_audience(site):
    """The readers of a site's report: its own people."""
    return Audience(site=site)


def coaches_audience():
    """The readers of the collaborative's report: the coaches (every site by name)."""
    return Audience(coach=True)


# Enforcement helpers for views: 404 for what the user may not know exists, 403 otherwise.


def require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message)


def get_site(user, code):
    """A site the user may open, by its code; another site is 404 (its code tells nothing)."""
    site = (
        CollaborativeSite.objects.select_related("organization", "coach").filter(code=code).first()
    )
    if site is None or not can_view_site(user, site):
        raise Http404
    return site
