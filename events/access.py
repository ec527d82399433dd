"""Every access decision about events, made here and nowhere else.

Who may see an event (its page, its place in the listing, search) and register for it follow
its audience: everyone; staff of member organizations (portal.access); or one work group's
members (workgroups.access, that app's public interface for such decisions). Consortium staff
(Moderators: the work groups' oversee permission) and superusers see every event. The joining
link is for people with a confirmed place, from shortly before the start until the end.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access import member_organization
from search.contract import MEMBERS, PUBLIC, workgroup_token
from workgroups import access as workgroup_access

from .models import Audience, Registration

JOIN_OPENS_DEFAULT = 30  # minutes before the start


def is_staff(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or workgroup_access.is_staff(user))
    )


def work_group_of(event):
    space = event.work_group_space
    if space is None:
        return None
    return getattr(space, "work_group", None)


def refusal(user, event):
    """Why the user may not take part in the event, or None when they may."""
    if event.audience == Audience.PUBLIC or is_staff(user):
        return None
    if not user.is_authenticated:
        return _("Log in to see this event.")
    if event.audience == Audience.MEMBERS:
        if member_organization(user) is None:
            return _(
                "This event is for staff of the consortium's member organizations. If you work "
                "for one, name it on your profile page and the consortium will confirm it."
            )
        return None
    work_group = work_group_of(event)
    if work_group is None or not workgroup_access.can_view(user, work_group):
        return _("This event is for the members of one work group.")
    return None


def can_see(user, event):
    return refusal(user, event) is None


def visible_events(user, events):
    """The events of a page queryset the user may see."""
    if is_staff(user):
        return events
    allowed = Q(audience=Audience.PUBLIC)
    if not user.is_authenticated:
        return events.filter(allowed)
    if member_organization(user) is not None:
        allowed |= Q(audience=Audience.MEMBERS)
    group_ids = workgroup_access.visible_group_ids(user)
    if group_ids:
        allowed |= Q(audience=Audience.WORK_GROUP, work_group_space__work_group__in=group_ids)
    return events.filter(allowed)


def search_token(event):
    """The one access token of the event's search document (None: not searchable)."""
    if event.audience == Audience.PUBLIC:
        return PUBLIC
    if event.audience == Audience.MEMBERS:
        return MEMBERS
    work_group = work_group_of(event)
    return workgroup_token(work_group.pk) if work_group is not None else None


def registration_of(user, session):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, user=user).first()


def join_opens_at(session):
    minutes = getattr(settings, "EVENTS_JOIN_OPENS_MINUTES", JOIN_OPENS_DEFAULT)
    return session.starts_at - datetime.timedelta(minutes=minutes)


def may_join(user, session, now=None):
    """Whether to show this user the session's joining link now."""
    now = now or timezone.now()
    if not session.joining_link or session.is_cancelled or not session.is_online:
        return False
    registration = registration_of(user, session)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return False
    return join_opens_at(session) <= now <= session.ends_at
