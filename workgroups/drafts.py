"""Draft tools: where each stands in review (for the space's list), what happens to them (for
the activity stream), and their promotion into toolkits by consortium staff.

Drafts are Wagtail pages below the group's space, so revisions, compare, comments and the
two-step workflow are Wagtail's own; this module only reads their state and reacts to it.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import GroupApprovalTask, Page, WorkflowState

from toolkits import promotion

from . import access
from .activity import record
from .models import Activity, DraftToolPage, Promotion, WorkGroup

# Audit log actions (registered with Wagtail in wagtail_hooks.py).
DRAFT_PROMOTED = "workgroups.draft_promoted"
TOOLKIT_FROM_DRAFT = "workgroups.toolkit_from_draft"

# A member saving a draft again and again makes one "revised" entry an hour, not dozens.
REVISION_QUIET_PERIOD = datetime.timedelta(hours=1)


class Status:
    DRAFT = "draft"
    CHANGES_REQUESTED = "changes_requested"
    GROUP_REVIEW = "group_review"
    CONSORTIUM_APPROVAL = "consortium_approval"
    APPROVED = "approved"

    labels = {
        DRAFT: gettext_lazy("Draft"),
        CHANGES_REQUESTED: gettext_lazy("Changes requested"),
        GROUP_REVIEW: gettext_lazy("In work group review"),
        CONSORTIUM_APPROVAL: gettext_lazy("In consortium approval"),
        APPROVED: gettext_lazy("Approved"),
    }


def person(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def edit_url(page):
    """The draft's edit view in the admin, as an absolute path (activity rows store it)."""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def work_group_of(page):
    """The work group whose space holds this draft, or None for any other page."""
    if page is None or page.specific_class is not DraftToolPage:
        return None
    # The space is the draft's parent (DraftToolPage.parent_page_types): its tree path is the
    # draft's minus one step, so no page needs loading.
    return WorkGroup.objects.filter(space__path=page.path[: -Page.steplen]).first()


def may_edit(user, work_group):
    """Who gets "Edit in the admin" links: the group's editors (members and chairs of an active
    group; Wagtail's page permissions say the same) and consortium staff."""
    return access.can_participate(user, work_group) or access.is_staff(user)


# Status for the list of drafts


@dataclass
class DraftRow:
    page: DraftToolPage
    status: str
    last_edited_at: datetime.datetime | None
    last_edited_by: object = None
    edited_since_approval: bool = False
    edit_url: str = ""
    view_url: str = ""
    promote_url: str = ""

    @property
    def status_label(self):
        return Status.labels[self.status]


def _review_task_ids(work_group):
    """The ids of the tasks in which this group's chairs review (the group's own step)."""
    through = GroupApprovalTask.groups.through
    return set(
        through.objects.filter(group_id=work_group.chairs_id).values_list(
            "groupapprovaltask_id", flat=True
        )
    )


def statuses(pages, work_group):
    """{page id: status} for drafts of one group, in two queries whatever their number."""
    pages = list(pages)
    if not pages:
        return {}
    states = WorkflowState.objects.filter(
        base_content_type=pages[0].get_base_content_type(),
        object_id__in=[str(page.pk) for page in pages],
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).values_list("object_id", "status", "current_task_state__task_id")
    review_tasks = _review_task_ids(work_group) if states else set()
    in_workflow = {}
    for object_id, state, task_id in states:
        if state == WorkflowState.STATUS_NEEDS_CHANGES:
            in_workflow[int(object_id)] = Status.CHANGES_REQUESTED
        elif task_id in review_tasks:
            in_workflow[int(object_id)] = Status.GROUP_REVIEW
        else:
            in_workflow[int(object_id)] = Status.CONSORTIUM_APPROVAL
    result = {}
    for page in pages:
        if page.pk in in_workflow:
            result[page.pk] = in_workflow[page.pk]
        elif page.live:
            result[page.pk] = Status.APPROVED
        else:
            result[page.pk] = Status.DRAFT
    return result


def status_of(page, work_group):
    return statuses([page], work_group)[page.pk]


