"""The two review steps of a work group's drafts: the group's own review, then consortium
approval. Both keep the person who submitted a draft from approving it (separation of duties):
who may act on each step is decided in workgroups.access."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, TaskState


def _requested_by_id(obj):
    state = obj.current_workflow_state
    return state.requested_by_id if state else None


class _SubmitterDoesNotApprove:
    """Wagtail's group approval, less the submitter: the draft's submitter sees no approval
    actions and does not find the draft among those awaiting their review."""

    def may_act(self, obj, user):
        return (
            user.is_authenticated
            and user.pk != _requested_by_id(obj)
            and (user.is_superuser or self._user_in_groups(user))
        )

    def get_actions(self, obj, user):
        if not self.may_act(obj, user):
            return []
        # Wagtail's group approval offers these to its groups only; here to whoever may act,
        # in words that say where the draft goes next.
        return [
            ("reject", _("Request changes"), True),
            ("approve", self.approve_label, False),
            ("approve", self.approve_with_comment_label, True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)


class WorkGroupReviewTask(_SubmitterDoesNotApprove, GroupApprovalTask):
    """Work group review: the chairs approve, except the one who submitted the draft; a group
    whose only chair submitted it is reviewed by consortium staff instead.

    The draft stays open to the group's members meanwhile, because reviewing it together is
    what this step is for. Wagtail's own task locks a page for everyone outside its groups,
    which would leave members unable to comment on the very draft under review."""

    approve_label = _("Approve and send to consortium staff")
    approve_with_comment_label = _("Approve with a comment and send to consortium staff")

    def _work_group(self, obj):
        from .. import drafts  # it imports these models

        return drafts.work_group_of(obj)

    def may_act(self, obj, user):
        from .. import access  # it imports these models

        work_group = self._work_group(obj)
        if work_group is None or user.is_superuser:
            return super().may_act(obj, user)
        return access.may_approve_review_step(user, work_group, _requested_by_id(obj))

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) or self.may_act(obj, user)

    def locked_for_user(self, obj, user):
        from .. import access  # it imports these models

        work_group = self._work_group(obj)
        if work_group is not None and (
            access.can_participate(user, work_group) or self.may_act(obj, user)
        ):
            return False
        return super().locked_for_user(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .. import access  # it imports these models

        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            workflow_state__requested_by=user
        )
        if user.is_superuser or self._user_in_groups(user):
            return states
        if not access.is_staff(user):
            return TaskState.objects.none()
        # Staff stand in where the submitter is the group's only chair.
        ids = [
            state.pk
            for state in states.select_related("workflow_state")
            if access.review_step_approvers(
                self._work_group(state.workflow_state.content_object),
                state.workflow_state.requested_by_id,
            )
            is None
        ]
        return states.filter(pk__in=ids)

    class Meta:
        verbose_name = _("work group review task")
        verbose_name_plural = _("work group review tasks")


class ConsortiumApprovalTask(_SubmitterDoesNotApprove, GroupApprovalTask):
    """Consortium approval: the final step of every work group's drafts, by consortium staff
    (its groups), never by the person who submitted the draft."""

    # Its approval publishes the draft inside the space: the group's approved version.
    approve_label = _("Approve for the consortium")
    approve_with_comment_label = _("Approve for the consortium with a comment")

    class Meta:
        verbose_name = _("consortium approval task")
        verbose_name_plural = _("consortium approval tasks")
