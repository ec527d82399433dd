"""The toolkit page's editing form (ToolkitPage.base_form_class): what must hold before a
toolkit goes out (published, or sent on its way to publication). A new version says what
changed and when it is released; a toolkit with no files goes out only when the editor says
so."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from .change_logs import words

# The editor's buttons that publish the page now or send it on its way to publication.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


NO_FILES_CONFIRMATION = "publish_without_files"


class ToolkitPageForm(WagtailAdminPageForm):
    publish_without_files = forms.BooleanField(
        label=_("Publish it with no files"),
        required=False,
        help_text=_(
            "This toolkit has no files to download. Tick this only if it is meant to be read "
            "on the page alone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.initial.get("release_date"):
            self.initial["release_date"] = timezone.localdate()  # a new toolkit: today

    def publishing(self):
        data = self.data or {}
        approving = data.get("action-workflow-action") and data.get("workflow-action-name") in (
            "approve",
            "approve-with-comment",
        )
        return approving or any(data.get(action) for action in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned_data = super().clean()
        if not self.publishing():
            return cleaned_data
        if self.instance.pk and "version" in cleaned_data:
            self.check_change_log(cleaned_data.get("version"), cleaned_data.get("change_log"))
            self.check_release_date(cleaned_data.get("version"), cleaned_data.get("release_date"))
        if not cleaned_data.get(NO_FILES_CONFIRMATION) and self.file_count() == 0:
            self.add_error(
                NO_FILES_CONFIRMATION,
                forms.ValidationError(
                    _(
                        "This toolkit has no files. Add its files under “Resource files”, "
                        "or tick “Publish it with no files” to publish it as it is."
                    ),
                    code="no_files",
                ),
            )
        return cleaned_data

    def file_count(self):
        """The files the toolkit will have once saved (the resources' formset, as posted);
        None when the form does not edit its files."""
        formset = self.formsets.get("resources")
        if formset is None:
            return None
        formset.is_valid()  # cleans every row (cached: the page form asks again later)
        return sum(
            1
            for row in formset.forms
            if getattr(row, "cleaned_data", None)
            and row.cleaned_data.get("document")
            and not row.cleaned_data.get("DELETE")
        )

    def check_release_date(self, number, release_date):
        """A new version keeps the previous version's release date until the editor changes
        it, and the date goes out in the e-mail to subscribers: ask for it, offering today."""
        # the page models name this module's form class
        from .models import ToolkitVersion

        versions = ToolkitVersion.objects.filter(page_id=self.instance.pk)
        previous = versions.exclude(version=number).order_by("-published_at").first()
        if previous is None or versions.filter(version=number).exists() or release_date is None:
            return
        if release_date > previous.release_date:
            return
        today = timezone.localdate()
        self.data = self.data.copy()  # the form shown again offers today's date
        self.data[self.add_prefix("release_date")] = today.isoformat()
        self.add_error(
            "release_date",
            forms.ValidationError(
                _(
                    "Version %(version)s is a new version: when is it released? The date "
                    "was version %(previous)s's (%(previous_date)s). Today's date is filled "
                    "in: check it and publish again."
                ),
                code="release_date_unchanged",
                params={
                    "version": number,
                    "previous": previous.version,
                    "previous_date": formats.date_format(previous.release_date, "DATE_FORMAT"),
                },
            ),
        )

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


class NoFilesConfirmationPanel(FieldPanel):
    """The confirmation to publish with no files, shown only where it may be needed: a
    toolkit without files, or a form that asked for it."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            if not super().is_shown():
                return False
            if self.form is not None and self.form.errors.get(self.field_name):
                return True
            return not (self.instance.pk and self.instance.resources.exists())
