"""Files shared in a group: each upload is a document in the group's restricted collection;
a new version is a new document, and the earlier ones are kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SharedFile(models.Model):
    work_group = models.ForeignKey(
        "workgroups.WorkGroup", on_delete=models.CASCADE, related_name="shared_files"
    )
    title = models.CharField(_("title"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("shared file")

    def __str__(self):
        return self.title


class FileVersion(models.Model):
    shared_file = models.ForeignKey(SharedFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # In Wagtail's reference index (workgroups.apps), so that the document admin shows a
    # version's document as in use and protected instead of failing to delete it.
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    shared_file.wagtail_reference_index_ignore = True
    uploaded_by.wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["shared_file", "number"], name="workgroups_one_file_version_number"
            )
        ]

    def __str__(self):
        return f"{self.shared_file} v{self.number}"
