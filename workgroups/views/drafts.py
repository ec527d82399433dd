from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import drafts
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
