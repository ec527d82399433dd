"""Every published version of a toolkit, with its change log and files, kept for good."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField


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
        settings.WAGTAILDOCS_DOCUMENT_MODEL, related_name="toolkit_versions", blank=True
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
        from ..change_logs import as_text

        return as_text(self.change_log)

    @property
    def change_log_html(self):
        from ..change_logs import as_html

        return as_html(self.change_log)
