"""Forms of the admin's data-release import: the upload, and the confirm/cancel of a preview."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from . import parsers

#: How the formats read in the admin; a format missing here is shown by its code.
DIALECT_LABELS = {
    "cms-state": _("CMS Timely and Effective Care – State"),
    "cms-national": _("CMS Timely and Effective Care – National"),
    "cms-hospital": _("CMS Timely and Effective Care – Hospital"),
    "nchs-weekly": _("NCHS Weekly Counts of Deaths by State and Select Causes"),
    "tidy": _("Tidy CSV (the portal's own format)"),
}

#: How many bytes are read to tell a CSV file from a binary one.
SNIFF_BYTES = 8192

#: Opening bytes of files that staff upload by mistake, and what they are.
BINARY_SIGNATURES = (
    (b"PK\x03\x04", _("an Excel workbook (.xlsx) or a ZIP archive")),
    (b"\xd0\xcf\x11\xe0", _("an old Excel workbook (.xls)")),
    (b"%PDF-", _("a PDF document")),
    (b"\x89PNG", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"GIF8", _("a GIF image")),
    (b"\x1f\x8b", _("a gzip archive")),
)

#: The token of an upload waiting for confirmation (secrets.token_urlsafe(32)).
UPLOAD_TOKEN_REGEX = r"^[A-Za-z0-9_-]{43}$"  # noqa: S105 - a pattern, not a secret


def dialect_label(dialect):
    return DIALECT_LABELS.get(dialect, dialect or "")


def too_large_message(max_bytes):
    return _(
        "The file is larger than %(limit)s, the most the portal accepts in one upload. "
        "Split it into smaller files and import them one by one."
    ) % {"limit": filesizeformat(max_bytes)}


def not_csv_reason(head):
    """Why these opening bytes cannot be a CSV file, or None if they may be one."""
    for signature, kind in BINARY_SIGNATURES:
        if head.startswith(signature):
            return _(
                "This is not a CSV file: it looks like %(kind)s. Open it in the program that "
                "made it, save it as CSV (comma-delimited, UTF-8) and upload that file."
            ) % {"kind": kind}
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _(
            "This file is saved as UTF-16 text. Save it as CSV (comma-delimited, UTF-8) and "
            "upload that file."
        )
    if b"\x00" in head:
        return _(
            "This is not a CSV file: it contains binary data. Save the data as CSV "
            "(comma-delimited, UTF-8) and upload that file."
        )
    return None


class ImportReleaseForm(forms.Form):
    file = forms.FileField(
        label=_("Data file"),
        error_messages={
            "required": _("Choose a CSV file to import."),
            "empty": _("The file is empty. Choose a CSV file with a header row and data."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )
    dialect = forms.ChoiceField(
        label=_("Format"),
        required=False,
        help_text=_("Leave as it is unless the file's header is not recognized."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=255,
        required=False,
        help_text=_(
            "Who published the file and under which dataset name. Leave blank to use the "
            "format's own (for CMS and NCHS files)."
        ),
    )
    released_on = forms.DateField(
        label=_("Release date"),
        required=False,
        widget=AdminDateInput,
        help_text=_("When the publisher released this file, if known."),
    )

    def __init__(self, *args, max_bytes, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["dialect"].choices = [("", _("Recognize from the header"))] + [
            (dialect, dialect_label(dialect)) for dialect in parsers.DIALECTS
        ]
        self.fields["file"].help_text = _(
            "A CMS Timely and Effective Care or NCHS weekly deaths release, or a tidy CSV; "
            "up to %(limit)s. Nothing is imported until you have seen the preview and "
            "confirmed it."
        ) % {"limit": filesizeformat(max_bytes)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(too_large_message(self.max_bytes), code="too_large")
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        upload.seek(0)
        reason = not_csv_reason(head)
        if reason:
            raise forms.ValidationError(reason, code="not_csv")
        return upload

    def clean_dialect(self):
        return self.cleaned_data["dialect"] or None


class PendingImportForm(forms.Form):
    """The token of an upload being confirmed or canceled."""

    token = forms.RegexField(regex=UPLOAD_TOKEN_REGEX, widget=forms.HiddenInput)
