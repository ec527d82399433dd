"""E-mail about a site's months, each with a text and an HTML body and a link to the month:
- a month submitted: to the site's coach, or (a site with no coach) to every consortium staff
  member who coaches;
- a coach's comment: to the site's data managers;
- a reminder of a month due or overdue: to the site's data managers (collaborative.reminders
  decides when, and records what it sent).
Only people collaborative.access lets open the month are e-mailed, never the person who acted,
and one address the mail server refuses does not cost the others theirs.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from . import access
from .models import CoachComment, SitePerson, Submission

logger = logging.getLogger(__name__)


def site_origin():
    """Where links in e-mail lead: the default site's address, else the admin's."""
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site is not None else ""
    return (root or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def month_url(site, period):
    """The month's page, without a language prefix (e-mail is in the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("collaborative:site_month", args=[site.code, f"{period:%Y-%m}"])
    return site_origin() + path


def month_name(period):
    return formats.date_format(period, "YEAR_MONTH_FORMAT")


def message(user, subject, template, context):
    """An e-mail to one person, its subject and bodies in the site's language: tasks may run
    inside a request that has another language active."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, **context}
        subject = subject() if callable(subject) else str(subject)
        email = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"collaborative/email/{template}.txt", context),
            to=[user.email],
        )
        email.attach_alternative(
            render_to_string(f"collaborative/email/{template}.html", context), "text/html"
        )
    return email


def send_each(recipients, build, what):
    sent = 0
    for user in recipients:
        try:
            build(user).send()
        except Exception:
            logger.exception("Could not e-mail %s about %s", user, what)
            continue
        sent += 1
    return sent


def coaching_staff():
    """Every active staff member who coaches (and has an address), by whatever grant."""
    permission = Permission.objects.get(
        content_type__app_label="collaborative", codename="coach_sites"
    )
    staff = (
        get_user_model()
        .objects.filter(
            Q(groups__permissions=permission)
            | Q(user_permissions=permission)
            | Q(is_superuser=True),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [user for user in staff if access.is_coach(user)]


def coaches_of(site):
    """Who hears of the site's submissions: its coach, else every staff member who coaches."""
    coach = site.coach
    if coach is not None and coach.is_active and coach.email and access.is_coach(coach):
        return [coach]
    return coaching_staff()


def data_managers_of(site):
    people = SitePerson.objects.filter(
        site=site, role=SitePerson.Role.DATA_MANAGER, user__is_active=True
    ).select_related("user")
    return [p.user for p in people if p.user.email and access.can_enter(p.user, site)]


def notify_submitted(submission_id):
    """Tell the site's coach that a month was submitted; returns how many were e-mailed."""
    submission = (
        Submission.objects.select_related("site__organization", "site__coach", "submitted_by")
        .filter(pk=submission_id, status=Submission.Status.SUBMITTED)
        .first()
    )
    if submission is None:
        return 0  # reopened (or gone) before the task ran
    site = submission.site
    recipients = [
        user
        for user in coaches_of(site)
        if user.pk != submission.submitted_by_id and access.can_view_site(user, site)
    ]
    context = {
        "site": site,
        "site_name": str(site.organization),
        "submission": submission,
        "submitted_by": _person(submission.submitted_by),
        "month": month_name(submission.period),
        "url": month_url(site, submission.period),
    }

    def subject():
        return _("%(site)s submitted %(month)s") % {
            "site": site.organization,
            "month": month_name(submission.period),
        }

    return send_each(
        recipients,
        lambda user: message(user, subject, "submitted", context),
        f"submission {submission.pk}",
    )


def notify_comment(comment_id):
    """Tell the site's data managers about a coach's comment; returns how many were e-mailed."""
    comment = (
        CoachComment.objects.select_related("submission__site__organization", "author")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return 0
    submission = comment.submission
    site = submission.site
    recipients = [u for u in data_managers_of(site) if u.pk != comment.author_id]
    context = {
        "site": site,
        "site_name": str(site.organization),
        "comment": comment,
        "author": _person(comment.author),
        "month": month_name(submission.period),
        "url": month_url(site, submission.period) + "#comments",
    }

    def subject():
        return _("Your coach commented on %(month)s") % {"month": month_name(submission.period)}

    return send_each(
        recipients,
        lambda user: message(user, subject, "comment", context),
        f"comment {comment.pk}",
    )


def reminder_message(user, site, period, due, offset):
    """The reminder of one month to one data manager: due in some days, or overdue."""
    context = {
        "site": site,
        "site_name": str(site.organization),
        "month": month_name(period),
        "due": due,
        "days": abs(offset),
        "overdue": offset > 0,
        "url": month_url(site, period),
    }

    def subject():
        values = {"month": month_name(period), "site": site.organization}
        if offset > 0:
            return _("Overdue: %(month)s figures for %(site)s") % values
        return _("Due soon: %(month)s figures for %(site)s") % values

    return message(user, subject, "reminder", context)


def _person(user):
    if user is None:
        return _("someone no longer registered")
    return user.get_full_name() or user.get_username()
