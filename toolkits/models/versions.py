"""Every published version of a toolkit, with its change log and files, kept for good."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from ..change_logs import as_html, as_text


class ToolkitVersion(models.Model):
    page = models.ForeignKey(
        "toolkits.ToolkitPage", on_delete=models.CASCADE, related_name="versions"
    )
    version = models.CharField(_("version"), max_length=20)
    release_date = models.DateField(_("release date"))
    # The editor's rich text as written (database form), so that paragraphs and list items
    # survive; plain text and e-mail HTML are derived from it (toolkits.change_logs).
    change_log = RichTextField(_("what changed"), blank=True)
    documents = models.ManyToManyField(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        related_name="toolkit_versions",
        blank=True,
        through="toolkits.ToolkitVersionFile",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("toolkit version")
        constraints = [
            models.UniqueConstraint(fields=["page", "version"], name="toolkits_one_row_per_version")
        ]

    def __str__(self):
        return f"{self.page.title} {self.version}"

    @property
    def change_log_text(self):

        return as_text(self.change_log)

    @property
    def change_log_html(self):

        return as_html(self.change_log)


class ToolkitVersionFile(models.Model):
    """A file of a published version: kept for the version history, so the file may not be
    deleted while a version holds it (PROTECT). Wagtail's reference index records these rows
    (registered in apps.py), so the admin's usage and delete views show the version and
    refuse the deletion, as they do for the page's current resources."""

    version = models.ForeignKey(ToolkitVersion, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("file of a toolkit version")
        verbose_name_plural = _("files of toolkit versions")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document"], name="toolkits_one_row_per_version_file"
            )
        ]

    def __str__(self):
        return _("%(title)s, version %(version)s") % {
            "title": self.version.page.title,
            "version": self.version.version,
        }


# The usage view lists the file's versions, not the versions as things the file uses.
ToolkitVersionFile._meta.get_field("version").wagtail_reference_index_ignore = True
