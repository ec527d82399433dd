from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import drafts
from ..models import DraftToolPage
from .common import context, private, work_group_of

PER_PAGE = 25


def draft_list(request, space):
    """The group's drafts with where each stands in review. Drafts are written in the admin
    (Wagtail's editor, revisions, comments and workflow); this list leads there."""
    work_group = work_group_of(request, space)
    rows = drafts.draft_rows(request, space, work_group)
    may_add = drafts.may_edit(request.user, work_group) and not work_group.is_archived
    response = TemplateResponse(
        request,
        "workgroups/drafts/draft_list.html",
        context(
            request,
            space,
            work_group,
            section="drafts",
            drafts=Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
            add_url=(
                reverse("wagtailadmin_pages:add", args=["workgroups", "drafttoolpage", space.pk])
                if may_add
                else ""
            ),
        ),
    )
    return private(response)


def draft_detail(request, space, draft_id):
    """A draft's latest revision, readable by everyone in the group: observers, who stay out
    of the editor, and everyone once the group is archived and editing stops."""
    work_group = work_group_of(request, space)
    page = get_object_or_404(
        DraftToolPage.objects.child_of(space).select_related("latest_revision__user"), pk=draft_id
    )
    revision = page.latest_revision
    status = drafts.status_of(page, work_group)
    response = TemplateResponse(
        request,
        "workgroups/drafts/draft_detail.html",
        context(
            request,
            space,
            work_group,
            section="drafts",
            draft=revision.as_object() if revision else page,
            revision=revision,
            status=status,
            status_label=drafts.Status.labels[status],
            approved_url=page.get_url(request) if page.live else "",
            edited_since_approval=page.live and page.has_unpublished_changes,
            edit_url=drafts.edit_url(page) if drafts.may_edit(request.user, work_group) else "",
        ),
    )
    return private(response)
