"""Files shared in a group: each upload is a new document in the group's restricted
collection, so downloads go through Wagtail's document view and its privacy checks, and a new
version keeps the old ones."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import access
from ..file_forms import SharedFileForm
from ..files import record_version
from ..models import FileVersion, SharedFile
from .common import context, private, work_group_of

FILES_PER_PAGE = 25


def _route(request, space, name, *args):
    return space.get_url(request) + space.reverse_subpage(name, args=args)


def _upload(form, user):
    version = form.save()
    record_version(version, user)
    return version


def file_list(request, space):
    work_group = work_group_of(request, space)
    user = request.user
    may_participate = access.can_participate(user, work_group)
    form = SharedFileForm(work_group=work_group, user=user) if may_participate else None
    if request.method == "POST":
        access.require(may_participate)
        form = SharedFileForm(request.POST, request.FILES, work_group=work_group, user=user)
        if form.is_valid():
            version = _upload(form, user)
            messages.success(request, _("The file is shared with the group."))
            return private(redirect(_route(request, space, "file", version.shared_file_id)))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])

    latest = FileVersion.objects.filter(shared_file=OuterRef("pk")).order_by("-number")
    files = (
        SharedFile.objects.filter(work_group=work_group)
        .annotate(latest_version_id=Subquery(latest.values("pk")[:1]))
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(files, FILES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    # The latest versions of the page's files, with their documents and uploaders, at once.
    versions = FileVersion.objects.select_related("document", "uploaded_by").in_bulk(
        [f.latest_version_id for f in page.object_list if f.latest_version_id]
    )
    for shared_file in page.object_list:
        shared_file.latest = versions.get(shared_file.latest_version_id)
    response = TemplateResponse(
        request,
        "workgroups/files/file_list.html",
        context(request, space, work_group, section="files", files=page, form=form),
    )
    return private(response)


def file_detail(request, space, file_id):
    work_group = work_group_of(request, space)
    shared_file = access.get_in_group(SharedFile.objects.all(), work_group, pk=file_id)
    user = request.user
    may_participate = access.can_participate(user, work_group)
    form = None
    if may_participate:
        form = SharedFileForm(work_group=work_group, user=user, shared_file=shared_file)
    if request.method == "POST":
        access.require(may_participate)
        form = SharedFileForm(
            request.POST,
            request.FILES,
            work_group=work_group,
            user=user,
            shared_file=shared_file,
        )
        if form.is_valid():
            version = _upload(form, user)
            messages.success(
                request, _("Version %(number)s is uploaded.") % {"number": version.number}
            )
            return private(redirect(_route(request, space, "file", shared_file.pk)))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])

    versions = shared_file.versions.select_related("document", "uploaded_by").order_by("-number")
    response = TemplateResponse(
        request,
        "workgroups/files/file_detail.html",
        context(
            request,
            space,
            work_group,
            section="files",
            shared_file=shared_file,
            versions=versions,
            form=form,
        ),
    )
    return private(response)
