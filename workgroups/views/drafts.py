from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import access, drafts
from ..comment_forms import CommentReplyForm, DraftCommentForm
from ..draft_comments import add_comment, add_reply, comments_on, parts_of
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
    """A draft's latest revision, readable by everyone in the group (observers, who stay out
    of the editor, and everyone once the group is archived and editing stops), with the
    draft's comments: members and chairs add comments and replies here (a POST)."""
    work_group = work_group_of(request, space)
    page = get_object_or_404(
        DraftToolPage.objects.child_of(space).select_related("latest_revision__user"), pk=draft_id
    )
    revision = page.latest_revision
    draft = revision.as_object() if revision else page
    user = request.user
    may_comment = access.can_participate(user, work_group)
    parts = parts_of(draft)
    comments = comments_on(page, draft)
    comment_form = DraftCommentForm(parts=parts) if may_comment else None
    reply_forms = {}
    if request.method == "POST":
        access.require(may_comment)
        reply_to = request.POST.get("reply_to")
        if reply_to:
            comment = next((c for c in comments if str(c.pk) == reply_to), None)
            if comment is None:
                raise Http404
            form = CommentReplyForm(request.POST, comment=comment)
            if form.is_valid():
                add_reply(comment, user, form.cleaned_data["text"])
                messages.success(request, _("Your reply is added."))
                return private(redirect(_draft_url(request, space, page, f"comment-{comment.pk}")))
            reply_forms[comment.pk] = form
        else:
            comment_form = DraftCommentForm(request.POST, parts=parts)
            if comment_form.is_valid():
                comment = add_comment(
                    page,
                    user,
                    comment_form.cleaned_data["text"],
                    comment_form.cleaned_data["about"],
                )
                messages.success(request, _("Your comment is added."))
                return private(redirect(_draft_url(request, space, page, f"comment-{comment.pk}")))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if may_comment:
        for comment in comments:
            comment.reply_form = reply_forms.get(comment.pk) or CommentReplyForm(comment=comment)
    status = drafts.status_of(page, work_group)
    response = TemplateResponse(
        request,
        "workgroups/drafts/draft_detail.html",
        context(
            request,
            space,
            work_group,
            section="drafts",
            draft=draft,
            revision=revision,
            status=status,
            status_label=drafts.Status.labels[status],
            approved_url=page.get_url(request) if page.live else "",
            edited_since_approval=page.live and page.has_unpublished_changes,
            edit_url=drafts.edit_url(page) if drafts.may_edit(user, work_group) else "",
            comments=comments,
            comment_form=comment_form,
        ),
    )
    return private(response)


def _draft_url(request, space, page, anchor):
    return space.get_url(request) + space.reverse_subpage("draft", args=[page.pk]) + f"#{anchor}"
