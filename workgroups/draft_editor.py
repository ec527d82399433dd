"""The draft editor in a clinician's words: what its buttons are called, what it says after
each action, and the status word the admin shows for a draft (the space's, workgroups.drafts).

Wagtail's own words are a CMS's ("Submit to Drafts of …", "submitted for moderation", "Page …
has been updated", "LIVE"). Its extension points carry ours: the action menu hook relabels the
buttons, the after-create/after-edit hooks restate the confirmation, and the draft page's
`status_string` gives the admin listings the space's status.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem, WorkflowMenuItem

from . import access, drafts
from .drafts import Status
from .models import DraftToolPage, WorkGroupSpacePage

SEND_TO_CHAIRS = gettext_lazy("Send to the chairs for review")
SEND_BACK = gettext_lazy("Send the revised draft back for review")


class SendForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit button, saying where the draft goes."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        needs_changes = state is not None and state.status == state.STATUS_NEEDS_CHANGES
        context["label"] = SEND_BACK if needs_changes else SEND_TO_CHAIRS
        return context


def is_draft_editor(context):
    """The edit view of a draft, or the add view in a space (whose pages are all drafts)."""
    page = context.get("page")
    if page is not None:
        return page.specific_class is DraftToolPage
    parent = context.get("parent_page")
    return parent is not None and parent.specific_class is WorkGroupSpacePage


def relabel_action_menu(menu_items, request, context):
    """The draft editor's buttons in plain words (the construct_page_action_menu hook)."""
    if not is_draft_editor(context):
        return
    page = context.get("page")
    task = page.current_workflow_task if page is not None else None
    # The task's own labels (workgroups.models.review), without Wagtail's "and Publish": the
    # consortium's approval publishes the draft inside the private space only.
    labels = {
        (name, modal): label
        for name, label, modal in (task.get_actions(page, request.user) if task else [])
    }
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SendForReviewMenuItem(order=item.order)
        elif isinstance(item, WorkflowMenuItem) and (item.name, item.launch_modal) in labels:
            item.label = labels[(item.name, item.launch_modal)]


# What the editor says after each action


def _action(request):
    post = request.POST
    if post.get("action-workflow-action"):
        return "workflow"
    if post.get("action-submit") or post.get("action-restart-workflow"):
        return "submit"
    if post.get("action-cancel-workflow"):
        return "cancel"
    return "save"


def _review_goes_to_staff(page, work_group):
    state = page.current_workflow_state
    requested_by = state.requested_by_id if state is not None else None
    return access.review_step_approvers(work_group, requested_by) is None


def confirmation(page, work_group, action, *, created=False):
    """The sentence that tells the person what just happened to the draft."""
    values = {"title": page.get_admin_display_title()}
    status = drafts.status_of(page, work_group)
    if status == Status.GROUP_REVIEW and action in ("submit", "workflow"):
        if _review_goes_to_staff(page, work_group):
            return (
                _(
                    "“%(title)s” was sent for review. You are the group's only chair, so "
                    "consortium staff review it."
                )
                % values
            )
        return _("“%(title)s” was sent to the chairs for review.") % values
    if status == Status.CONSORTIUM_APPROVAL and action == "workflow":
        return _("Approved by the chairs; waiting for consortium review.")
    if status == Status.CONSORTIUM_APPROVAL and action == "submit":
        return _("“%(title)s” was sent back to consortium staff for review.") % values
    if status == Status.CHANGES_REQUESTED and action == "workflow":
        return (
            _("Changes requested: “%(title)s” goes back to the group to revise and send again.")
            % values
        )
    if status == Status.APPROVED and action == "workflow":
        return (
            _("Approved by the consortium: “%(title)s” is now the group's approved version.")
            % values
        )
    if action == "cancel":
        return _("The review of “%(title)s” was stopped: it is a draft again.") % values
    if created:
        return (
            _(
                "“%(title)s” was saved. Only your work group can read it. When it is ready, "
                "send it to the chairs for review."
            )
            % values
        )
    return _("Your changes to “%(title)s” were saved.") % values


def restate_confirmation(request, page, *, created=False):
    """Put the plain sentence in place of the one Wagtail's editor has just queued (the
    after_create_page and after_edit_page hooks run after it), keeping its place and level."""
    work_group = drafts.work_group_of(page)
    if work_group is None or not request.accepts("text/html"):
        return  # not a draft, or the editor's autosave, which shows no message
    page = DraftToolPage.objects.get(pk=page.pk)  # as the action left it (an approval publishes)
    storage = messages.get_messages(request)
    queued = [message for message in storage if message.level == messages.SUCCESS]
    storage.used = False  # iterating marked them read: they are still to be shown
    if not queued:
        return
    space = work_group.space
    reading_url = space.url + space.reverse_subpage("draft", args=[page.pk])
    queued[-1].message = admin_messages.render(
        confirmation(page, work_group, _action(request), created=created),
        [admin_messages.button(reading_url, _("Read it in the space"))],
    )


def status_word(page):
    """The space's status for a draft, as the admin's listings show it."""
    work_group = drafts.work_group_of(page)
    if work_group is None:
        return None
    status = drafts.status_of(page, work_group)
    if status == Status.APPROVED and page.has_unpublished_changes:
        return _("%(status)s, edited since") % {"status": Status.labels[status]}
    return str(Status.labels[status])
