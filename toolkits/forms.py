"""The document form of the Wagtail admin (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Every way of uploading a document in the admin builds its form from this base: the add and
edit views, the multiple uploader and the chooser's upload tab. It refuses a file whose
extension the portal does not accept, a file over TOOLKITS_MAX_UPLOAD_BYTES, and a file whose
content is not what its extension says (a .pdf that is really a ZIP archive, a program renamed
.docx). A file of the right format that is damaged is accepted: its text extraction fails
and the edit view tells editors why.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from documents.filetypes import content_matches_extension, sniff_file

DEFAULT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "csv", "png", "jpg", "jpeg")
# What a file of each format is, for messages ("… is named as a PDF but it contains …").
A_FORMAT = {
    "pdf": _("a PDF"),
    "docx": _("a Word document"),
    "pptx": _("a PowerPoint presentation"),
    "xlsx": _("an Excel workbook"),
    "csv": _("a CSV file"),
    "txt": _("a text file"),
    "png": _("a PNG image"),
    "jpg": _("a JPEG image"),
    "jpeg": _("a JPEG image"),
    "zip": _("a ZIP archive"),
}


def allowed_extensions():
    return [e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", DEFAULT_EXTENSIONS)]


def max_upload_bytes():
    return settings.TOOLKITS_MAX_UPLOAD_BYTES


class ToolkitDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")  # the multiple uploader's edit form has none
        if field is None:
            return
        # Wagtail's document field checks the size (and the multiple uploader checks it in the
        # browser before sending) from these attributes.
        limit = max_upload_bytes()
        field.max_upload_size = limit
        field.max_upload_size_text = filesizeformat(limit)
        field.error_messages["file_too_large"] = _(
            "This file is too big (%(file_size)s). The largest file you can upload is "
            "%(max_filesize)s."
        )
        field.error_messages["file_too_large_unknown_size"] = _(
            "This file is too big. The largest file you can upload is %(max_filesize)s."
        ) % {"max_filesize": field.max_upload_size_text}
        extensions = allowed_extensions()
        field.help_text = _("%(formats)s; at most %(size)s.") % {
            "formats": ", ".join(e.upper() for e in extensions),
            "size": field.max_upload_size_text,
        }
        field.widget.attrs["accept"] = ",".join(f".{e}" for e in extensions)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):
            return file  # no new upload: the edit form keeps the current file
        name = PurePosixPath(file.name or "").name
        extension = PurePosixPath(name).suffix.lower().lstrip(".")
        extensions = allowed_extensions()
        if extension not in extensions:
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
        found = sniff_file(file)
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
        return file

    def _update_errors(self, errors):
        # The model's own extension check (AbstractDocument.clean) looks at instance.file, and
        # is not wanted here in two cases: after this form refused an upload (the instance then
        # has no file and the model would add 'File extension “” is not allowed' to our
        # message), and in the multiple uploader's details form, which has no file field (the
        # file was checked when uploaded; Django would raise ValueError for the unknown field).
        if hasattr(errors, "error_dict") and ("file" not in self.fields or "file" in self._errors):
            remaining = {k: v for k, v in errors.error_dict.items() if k != "file"}
            if not remaining:
                return
            errors = ValidationError(remaining)
        super()._update_errors(errors)
