"""The e-mails of requests to join: to the chairs when someone asks, and to the person when
a chair answers. Sent from tasks (workgroups.tasks), in the site's language."""

from django.conf import settings
from django.utils.translation import gettext as _

from .models import JoinRequest, Membership
from .notifications import _send, space_url


def _name(user):
    return user.get_full_name() or user.get_username()


def tell_chairs(request_id):
    """E-mail every active chair of the group about a pending request; returns how many."""
    request = (
        JoinRequest.objects.select_related("work_group__space", "user__profile__organization")
        .filter(pk=request_id, status=JoinRequest.Status.PENDING)
        .first()
    )
    if request is None:  # answered (or gone) before the task ran
        return 0
    work_group = request.work_group
    chairs = (
        Membership.objects.filter(
            work_group=work_group, role=Membership.Role.CHAIR, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
    )
    profile = getattr(request.user, "profile", None)
    context = {
        "request": request,
        "work_group": work_group,
        "name": _name(request.user),
        "organization": profile.member_organization if profile else None,
        "members_url": space_url(work_group) + "members/",
    }
    sent = 0
    for chair in chairs:
        _send(
            chair.user,
            lambda: (
                settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
                + _("%(name)s asks to join %(group)s")
                % {"name": context["name"], "group": work_group}
            ),
            "workgroups/email/join_request.txt",
            context,
        )
        sent += 1
    return sent


def tell_requester(request_id, reason=""):
    """E-mail the person who asked the answer they got; returns 1 when sent."""
    request = (
        JoinRequest.objects.select_related("work_group__space", "user")
        .exclude(status=JoinRequest.Status.PENDING)
        .filter(pk=request_id)
        .first()
    )
    if request is None or not request.user.email or not request.user.is_active:
        return 0
    work_group = request.work_group
    accepted = request.status == JoinRequest.Status.ACCEPTED

    def subject():
        if accepted:
            text = _("Welcome to the %(group)s work group")
        else:
            text = _("Your request to join %(group)s was declined")
        return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text % {"group": work_group.name}

    _send(
        request.user,
        subject,
        "workgroups/email/join_request_answer.txt",
        {
            "work_group": work_group,
            "accepted": accepted,
            "reason": reason,
            "space_url": space_url(work_group),
        },
    )
    return 1
