"""The toolkit page's editing form (ToolkitPage.base_form_class)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .change_logs import words

# The editor's buttons that publish the page now or send it on its way to publication.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class ToolkitPageForm(WagtailAdminPageForm):
    def publishing(self):
        data = self.data or {}
        approving = data.get("action-workflow-action") and data.get("workflow-action-name") in (
            "approve",
            "approve-with-comment",
        )
        return approving or any(data.get(action) for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned_data = super().clean()
        if self.publishing() and self.instance.pk and "version" in cleaned_data:
            self.check_change_log(cleaned_data.get("version"), cleaned_data.get("change_log"))
        return cleaned_data

    def check_change_log(self, number, change_log):
        """A new version number needs its own change log: the field still holds the previous
        version's until the editor rewrites it, and that would be e-mailed as the news."""
        # the page models name this module's form class
        from .models import ToolkitVersion

        versions = ToolkitVersion.objects.filter(page_id=self.instance.pk)
        previous = versions.exclude(version=number).order_by("-published_at").first()
        if previous is None or versions.filter(version=number).exists():
            return  # the first version, or the same version republished
        if not words(change_log):
            self.add_error(
                "change_log",
                forms.ValidationError(
                    _(
                        "Version %(version)s is a new version: say what changed in it. "
                        "This is shown on the toolkit page and e-mailed to subscribers."
                    ),
                    code="change_log_missing",
                    params={"version": number},
                ),
            )
        elif words(change_log) == words(previous.change_log):
            self.add_error(
                "change_log",
                forms.ValidationError(
                    _(
                        "This is the change log of version %(previous)s. Write what changed "
                        "in version %(version)s: it is shown on the toolkit page and e-mailed "
                        "to subscribers."
                    ),
                    code="change_log_unchanged",
                    params={"previous": previous.version, "version": number},
                ),
            )
