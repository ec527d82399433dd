"""The work group's own review step of its drafts' workflow."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask


class WorkGroupReviewTask(GroupApprovalTask):
    """Work group review: the chairs approve, as in Wagtail's group approval task, but the
    draft stays open to the group's members meanwhile, because reviewing it together is what
    this step is for. Wagtail's own task locks a page for everyone outside its groups, which
    would leave members unable to comment on the very draft under review."""

    def locked_for_user(self, obj, user):
        from .. import access, drafts

        work_group = drafts.work_group_of(obj)
        if work_group is not None and access.can_participate(user, work_group):
            return False
        return super().locked_for_user(obj, user)

    class Meta:
        verbose_name = _("work group review task")
        verbose_name_plural = _("work group review tasks")
