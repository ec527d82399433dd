"""Asking to join a work group, from outside its space (workgroups.join_request_urls): the
public list and the 403 of the space link here. The chairs answer on the members page
(workgroups.views.members)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.access import member_organization

from .. import join_requests
from ..member_forms import JoinRequestForm
from ..models import WorkGroup, WorkGroupIndexPage
from .common import private

ASK_URL_NAME = "workgroup_join_request"


def ask_url(work_group):
    return reverse(ASK_URL_NAME, args=[work_group.slug])


def _list_url(request, work_group):
    index = WorkGroupIndexPage.objects.live().first()
    url = index.get_url(request) if index is not None else None
    return f"{url}#group-{work_group.slug}" if url else "/"


def ask(request, slug):
    """GET: the form (a short optional message). POST: send the request. Only staff of a
    member organization ask; everyone else is told why, and nothing changes."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if member_organization(request.user) is None:
        raise PermissionDenied(
            _(
                "Only staff of a member organization can ask to join a work group. "
                "Name your organization on your profile first."
            )
        )
    work_group = get_object_or_404(WorkGroup, slug=slug)
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    problem = ""
    try:
        join_requests.check_may_ask(request.user, work_group)
    except join_requests.JoinRequestError as error:
        problem = str(error)
    if request.method == "POST" and not problem and form.is_valid():
        try:
            join_requests.ask(work_group, request.user, form.cleaned_data["message"])
        except join_requests.JoinRequestError as error:
            problem = str(error)
        else:
            messages.success(
                request,
                _("Your request to join %(group)s is sent. Its chairs will answer by e-mail.")
                % {"group": work_group.name},
            )
            return redirect(_list_url(request, work_group))
    response = TemplateResponse(
        request,
        "workgroups/join_request.html",
        {
            "work_group": work_group,
            "form": form,
            "problem": problem,
            "list_url": _list_url(request, work_group),
        },
        status=400 if request.method == "POST" else 200,
    )
    return private(response)
