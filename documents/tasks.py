"""Background work on documents: each new file's text, read in a bounded child process."""

import hashlib
import logging
import tempfile
from pathlib import PurePosixPath

from django.tasks import task

from . import extraction, sandbox
from .models import PortalDocument

logger = logging.getLogger(__name__)

# The fields extract_document_text writes; a save of only these (or of Wagtail's own file
# metadata) does not ask for another extraction (see documents.signals).
EXTRACTION_FIELDS = (
    "checksum",
    "page_count",
    "extracted_text",
    "extraction_status",
    "extraction_warning",
)

_CHUNK = 1024 * 1024


@task
def extract_document_text(document_id):
    """Checksum, page count and text of a document's file, with a status editors can read.

    The file is copied from storage to a temporary file (hashed on the way, a chunk at a
    time) and read by documents.sandbox in a child process with memory, time and size
    limits: a file over a limit is kept, and marked as unreadable with the reason.

    A document or file that has gone (deleted since the task was enqueued) is logged and
    skipped. Anything unexpected is logged, recorded on the document as a failure and
    raised again, so that the task backend records it too.
    """
    try:
        document = PortalDocument.objects.get(pk=document_id)
    except PortalDocument.DoesNotExist:
        logger.info("Text extraction skipped: document %s no longer exists.", document_id)
        return
    if not document.file:
        logger.warning("Text extraction skipped: document %s has no file.", document_id)
        return

    checksum = ""
    suffix = PurePosixPath(document.file.name).suffix[:16]
    try:
        with tempfile.NamedTemporaryFile(prefix="extract-", suffix=suffix) as copy:
            checksum = _copy(document.file, copy)
            result = sandbox.extract_file(copy.name, document.extension)
    except FileNotFoundError:
        logger.warning(
            "Text extraction: the file %r of document %s is missing from storage.",
            document.file.name,
            document_id,
        )
        _save(
            document,
            status=PortalDocument.Extraction.FAILED,
            warning="The file is missing from storage; upload it again.",
        )
        return
    except Exception:
        # Storage errors, a broken worker, or a bug: a bad file gives a result, not an error.
        logger.exception("Text extraction of document %s failed unexpectedly.", document_id)
        _save(
            document,
            checksum=checksum,
            status=PortalDocument.Extraction.FAILED,
            warning="Text extraction failed unexpectedly; the error is in the server log.",
        )
        raise

    if result.status == extraction.FAILED:
        logger.info("Document %s could not be read: %s", document_id, result.warning)
    _save(
        document,
        checksum=checksum,
        page_count=result.page_count,
        text=result.text,
        status=PortalDocument.Extraction(result.status),
        warning=result.warning,
    )


def _copy(fieldfile, target):
    """Copy the file from storage into `target`, a chunk at a time; returns its SHA-256."""
    digest = hashlib.sha256()
    with fieldfile.storage.open(fieldfile.name, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            target.write(chunk)
    target.flush()
    return digest.hexdigest()


def _save(document, *, status, warning, checksum="", page_count=None, text=""):
    document.checksum = checksum
    document.page_count = page_count
    document.extracted_text = text
    document.extraction_status = status
    document.extraction_warning = warning[:255]
    try:
        document.save(update_fields=EXTRACTION_FIELDS)
    except type(document).NotUpdated:
        # The document was deleted while its file was being read.
        logger.info("Text extraction: document %s was deleted meanwhile.", document.pk)
