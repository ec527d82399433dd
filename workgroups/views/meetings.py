"""Meetings: upcoming and past, each with agenda, minutes, attendance and attachments; times
shown and typed in the consortium's time zone. Members add meetings; chairs and staff edit any,
members the ones they added (workgroups.access.can_edit_meeting)."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..activity import record
from ..calendar_feed import build_meeting_calendar
from ..meeting_forms import MeetingForm
from ..meeting_invitations import announce_after_commit, cancel
from ..models import Activity, Meeting
from ..templatetags.workgroup_tags import person
from .common import context, private, work_group_of

PAST_PER_PAGE = 20


def _route(request, space, name, *args):
    return space.get_url(request) + space.reverse_subpage(name, args=args)


def meeting_list(request, space):
    work_group = work_group_of(request, space)
    user = request.user
    may_participate = access.can_participate(user, work_group)
    form = None
    if request.method == "POST":
        access.require(may_participate)
        form = MeetingForm(request.POST, request.FILES, work_group=work_group, user=user)
        if form.is_valid():
            meeting = form.save()
            announce_after_commit(meeting, user)
            record(
                work_group,
                Activity.Kind.MEETING,
                user,
                _("%(name)s scheduled a meeting: “%(title)s”")
                % {"name": person(user), "title": meeting.title},
                url=f"meetings/{meeting.pk}/",
            )
            messages.success(request, _("The meeting is scheduled."))
            return private(redirect(_route(request, space, "meeting", meeting.pk)))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    elif may_participate:
        form = MeetingForm(work_group=work_group, user=user)

    now = timezone.now()
    meetings = Meeting.objects.filter(work_group=work_group)
    upcoming = meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    past = Paginator(
        meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk"), PAST_PER_PAGE
    ).get_page(request.GET.get("page"))
    response = TemplateResponse(
        request,
        "workgroups/meetings/meeting_list.html",
        context(
            request,
            space,
            work_group,
            section="meetings",
            upcoming=upcoming,
            past=past,
            form=form,
            consortium_zone=settings.TIME_ZONE,
        ),
    )
    return private(response)


def _meeting(work_group, meeting_id):
    meeting = access.get_in_group(Meeting.objects.all(), work_group, pk=meeting_id)
    meeting.work_group = work_group
    return meeting


def meeting_detail(request, space, meeting_id):
    work_group = work_group_of(request, space)
    meeting = _meeting(work_group, meeting_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    attendees = meeting.attendees.order_by("last_name", "first_name", "username")
    attachments = meeting.attachments.order_by("title")
    response = TemplateResponse(
        request,
        "workgroups/meetings/meeting_detail.html",
        context(
            request,
            space,
            work_group,
            section="meetings",
            meeting=meeting,
            attendees=attendees,
            attachments=attachments,
            may_edit=access.can_edit_meeting(request.user, meeting),
            has_started=meeting.has_started(),
            consortium_zone=settings.TIME_ZONE,
        ),
    )
    return private(response)


def edit_meeting(request, space, meeting_id):
    work_group = work_group_of(request, space)
    meeting = _meeting(work_group, meeting_id)
    user = request.user
    access.require(access.can_edit_meeting(user, meeting))
    if request.method == "POST":
        form = MeetingForm(
            request.POST, request.FILES, instance=meeting, work_group=work_group, user=user
        )
        had_minutes = bool(meeting.minutes.strip())
        if form.is_valid():
            moves = form.moves_meeting
            form.save()
            if moves:
                announce_after_commit(meeting, user)
            if form.changed_data:
                # Minutes arriving is what absent members wait for: say so in so many words.
                summary = (
                    _("%(name)s added the minutes of “%(title)s”")
                    if not had_minutes and meeting.minutes.strip()
                    else _("%(name)s updated the meeting “%(title)s”")
                )
                record(
                    work_group,
                    Activity.Kind.MEETING,
                    user,
                    summary % {"name": person(user), "title": meeting.title},
                    url=f"meetings/{meeting.pk}/",
                )
            messages.success(request, _("The meeting is updated."))
            return private(redirect(_route(request, space, "meeting", meeting.pk)))
    elif request.method in ("GET", "HEAD"):
        form = MeetingForm(instance=meeting, work_group=work_group, user=user)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    response = TemplateResponse(
        request,
        "workgroups/meetings/edit_meeting.html",
        context(
            request,
            space,
            work_group,
            section="meetings",
            meeting=meeting,
            form=form,
            consortium_zone=settings.TIME_ZONE,
        ),
    )
    return private(response)


def meeting_calendar(request, space, meeting_id):
    """The meeting's calendar file, for the group's members (the space's restriction)."""
    work_group = work_group_of(request, space)
    meeting = _meeting(work_group, meeting_id)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    response = HttpResponse(
        build_meeting_calendar(meeting, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    response["X-Robots-Tag"] = "noindex"
    return private(response)


def cancel_meeting(request, space, meeting_id):
    """Cancel a meeting after a confirmation page; members are sent a cancellation."""
    work_group = work_group_of(request, space)
    meeting = _meeting(work_group, meeting_id)
    user = request.user
    access.require(access.can_edit_meeting(user, meeting))
    if request.method == "POST":
        cancel(meeting, user)
        record(
            work_group,
            Activity.Kind.MEETING,
            user,
            _("%(name)s cancelled the meeting “%(title)s”")
            % {"name": person(user), "title": meeting.title},
            url=f"meetings/{meeting.pk}/",
        )
        announce_after_commit(meeting, user)
        messages.success(request, _("The meeting is cancelled. Members are told."))
        return private(redirect(_route(request, space, "meeting", meeting.pk)))
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    response = TemplateResponse(
        request,
        "workgroups/meetings/cancel_confirm.html",
        context(
            request,
            space,
            work_group,
            section="meetings",
            meeting=meeting,
            consortium_zone=settings.TIME_ZONE,
        ),
    )
    return private(response)