def draft_rows(request, space, work_group):
    """Every draft of the group, most recently edited first, with its status and the links
    this user may follow: a fixed number of queries, whatever the number of drafts."""
    user = request.user
    pages = list(
        DraftToolPage.objects.child_of(space)
        .select_related("latest_revision__user")
        .order_by("-latest_revision_created_at", "-pk")
    )
    status_by_page = statuses(pages, work_group)
    editing = may_edit(user, work_group)
    promoting = access.is_staff(user)
    space_url = space.get_url(request)
    rows = []
    for page in pages:
        status = status_by_page[page.pk]
        revision = page.latest_revision
        rows.append(
            DraftRow(
                page=page,
                status=status,
                last_edited_at=page.latest_revision_created_at or page.last_published_at,
                last_edited_by=revision.user if revision else None,
                edited_since_approval=page.live and page.has_unpublished_changes,
                edit_url=edit_url(page) if editing else "",
                view_url=space_url + space.reverse_subpage("draft", args=[page.pk]),
                promote_url=promote_url(page) if promoting and page.live else "",
            )
        )
    return rows


# What happens to drafts, for the activity stream


def activity_path(page):
    """Where the activity stream and e-mails send people for a draft: its reading page in
    the space (relative to the space, like every other activity), which every role can open
    and which leads members on to the editor."""
    return f"drafts/{page.pk}/"


def _record(work_group, kind, actor, summary, page, text=""):
    return record(work_group, kind, actor, summary, url=activity_path(page), text=text)


def record_created(page, user):
    work_group = work_group_of(page)
    if work_group is None:
        return None
    return _record(
        work_group,
        Activity.Kind.DRAFT,
        user,
        _("%(name)s started a draft: “%(title)s”")
        % {"name": person(user), "title": page.get_admin_display_title()},
        page,
    )


def record_revised(page, user):
    """A saved revision; quiet if the same person's last one on this draft was recent."""
    work_group = work_group_of(page)
    if work_group is None:
        return None
    recent = Activity.objects.filter(
        work_group=work_group,
        kind=Activity.Kind.DRAFT,
        actor=user,
        url=activity_path(page),
        created_at__gte=timezone.now() - REVISION_QUIET_PERIOD,
    )
    if recent.exists():
        return None
    return _record(
        work_group,
        Activity.Kind.DRAFT,
        user,
        _("%(name)s revised “%(title)s”")
        % {"name": person(user), "title": page.get_admin_display_title()},
        page,
    )


def _workflow_page(workflow_state):
    page = workflow_state.content_object
    if not isinstance(page, Page):
        return None, None  # a snippet's workflow
    return page, work_group_of(page)


def record_task_started(task_state, user):
    """A draft entering a review step: submitted for work group review, or passed on to
    consortium approval by the chairs."""
    page, work_group = _workflow_page(task_state.workflow_state)
    if work_group is None:
        return None
    title = page.get_admin_display_title()
    if task_state.task_id in _review_task_ids(work_group):
        summary = _("%(name)s submitted “%(title)s” for work group review")
    else:
        summary = _("%(name)s approved “%(title)s” in work group review: on to consortium approval")
    return _record(
        work_group,
        Activity.Kind.DRAFT,
        user,
        summary % {"name": person(user), "title": title},
        page,
    )


def record_workflow_event(workflow_state, user, event):
    """Approved (and so published in the space), changes requested, or withdrawn."""
    page, work_group = _workflow_page(workflow_state)
    if work_group is None:
        return None
    summaries = {
        "approved": _("%(name)s gave consortium approval to “%(title)s”: it is now approved"),
        "rejected": _("%(name)s asked for changes to “%(title)s”"),
        "cancelled": _("%(name)s withdrew “%(title)s” from review"),
    }
    return _record(
        work_group,
        Activity.Kind.DRAFT,
        user,
        summaries[event] % {"name": person(user), "title": page.get_admin_display_title()},
        page,
    )


def record_deleted(page, user):
    """A draft deleted (by a chair or consortium staff: workgroups.page_permissions): the
    stream says who deleted which draft, and the draft's earlier entries keep their words but
    lose their link, which would lead nowhere."""
    work_group = work_group_of(page)
    if work_group is None:
        return None
    Activity.objects.filter(work_group=work_group, url=activity_path(page)).update(url="")
    return record(
        work_group,
        Activity.Kind.DRAFT,
        user,
        _("%(name)s deleted the draft “%(title)s”")
        % {"name": person(user), "title": page.get_admin_display_title()},
    )


def record_comment(comment, *, reply=None):
    """A new comment on a draft (or a reply to one), quoted briefly."""
    page = comment.page
    work_group = work_group_of(page)
    if work_group is None:
        return None
    author = reply.user if reply is not None else comment.user
    text = (reply or comment).text
    quote = text if len(text) <= 80 else text[:79].rstrip() + "…"
    if reply is not None:
        summary = _("%(name)s replied to a comment on “%(title)s”: “%(quote)s”")
    else:
        summary = _("%(name)s commented on “%(title)s”: “%(quote)s”")
    return _record(
        work_group,
        Activity.Kind.COMMENT,
        author,
        summary % {"name": person(author), "title": page.get_admin_display_title(), "quote": quote},
        page,
        text=text,
    )


