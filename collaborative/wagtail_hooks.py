from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from .demo.loader import load
from .submissions import REOPENED_ACTION, SUBMITTED_ACTION
from .viewsets import CollaborativeViewSetGroup

register_snippet(CollaborativeViewSetGroup)


@hooks.register("load_demo_content")
def load_collaborative_demo_content(site, log):

    load(site, log=log)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    """A month submitted, and reopened with the data manager's reason (shown on its page)."""

    class ReopenedFormatter(LogFormatter):
        label = _("Month reopened")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Reopened the month: %(reason)s") % {"reason": reason}

    actions.register_action(SUBMITTED_ACTION, _("Month submitted"), _("Submitted the month"))
    actions.register_action(REOPENED_ACTION)(ReopenedFormatter)
