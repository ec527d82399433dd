"""The check of every uploaded file, in one place: the Wagtail document form (and so every admin
upload path, and a work group's files page, which saves through that form) calls
`validate_upload`.

A file is refused when its extension is not one the portal accepts (WAGTAILDOCS_EXTENSIONS),
when its content is not what its extension says (documents.filetypes: judged by libmagic), and
when it carries markup that a browser would act on: an HTML page, an SVG image or an XML
document whatever its name, and a text file with a script, a frame, an event handler and the
like anywhere in it. A "<" that starts no tag ("lactate < 2") is not markup.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from documents.filetypes import (
    TEXT_KINDS,
    content_matches_extension,
    find_markup,
    sniff_file,
)

DEFAULT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "csv", "png", "jpg", "jpeg")
# What a file of each kind is, for messages ("… is named as a PDF but it contains …").
A_FORMAT = {
    "pdf": _("a PDF"),
    "docx": _("a Word document"),
    "pptx": _("a PowerPoint presentation"),
    "xlsx": _("an Excel workbook"),
    "ooxml": _("an Office document"),
    "csv": _("a CSV file"),
    "txt": _("a text file"),
    "png": _("a PNG image"),
    "jpg": _("a JPEG image"),
    "jpeg": _("a JPEG image"),
    "zip": _("a ZIP archive"),
    "html": _("an HTML page"),
    "svg": _("an SVG image"),
    "xml": _("an XML document"),
    "script": _("a script"),
}


def allowed_extensions():
    return [e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", DEFAULT_EXTENSIONS)]


def max_upload_bytes():
    return settings.DOCUMENT_MAX_UPLOAD_BYTES


def validate_upload(file):
    """Raise ValidationError, with a message that names the file and what is wrong, unless
    the uploaded file's extension is accepted and its content is what the extension says and
    carries no markup. Leaves the file positioned at its start."""
    name = PurePosixPath(file.name or "").name
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    validate_extension(name, extension)
    validate_content(file, name, extension)


def validate_extension(name, extension):
    extensions = allowed_extensions()
    if extension in extensions:
        return
    raise ValidationError(
        _(
            "“%(name)s” cannot be uploaded: %(kind)s are not accepted. "
            "Upload one of these formats: %(formats)s."
        ),
        code="invalid_extension",
        params={
            "name": name,
            "kind": _(".%(extension)s files") % {"extension": extension}
            if extension
            else _("files without an extension"),
            "formats": get_text_list([e.upper() for e in extensions], _("or")),
        },
    )


def validate_content(file, name, extension):
    found = sniff_file(file)
    markup = find_markup(file) if found in TEXT_KINDS else None
    if markup is not None:
        raise ValidationError(
            _(
                "“%(name)s” is named as %(expected)s but it contains HTML markup "
                "(%(markup)s). Files with web page code or scripts cannot be uploaded: remove "
                "it, then upload the file again."
            ),
            code="markup",
            params={
                "name": name,
                "expected": A_FORMAT.get(extension, f".{extension}"),
                "markup": _describe(markup),
            },
        )
    if not content_matches_extension(extension, found):
        raise ValidationError(
            _(
                "“%(name)s” is named as %(expected)s but it contains %(found)s. "
                "Check that you chose the right file, or save it again in the format "
                "its name says."
            ),
            code="content_mismatch",
            params={
                "name": name,
                "expected": A_FORMAT.get(extension, f".{extension}"),
                "found": A_FORMAT.get(found, _("something else, not a format we accept")),
            },
        )


def _describe(markup):
    if markup.element:
        return _("a “%(tag)s” element") % {"tag": markup}
    if markup.attribute:
        return _("an event handler, “%(attribute)s”") % {"attribute": markup.attribute}
    return _("a “%(scheme)s” link") % {"scheme": markup}
