"""The document form of the Wagtail admin (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Every way of uploading a document in the admin builds its form from this base: the add and
edit views, the multiple uploader and the chooser's upload tab (and a work group's files page
saves through it too). It refuses a file over DOCUMENT_MAX_UPLOAD_BYTES, and runs the one
check of uploads (documents.validators): a file whose extension the portal does not accept,
whose content is not what its extension says (a .pdf that is really a ZIP archive or an HTML
page, a program renamed .docx), or that carries HTML, SVG or script markup is refused. A file
of the right format that is damaged is accepted: its text extraction fails and the edit view
tells editors why.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .validators import allowed_extensions, max_upload_bytes, validate_upload


class DocumentForm(BaseDocumentForm):
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
        validate_upload(file)
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
        # Private API: ModelForm passes the model's validation errors through _update_errors and
        # offers no public hook to drop one (tests/portal/test_framework_apis checks it still does).
        super()._update_errors(errors)
