"""Receivers for documents: a new upload's own name, and text extraction when a file is new.

A document's text is extracted whenever its file is new or replaced, once the save is
committed. Saving a document without touching its file (a new title, tags, a collection) does
not extract again, and neither does the extraction task's own save, which names its fields.
"""

from functools import partial
from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.db import transaction
from django.db.models.signals import post_init, post_save, pre_save
from django.dispatch import receiver
from django.utils.text import get_valid_filename

from .models import PortalDocument
from .tasks import extract_document_text


def _file_state(document):
    """(file name, Wagtail's SHA-1 of the file) as loaded, or None when the file is deferred."""
    if "file" not in document.__dict__:
        return None
    value = document.__dict__["file"]
    name = getattr(value, "name", value) or ""
    return (str(name), document.__dict__.get("file_hash", ""))


@receiver(post_init, sender=PortalDocument)
def remember_file(sender, instance, **kwargs):
    instance._extraction_file_state = _file_state(instance)


def file_changed(document, update_fields=None):
    """Whether this save stores a file whose text has not been extracted yet."""
    if update_fields is not None and "file" not in update_fields:
        return False
    if not document.file:
        return False
    if document._state.adding or not getattr(document.file, "_committed", True):
        return True  # a new document, or a new upload not yet written to storage
    before = getattr(document, "_extraction_file_state", None)
    return before is None or before != _file_state(document)


@receiver(pre_save, sender=PortalDocument)
def remember_uploaded_name(sender, instance, raw, **kwargs):
    """A new upload's own name, before storage makes it unique (it is still unsaved here)."""
    if raw or not instance.file or getattr(instance.file, "_committed", True):
        return
    try:
        name = get_valid_filename(PurePosixPath(instance.file.name).name)
    except SuspiciousFileOperation:
        return  # a name like ".." : storage's own name will do
    instance.original_filename = name[:255]


@receiver(pre_save, sender=PortalDocument)
def reset_extraction_when_file_changes(sender, instance, raw, update_fields, **kwargs):
    instance._extraction_needed = not raw and file_changed(instance, update_fields)
    if instance._extraction_needed and update_fields is None:
        # What was read from the old file no longer holds.
        instance.checksum = ""
        instance.page_count = None
        instance.extracted_text = ""
        instance.extraction_status = PortalDocument.Extraction.PENDING
        instance.extraction_warning = ""


@receiver(post_save, sender=PortalDocument)
def extract_text_after_commit(sender, instance, raw, using, **kwargs):
    needed = getattr(instance, "_extraction_needed", False)
    instance._extraction_needed = False
    instance._extraction_file_state = _file_state(instance)
    if needed and not raw:
        transaction.on_commit(
            partial(extract_document_text.enqueue, instance.pk), using=using, robust=True
        )