# Promotion into toolkits


class PromotionError(ValueError):
    """A promotion that cannot be made; the message says why, for staff."""


@dataclass
class PromotionResult:
    promotion: Promotion
    toolkit: object
    private_documents: list


def promote_url(page):
    return reverse("workgroups_promote_draft", args=[page.pk])


def convert_stream(source, target_block, fallback="paragraph"):
    """The blocks of `source` (a StreamValue) as raw data for a stream of `target_block`.

    A block the target offers under the same name and type is copied as it is; any other
    becomes a paragraph of its text, so that nothing the group wrote is lost.
    """
    converted = []
    for raw, child in zip(source.raw_data, source, strict=True):
        target = target_block.child_blocks.get(raw["type"])
        if target is not None and type(target) is type(child.block):
            converted.append({"type": raw["type"], "value": raw["value"], "id": raw.get("id")})
            continue
        if fallback not in target_block.child_blocks:
            continue
        texts = [t for t in child.block.get_searchable_content(child.value) if str(t).strip()]
        if texts:
            html = "".join(format_html("<p>{}</p>", text) for text in texts)
            converted.append({"type": fallback, "value": html})
    return converted


def private_documents(work_group, stream_value):
    """Documents of the group's (private) collection that the stream links to or embeds: a
    toolkit's readers could not open them until staff move them to a toolkit collection. The
    links are found as Wagtail's reference index finds them (its blocks' extract_references)."""

    Document = get_document_model()
    ids = set()
    for model, object_id, _path, _content_path in stream_value.stream_block.extract_references(
        stream_value
    ):
        if issubclass(model, Document) and str(object_id).isdigit():
            ids.add(int(object_id))
    if not ids:
        return []
    return list(Document.objects.filter(pk__in=ids, collection_id=work_group.collection_id))


@transaction.atomic
def promote(draft, *, user, toolkit=None):
    """Make the approved (live) content of `draft` into a new toolkit, or into a new version of
    `toolkit`; nothing is published. Staff only."""
    if not access.is_staff(user):
        raise PermissionDenied(_("Only consortium staff promote drafts into toolkits."))
    draft = DraftToolPage.objects.select_for_update().get(pk=draft.pk)
    work_group = work_group_of(draft)
    if work_group is None:
        raise PromotionError(_("This draft is not in a work group's space."))
    if not draft.live or draft.live_revision_id is None:
        raise PromotionError(
            _(
                "“%(title)s” has not been approved yet. A draft can be promoted once it has "
                "passed work group review and consortium approval."
            )
            % {"title": draft.get_admin_display_title()}
        )
    # The approved content, not edits made since.
    approved = draft.live_revision.as_object()
    body = convert_stream(approved.body, promotion.body_block())
    try:
        if toolkit is None:
            result = promotion.new_toolkit(
                title=approved.title, summary=approved.summary, body=body, user=user
            )
        else:
            note = _("New version drafted by the %(group)s work group (“%(title)s”).") % {
                "group": work_group.name,
                "title": approved.title,
            }
            result = promotion.new_version(
                toolkit, summary=approved.summary, body=body, user=user, change_note=note
            )
    except promotion.ToolkitUnavailable as error:
        raise PromotionError(str(error)) from error
    record_of_promotion = Promotion.objects.create(
        draft=draft,
        work_group=work_group,
        toolkit_id=result.pk,
        draft_revision_id=draft.live_revision_id,
        as_new_version=toolkit is not None,
        promoted_by=user,
    )
    data = {
        "draft": draft.title,
        "draft_id": draft.pk,
        "toolkit": result.title,
        "toolkit_id": result.pk,
        "work_group": work_group.name,
        "version": result.version,
        "as_new_version": toolkit is not None,
    }
    log(instance=draft, action=DRAFT_PROMOTED, user=user, data=data)
    log(instance=result, action=TOOLKIT_FROM_DRAFT, user=user, data=data)
    record(
        work_group,
        Activity.Kind.DRAFT,
        user,
        _("%(name)s made “%(title)s” into a toolkit for the consortium to publish")
        % {"name": person(user), "title": draft.title},
        url=activity_path(draft),
    )
    return PromotionResult(
        promotion=record_of_promotion,
        toolkit=result,
        private_documents=private_documents(work_group, approved.body),
    )
