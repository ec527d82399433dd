"""The dashboard's "Awaiting your review" panel, naming who submitted each item.

Wagtail's panel labels a column "Task submitted by" but fills it with whoever saved the
revision under review, who may be a reviewer who edited it since. The reviewers need the
person who asked for the review (the workflow's requester): the one who may not approve it.
"""

from copy import copy

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel


class SubmitterNamedModerationPanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            task_state = state["task_state"]
            # Wagtail's template reads the name from the revision: give it the requester.
            # (An in-memory copy for this page only; nothing is saved.)
            revision = copy(task_state.revision)
            revision.user = task_state.workflow_state.requested_by
            task_state.revision = revision
            state["revision"] = revision
        return context
