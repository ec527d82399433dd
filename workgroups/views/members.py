"""Members, invitations and each member's settings.

Inside the space (its routes): the member list for everyone who may see the group, with the
invite, role and removal forms for chairs and consortium staff; and each member's own
settings. Outside it: the invitation link from the e-mail (workgroups.urls), which anyone
holding it may open.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .. import access, invitations, join_requests, membership
from ..member_forms import DeclineForm, InvitationForm, NotificationsForm, RoleForm
from ..models import CalendarFeed, Membership
from ..models.meetings import new_feed_token
from .common import context, private, work_group_of

# The personal calendar feed, served by workgroups.views.calendar.
CALENDAR_FEED_URL_NAME = "workgroup_calendar"
CALENDAR_FEED_PATH = "/work-group-calendar/{token}.ics"


def _members_url(request, space):
    return space.get_url(request) + space.reverse_subpage("members")


def _require_manage(user, work_group):
    if work_group.is_archived:
        raise PermissionDenied(_("This work group is archived: it is read-only."))
    access.require(
        access.can_manage_members(user, work_group),
        _("Only the group’s chairs and consortium staff can change who is in it."),
    )


def _organization(user):
    try:
        profile = user.profile
    except ObjectDoesNotExist:  # a user without a profile shows no organization
        return None
    return profile.member_organization


def _render_members(request, space, work_group, *, invite_form=None, role_forms=None):
    manage = access.can_manage_members(request.user, work_group)
    role_forms = role_forms or {}
    rows = []
    memberships = (
        Membership.objects.filter(work_group=work_group)
        .select_related("user__profile__organization")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )
    for item in memberships:
        rows.append(
            {
                "membership": item,
                "name": item.user.get_full_name() or item.user.get_username(),
                "organization": _organization(item.user),
                "form": (role_forms.get(item.pk) or RoleForm(membership=item)) if manage else None,
            }
        )
    if manage and invite_form is None:
        invite_form = InvitationForm(work_group=work_group)
    response = TemplateResponse(
        request,
        "workgroups/members/member_list.html",
        context(
            request,
            space,
            work_group,
            section="members",
            rows=rows,
            invite_form=invite_form if manage else None,
            open_invitations=list(invitations.open_invitations(work_group)) if manage else [],
            join_requests=list(join_requests.pending_requests(work_group)) if manage else [],
            decline_form=DeclineForm(auto_id="id_decline_%s") if manage else None,
        ),
    )
    return private(response)


def member_list(request, space):
    """GET: who is in the group. POST (chairs and staff): invite someone, revoke an
    invitation, accept or decline a request to join."""
    work_group = work_group_of(request, space)
    if request.method == "GET":
        return _render_members(request, space, work_group)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    _require_manage(request.user, work_group)
    action = request.POST.get("action")
    if action == "invite":
        form = InvitationForm(request.POST, work_group=work_group)
        if form.is_valid():
            try:
                invitation = invitations.invite(
                    work_group,
                    form.cleaned_data["email"],
                    form.cleaned_data["role"],
                    actor=request.user,
                )
            except invitations.InvitationError as error:
                form.add_error("email", str(error))
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. It works once, for 28 days.")
                    % {"email": invitation.email},
                )
                return redirect(_members_url(request, space))
        return _render_members(request, space, work_group, invite_form=form)
    if action == "revoke":
        try:
            invitation_id = int(request.POST.get("invitation", ""))
        except ValueError as error:
            raise Http404 from error
        try:
            invitation = invitations.revoke(invitation_id, work_group, actor=request.user)
        except invitations.UnknownInvitation as error:
            raise Http404 from error
        except invitations.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The invitation to %(email)s is revoked; its link no longer works.")
                % {"email": invitation.email},
            )
        return redirect(_members_url(request, space))
    if action in ("accept_request", "decline_request"):
        return _answer_request(request, space, work_group, accept=action == "accept_request")
    return HttpResponseBadRequest(_("Unknown action."))


def _answer_request(request, space, work_group, *, accept):
    try:
        request_id = int(request.POST.get("request", ""))
    except ValueError as error:
        raise Http404 from error
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])))
        return redirect(_members_url(request, space))
    try:
        answered = join_requests.decide(
            request_id,
            work_group,
            accept=accept,
            actor=request.user,
            reason="" if accept else form.cleaned_data["reason"],
        )
    except join_requests.JoinRequestError as error:
        messages.error(request, str(error))
        return redirect(_members_url(request, space))
    name = answered.user.get_full_name() or answered.user.get_username()
    if accept:
        message = _("%(name)s is now a member of the group; we e-mailed them.")
    else:
        message = _("You declined the request of %(name)s; we e-mailed them.")
    messages.success(request, message % {"name": name})
    return redirect(_members_url(request, space))


def change_membership(request, space, membership_id):
    """POST (chairs and staff): change a member's role, or remove them (after a confirmation
    step). A membership of another group is a 404."""
    work_group = work_group_of(request, space)
    item = access.get_in_group(
        Membership.objects.select_related("user"), work_group, pk=membership_id
    )
    if request.method == "GET":
        return redirect(_members_url(request, space))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    _require_manage(request.user, work_group)
    name = item.user.get_full_name() or item.user.get_username()
    action = request.POST.get("action")
    # Errors are shown in the member's row, so even a removal goes through the row's form.
    data = request.POST if action == "role" else {"role": item.role}
    form = RoleForm(data, membership=item)
    if action == "role":
        if form.is_valid():
            try:
                membership.change_role(item, form.cleaned_data["role"], actor=request.user)
            except membership.MembershipError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s is now %(role)s.")
                    % {"name": name, "role": item.get_role_display().lower()},
                )
                return redirect(_members_url(request, space))
    elif action == "remove":
        if request.POST.get("confirm") != "yes":
            # Removing someone is not undone by a click: ask first (no script needed).
            response = TemplateResponse(
                request,
                "workgroups/members/remove_confirm.html",
                context(request, space, work_group, section="members", membership=item, name=name),
            )
            return private(response)
        try:
            membership.remove_member(item, actor=request.user)
        except membership.MembershipError as error:
            form.is_valid()
            form.add_error(None, str(error))
        else:
            access.forget(request.user)  # in case they removed themselves
            messages.success(
                request, _("%(name)s is no longer a member of the group.") % {"name": name}
            )
            if not access.can_view(request.user, work_group):
                # A chair who removed themselves can no longer see the space.
                return redirect(space.get_parent().get_url(request) or "/")
            return redirect(_members_url(request, space))
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    return _render_members(request, space, work_group, role_forms={item.pk: form})


def calendar_feed_url(request, feed):
    try:
        path = reverse(CALENDAR_FEED_URL_NAME, args=[feed.token])
    except NoReverseMatch:  # the feed's URLconf is not installed (yet): its documented path
        path = CALENDAR_FEED_PATH.format(token=feed.token)
    return request.build_absolute_uri(path)


def member_settings(request, space):
    """A member's own settings: e-mail notifications for this group, and their calendar
    address (one for all their groups), which they can replace if it leaked."""
    work_group = work_group_of(request, space)
    own = Membership.objects.filter(work_group=work_group, user=request.user).first()
    if own is None:
        raise PermissionDenied(_("Settings are for the members of this group."))
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    form = NotificationsForm(instance=own)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "notifications":
            form = NotificationsForm(request.POST, instance=own)
            if form.is_valid():
                form.save()
                messages.success(request, _("Your e-mail notifications are saved."))
                return redirect(space.get_url(request) + space.reverse_subpage("settings"))
        elif action == "leave":
            return _leave(request, space, work_group, own)
        elif action == "new_calendar_address":
            # A new token: the old address stops working at once.
            feed.token = new_feed_token()
            feed.save(update_fields=["token"])
            messages.success(
                request,
                _("Your calendar has a new address. Replace the old one in your calendar app."),
            )
            return redirect(space.get_url(request) + space.reverse_subpage("settings"))
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    response = TemplateResponse(
        request,
        "workgroups/members/settings.html",
        context(
            request,
            space,
            work_group,
            section="settings",
            form=form,
            membership=own,
            calendar_url=calendar_feed_url(request, feed),
        ),
    )
    return private(response)


def _leave(request, space, work_group, own):
    """A member leaves the group themselves, after a confirmation (no script needed)."""
    if request.POST.get("confirm") != "yes":
        response = TemplateResponse(
            request,
            "workgroups/members/leave_confirm.html",
            context(request, space, work_group, section="settings", membership=own),
        )
        return private(response)
    try:
        membership.remove_member(own, actor=request.user)
    except membership.MembershipError as error:
        messages.error(request, str(error))
        return redirect(space.get_url(request) + space.reverse_subpage("settings"))
    access.forget(request.user)
    messages.success(
        request, _("You have left the %(group)s work group.") % {"group": work_group.name}
    )
    if access.can_view(request.user, work_group):  # consortium staff still see inside
        return redirect(space.get_url(request))
    return redirect(space.get_parent().get_url(request) or "/")


# The invitation link


def _invitation_problem(request, error, invitation=None):
    response = TemplateResponse(
        request,
        "workgroups/members/invitation_problem.html",
        {"reason": str(error), "invitation": invitation, "status": error.status},
        status=error.status,
    )
    return private(response)


def _already_joined(invitation, user):
    """The invitation was accepted by this very user, who is still a member."""
    return (
        invitation is not None
        and invitation.accepted_by_id == user.pk
        and access.role_of(user, invitation.work_group) is not None
    )


def invitation(request, token):
    """The link in the invitation e-mail. GET explains (and, for the right account, offers a
    Join button); POST accepts. Nothing is created unless everything checks out."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    user = request.user
    found = invitations.find(token)
    if user.is_authenticated and _already_joined(found, user):
        messages.info(request, _("You are already a member of this group."))
        return redirect(found.work_group.space.get_url(request))
    try:
        invitations.check_open(found)
    except invitations.InvitationError as error:
        return _invitation_problem(request, error, found)

    here = request.path
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?{urlencode({'next': here})}")
        invitations.vouch_for_address(request, found)
        response = TemplateResponse(
            request,
            "workgroups/members/invitation.html",
            {
                "invitation": found,
                "work_group": found.work_group,
                "signup_url": reverse("account_signup")
                + "?"
                + urlencode({"next": here, "email": found.email}),
                "login_url": reverse("account_login") + "?" + urlencode({"next": here}),
            },
        )
        return private(response)

    try:
        invitations.check_account(found, user)
    except invitations.InvitationError as error:
        return _invitation_problem(request, error, found)

    if request.method == "POST":
        try:
            joined, created = invitations.accept(token, user)
        except invitations.InvitationError as error:
            return _invitation_problem(request, error, found)
        work_group = found.work_group
        if created:
            messages.success(
                request,
                _("Welcome to %(group)s. You joined as %(role)s.")
                % {"group": work_group.name, "role": joined.get_role_display().lower()},
            )
        else:
            messages.info(
                request,
                _("You were already a member of %(group)s; your role is unchanged.")
                % {"group": work_group.name},
            )
        return redirect(work_group.space.get_url(request))

    response = TemplateResponse(
        request,
        "workgroups/members/invitation.html",
        {
            "invitation": found,
            "work_group": found.work_group,
            "already_member": access.role_of(user, found.work_group) is not None,
        },
    )
    return private(response)
