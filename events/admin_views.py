"""Staff's views of a session in the Wagtail admin: the attendance list as CSV (for
continuing-education records; every cell through portal.exports.safe_cell) and the evaluation
answers summarised. Both need the `events.export_attendance` permission."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access import member_organization
from portal.exports import safe_row
from portal.page_cache import mark_private

from .models import EvaluationResponse, Registration, Session

EXPORT_PERMISSION = "events.export_attendance"


def _require_permission(user):
    if not (user.is_active and user.has_perm(EXPORT_PERMISSION)):
        raise PermissionDenied


def attendance_rows(session):
    registrations = (
        Registration.objects.filter(session=session)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user__profile__organization")
        .order_by("status", "user__last_name", "user__first_name", "pk")
    )
    for registration in registrations:
        user = registration.user
        organization = member_organization(user)
        yield [
            user.last_name,
            user.first_name,
            user.email,
            organization.name if organization else "",
            registration.get_status_display(),
            timezone.localtime(registration.registered_at).strftime("%Y-%m-%d %H:%M"),
        ]


def attendance_csv(request, session_id):
    _require_permission(request.user)
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    start = session.local_start()
    response["Content-Disposition"] = (
        f'attachment; filename="attendance-{session.pk}-{start:%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response, lineterminator="\r\n")
    writer.writerow(safe_row([session.event.title, session.title, f"{start:%Y-%m-%d %H:%M %Z}"]))
    writer.writerow(
        [
            _("Last name"),
            _("First name"),
            _("E-mail"),
            _("Member organization"),
            _("Status"),
            _("Registered at"),
        ]
    )
    for row in attendance_rows(session):
        writer.writerow(safe_row(row))
    return mark_private(response)


def evaluation_summary(request, session_id):
    _require_permission(request.user)
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    answers = EvaluationResponse.objects.filter(registration__session=session)
    totals = answers.aggregate(count=Count("pk"), average=Avg("usefulness"))
    by_score = dict(answers.values_list("usefulness").annotate(n=Count("pk")))
    apply_labels = dict(EvaluationResponse.Apply.choices)
    by_apply = dict(answers.values_list("will_apply").annotate(n=Count("pk")))
    context = {
        "session": session,
        "count": totals["count"],
        "average": totals["average"],
        "scores": [(score, by_score.get(score, 0)) for score in range(5, 0, -1)],
        "apply": [(apply_labels[key], by_apply.get(key, 0)) for key in apply_labels],
        "attended": session.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        "comments": answers.exclude(best="", improve="").order_by("submitted_at"),
    }
    return mark_private(render(request, "events/admin/evaluation_summary.html", context))
