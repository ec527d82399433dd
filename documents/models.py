"""The portal's document model: every uploaded file (a toolkit's resources, a work group's shared
files, a meeting's attachments), with what search and the catalog need.

Set as WAGTAILDOCS_DOCUMENT_MODEL. Text extraction fills extracted_text and page_count in a
background task after upload (documents.tasks, documents.extraction).
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "pptx": "PowerPoint",
    "xlsx": "Excel",
    "csv": "CSV",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "txt": "Text",
    "zip": "ZIP",
}
# Source files a member organization can adapt, offered beside the PDF.
EDITABLE_FORMATS = {"docx", "pptx", "xlsx", "csv"}


class PortalDocument(AbstractDocument):
    class Extraction(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DONE = "done", _("Text extracted")
        FAILED = "failed", _("Could not be read")
        NOT_APPLICABLE = "n/a", _("No text to extract")

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_status = models.CharField(
        _("text extraction"),
        max_length=10,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        editable=False,
    )
    extraction_warning = models.CharField(
        _("extraction warning"), max_length=255, blank=True, editable=False
    )
    # The name the file was uploaded with. Storage adds a random suffix when the name is taken
    # ("checklist_mrJtjOi.pdf"); downloads are named after this instead (see filename).
    original_filename = models.CharField(
        _("uploaded as"), max_length=255, blank=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields + ("language",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # The table the toolkits app created when it held this model: the model moved here
        # without moving its rows (documents/migrations/0001_initial.py).
        db_table = "toolkits_toolkitdocument"

    @property
    def filename(self):
        """The name a download gets, in its URL (Wagtail's serve view checks the URL against
        this), its Content-Disposition and the ZIP: the uploaded name, not storage's."""
        stored = super().filename
        original = self.original_filename
        if (
            original
            and PurePosixPath(original).suffix.lower() == PurePosixPath(stored).suffix.lower()
        ):
            return original
        return stored

    @property
    def extension(self):
        return PurePosixPath(self.file.name).suffix.lower().lstrip(".")

    @property
    def format_name(self):
        return FORMAT_NAMES.get(self.extension, self.extension.upper())

    @property
    def is_editable_source(self):
        return self.extension in EDITABLE_FORMATS

    @property
    def size_label(self):
        """'283 KB', '1.4 MB': how people read file sizes on a download link."""
        size = self.get_file_size()
        if size is None:
            return ""
        if size < 1000 * 1000:
            return f"{max(1, round(size / 1000))} KB"
        # The decimal mark of the reader's language: "1.4 MB", "1,4 MB".
        return f"{formats.number_format(size / 1000 / 1000, decimal_pos=1)} MB"

    @property
    def members_only(self):
        """In a collection (or under one) with a view restriction."""
        return bool(self.collection.get_view_restrictions())
