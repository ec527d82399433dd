"""The rules of work groups' pages that Wagtail's permission records cannot express, in the form
Wagtail asks for them: a page permission tester, returned by the `permissions_for_user` of the
space and draft page types. Every admin view, page API action, bulk action, action menu and
listing button asks the tester, so all of them follow these rules.

The records say who may act where (a group's editors hold add and change on their own space;
Moderators on the whole tree; Wagtail's Editors nowhere near the spaces:
portal.staff_permissions). On top of them:

- nobody outside a group (and not consortium staff) may do anything with its pages;
- an archived group's pages are read-only;
- drafts are deleted by the group's chairs and consortium staff only, and never once made into
  a toolkit (the toolkit credits the draft);
- a draft is published only by its workflow's final approval (`can_publish` is true only in
  the moment between that approval and Wagtail publishing it), and its privacy is the space's;
- nobody moves or copies a draft out of its space, and a space itself is made, restricted and
  archived with its group, never moved, copied, unpublished or deleted in the page editor.
"""

from wagtail.models import Page, PagePermissionTester, WorkflowState

from . import access


class _GroupPageTester(PagePermissionTester):
    """What both page types share: the group is found once, and outsiders may do nothing."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.work_group = access.work_group_at(user, self.space_path())
        self.sees_inside = self.work_group is not None and access.can_view(user, self.work_group)
        self.read_only = self.work_group is None or self.work_group.is_archived

    def space_path(self):
        raise NotImplementedError

    def _acts(self):
        return self.sees_inside and not self.read_only

    def can_edit(self):
        return self._acts() and super().can_edit()

    def can_lock(self):
        return self._acts() and super().can_lock()

    def can_unlock(self):
        return self.sees_inside and super().can_unlock()

    def can_view_revisions(self):
        return self.sees_inside and super().can_view_revisions()

    def can_set_view_restrictions(self):
        return False

    def can_move(self):
        return False

    def can_move_to(self, destination):
        return False

    def can_reorder_children(self):
        return self._acts() and super().can_reorder_children()


class SpacePermissionTester(_GroupPageTester):
    def space_path(self):
        return self.page.path

    def can_add_subpage(self):
        return self._acts() and super().can_add_subpage()

    def can_publish(self):
        return self._acts() and super().can_publish()

    def can_publish_subpage(self):
        return False  # drafts: see DraftPermissionTester.can_publish

    def can_delete(self, ignore_bulk=False):
        return False

    def can_unpublish(self):
        return False

    def can_copy(self):
        return False

    def can_copy_to(self, destination, recursive=False):
        return False


class DraftPermissionTester(_GroupPageTester):
    def space_path(self):
        return self.page.path[: -Page.steplen]

    def can_delete(self, ignore_bulk=False):
        return (
            self._acts()
            and access.can_delete_draft(self.user, self.work_group)
            and not self.page.promotions.exists()
        )

    def can_publish(self):
        """Only to carry out the workflow's final approval: Wagtail marks the workflow approved,
        then publishes the latest revision as the approving user (whose right to approve was
        checked by the task). So: the draft's latest workflow is approved, no revision was
        saved since the approval, and that revision is not live yet. Any other publishing (the
        editor, the page API, bulk actions, a schedule) finds the draft in review, not yet
        approved, or changed since, and is refused."""
        if not self._acts():
            return False
        # Read afresh: the tester may be given a page rebuilt from a revision.
        current = (
            Page.objects.filter(pk=self.page.pk)
            .values("latest_revision_id", "live_revision_id", "latest_revision_created_at")
            .first()
        )
        if current is None or current["latest_revision_id"] in (None, current["live_revision_id"]):
            return False
        state = (
            WorkflowState.objects.filter(
                base_content_type=self.page.get_base_content_type(), object_id=str(self.page.pk)
            )
            .select_related("current_task_state")
            .order_by("-created_at", "-pk")
            .first()
        )
        if state is None or state.status != WorkflowState.STATUS_APPROVED:
            return False
        approval = state.current_task_state
        return (
            approval is not None
            and approval.finished_at is not None
            and (
                current["latest_revision_created_at"] is None
                or approval.finished_at >= current["latest_revision_created_at"]
            )
        )

    def can_unpublish(self):
        """Taking back an approval is for consortium staff."""
        return (
            self._acts()
            and access.is_staff(self.user)
            and self.page.live
            and not self.page_locked()
        )

    def can_unschedule(self):
        return False

    def can_submit_for_moderation(self):
        participates = self.work_group is not None and (
            access.can_participate(self.user, self.work_group) or access.is_staff(self.user)
        )
        return self._acts() and participates and super().can_submit_for_moderation()

    def can_copy(self):
        return self._acts() and super().can_copy()

    def can_copy_to(self, destination, recursive=False):
        """A copy stays in the draft's own space."""
        return destination.path == self.space_path() and super().can_copy_to(destination, recursive)

    def can_add_subpage(self):
        return False


class IndexPermissionTester(PagePermissionTester):
    """The public list of work groups holds every space: it is not moved or copied (which
    would carry the spaces, their drafts and their privacy along)."""

    def can_move(self):
        return False

    def can_move_to(self, destination):
        return False

    def can_copy(self):
        return False

    def can_copy_to(self, destination, recursive=False):
        return False

    def can_delete(self, ignore_bulk=False):
        return False
