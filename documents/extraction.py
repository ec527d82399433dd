"""Text and page counts of uploaded files: plain functions over bytes, no Django.

`extract(data, extension)` reads a PDF, Word, PowerPoint, Excel, CSV or text file and returns
an `ExtractionResult`; it never raises on a bad file. A file it cannot read (corrupt,
encrypted, not what its name says) gives empty text, the status FAILED and a warning written
for editors. Only running out of memory is raised (MemoryError): that is a limit reached, not
a bad file.

These functions trust nothing about the file but do nothing to bound the time and memory it
costs: uploaded files are read through documents.sandbox, which runs them in a child process
with limits.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# The statuses of PortalDocument.Extraction, by value (this module imports no models).
DONE = "done"
FAILED = "failed"
NOT_APPLICABLE = "n/a"

# Text kept for search and previews; a longer text is cut here, with a warning.
MAX_TEXT_CHARS = 2_000_000
# The longest warning kept (PortalDocument.extraction_warning holds 255 characters).
MAX_WARNING_CHARS = 255

FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word document",
    "pptx": "PowerPoint presentation",
    "xlsx": "Excel workbook",
    "csv": "CSV file",
    "txt": "text file",
    "png": "PNG image",
    "jpg": "JPEG image",
    "jpeg": "JPEG image",
    "zip": "ZIP archive",
}
IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp"}


@dataclass(frozen=True)
class ExtractionResult:
    text: str = ""
    page_count: int | None = None
    warning: str = ""
    status: str = DONE


def reads(extension: str) -> bool:
    """Whether `extract` reads files of this extension (images and others have no text)."""
    return extension.lower().lstrip(".") in _READERS


def label(extension: str) -> str:
    """What editors call a file of this extension: "PDF", "Word document", ..."""
    extension = extension.lower().lstrip(".")
    return FORMAT_LABELS.get(extension, f"{extension.upper()} file")


def extract(data: bytes, extension: str) -> ExtractionResult:
    """The text of a file of the given extension ("pdf", ".DOCX", ...).

    Never raises on a bad file; raises MemoryError when memory runs out.
    """
    extension = extension.lower().lstrip(".")
    if extension in IMAGE_EXTENSIONS:
        return ExtractionResult(status=NOT_APPLICABLE)
    reader = _READERS.get(extension)
    if reader is None:
        return ExtractionResult(status=NOT_APPLICABLE)
    try:
        result = reader(data)
    except MemoryError:
        raise  # a limit reached, not a bad file: the caller says so
    except Exception as error:  # noqa: BLE001 - parsers raise anything on a bad file
        logger.info("Could not read a %s file: %r", extension, error)
        return _unreadable(f"The {label(extension)} could not be read: {_describe(error)}")
    return _finish(result)


def extract_pdf(data: bytes) -> ExtractionResult:
    # The sandbox's child loads only the reader of the file's format.
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - unsupported algorithms, broken keys
            logger.info("Could not decrypt a PDF: %r", error)
            opened = 0
        if not opened:
            return _unreadable(
                "The PDF could not be read: it is password-protected. "
                "Upload a copy without a password so that its text can be searched."
            )
    page_count = len(reader.pages)
    text = _Collector()
    unreadable_pages = 0
    for page in reader.pages:
        try:
            text.add(page.extract_text() or "")
        except MemoryError:
            raise
        except Exception as error:  # noqa: BLE001 - one bad page must not lose the others
            logger.info("Could not read a page of a PDF: %r", error)
            unreadable_pages += 1
        if text.full:
            break
    warning = ""
    if unreadable_pages:
        warning = f"The text of {unreadable_pages} of {page_count} pages could not be read."
    elif not text.value.strip() and page_count:
        warning = (
            "The PDF has no text that can be read; it may be a scanned image. "
            "Search will only find it by its title."
        )
    return text.result(page_count=page_count, warning=warning)


def extract_docx(data: bytes) -> ExtractionResult:
    # The sandbox's child loads only the reader of the file's format.
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    text = _Collector()

    def walk(container):
        for block in container.iter_inner_content():
            if text.full:
                return
            if isinstance(block, Table):
                for row in block.rows:
                    seen = set()  # a merged cell appears once for each grid column it spans
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)
            else:
                text.add(block.text)

    walk(document)
    return text.result()


def extract_pptx(data: bytes) -> ExtractionResult:
    # The sandbox's child loads only the reader of the file's format.
    from pptx import Presentation

    presentation = Presentation(io.BytesIO(data))
    text = _Collector()

    def walk(shapes):
        for shape in shapes:
            if getattr(shape, "shapes", None) is not None:  # a group
                walk(shape.shapes)
            if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                text.add(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        text.add(cell.text_frame.text)

    slides = list(presentation.slides)
    for slide in slides:
        walk(slide.shapes)
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame
            if notes is not None:
                text.add(notes.text)
        if text.full:
            break
    return text.result(page_count=len(slides))


def extract_xlsx(data: bytes) -> ExtractionResult:
    # The sandbox's child loads only the reader of the file's format.
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    text = _Collector()
    try:
        for sheet in workbook.worksheets:
            text.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None and str(value).strip()]
                if cells:
                    text.add("\t".join(cells))
                if text.full:
                    break
            if text.full:
                break
    finally:
        workbook.close()
    return text.result()


def extract_plain_text(data: bytes) -> ExtractionResult:
    text, warning = decode_text(data)
    result = _Collector()
    result.add(text)
    return result.result(warning=warning)


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without a byte-order mark), else Windows-1252; and a warning if lossy."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ""
    except UnicodeDecodeError:
        return (
            data.decode("cp1252", errors="replace"),
            "Some characters could not be read; save the file as UTF-8.",
        )


_READERS = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "pptx": extract_pptx,
    "xlsx": extract_xlsx,
    "csv": extract_plain_text,
    "txt": extract_plain_text,
}


# Helpers


class _Collector:
    """Pieces of text joined by line breaks, cut at MAX_TEXT_CHARS."""

    def __init__(self):
        self.parts = []
        self.length = 0
        self.full = False

    def add(self, piece):
        if self.full or not piece:
            return
        piece = _clean(piece)
        if not piece.strip():
            return
        room = MAX_TEXT_CHARS - self.length - (1 if self.parts else 0)
        if len(piece) > room:
            piece = piece[: max(room, 0)]
            self.full = True
        if piece:
            self.parts.append(piece)
            self.length += len(piece) + (1 if len(self.parts) > 1 else 0)

    @property
    def value(self):
        return "\n".join(self.parts)

    def result(self, *, page_count=None, warning=""):
        if self.full:
            warning = " ".join(
                filter(
                    None,
                    [
                        warning,
                        f"The text is longer than {MAX_TEXT_CHARS:,} characters; "
                        "only the beginning is kept for search.",
                    ],
                )
            )
        return ExtractionResult(text=self.value, page_count=page_count, warning=warning)


def _clean(text: str) -> str:
    """Text any database will store: no NUL characters, no lone surrogates."""
    text = text.replace("\x00", "")
    return text.encode("utf-8", errors="replace").decode("utf-8")


def _unreadable(warning: str) -> ExtractionResult:
    return ExtractionResult(warning=_shorten(warning), status=FAILED)


def _finish(result: ExtractionResult) -> ExtractionResult:
    if len(result.warning) <= MAX_WARNING_CHARS:
        return result
    return ExtractionResult(
        text=result.text,
        page_count=result.page_count,
        warning=_shorten(result.warning),
        status=result.status,
    )


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split())
    if isinstance(error, zipfile.BadZipFile | KeyError):
        return "the file is damaged or is not in the format its name says."
    if not message:
        return f"the file is damaged ({type(error).__name__})."
    return f"{message[0].lower()}{message[1:]}".rstrip(".") + "."


def _shorten(text: str) -> str:
    if len(text) <= MAX_WARNING_CHARS:
        return text
    return text[: MAX_WARNING_CHARS - 1].rstrip() + "…"


__all__ = [
    "DONE",
    "FAILED",
    "MAX_TEXT_CHARS",
    "NOT_APPLICABLE",
    "ExtractionResult",
    "decode_text",
    "extract",
    "label",
    "reads",
]
