"""Uploads into a work group's collection: shared files, their new versions and meeting
attachments.

Every file goes through the portal's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE, the
documents.forms.DocumentForm), and so through the one check of uploads (documents.validators):
a group upload is refused for exactly the reasons a toolkit upload is (format, size, content
that does not match the extension, HTML, SVG or script markup), with the same messages, and
nothing is saved until every check has passed.
"""

from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from documents.validators import allowed_extensions, max_upload_bytes

from .models import FileVersion, SharedFile


def document_form_class():
    return get_document_form(get_document_model(), fields=["title", "file"])


def check_upload(upload, *, title, work_group, user):
    """The bound, valid document form of an upload into the group's collection, ready to
    save; raises ValidationError with the document form's messages otherwise."""
    document = get_document_model()(uploaded_by_user=user)
    form = document_form_class()(
        data={"title": title, "collection": work_group.collection_id},
        files={"file": upload},
        instance=document,
    )
    if not form.is_valid():
        raise ValidationError([message for errors in form.errors.values() for message in errors])
    return form


def upload_help_text():
    return _("%(formats)s; at most %(size)s.") % {
        "formats": get_text_list([e.upper() for e in allowed_extensions()], _("or")),
        "size": filesizeformat(max_upload_bytes()),
    }


def _accept():
    return ",".join(f".{e}" for e in allowed_extensions())


def title_from_name(name):
    """An attachment's title from its file name: "Slides v2.pdf" gives "Slides v2"."""
    return PurePosixPath(name or "").stem[:255] or gettext("Attachment")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none were chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": _accept()}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []

    def has_changed(self, initial, data):
        # The widget gives an empty list when nothing was chosen: that is no change.
        return bool(data) and not self.disabled


class SharedFileForm(forms.Form):
    """A new shared file (title, file, note), or a new version of one (file, note)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=SharedFile._meta.get_field("title").max_length,
        error_messages={"required": _("Give the file a title.")},
    )
    file = forms.FileField(
        label=_("File"), error_messages={"required": _("Choose a file to upload.")}
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=FileVersion._meta.get_field("note").max_length,
        required=False,
        help_text=_("For example: “Added the pediatric criteria.”"),
    )

    def __init__(self, *args, work_group, user, shared_file=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_group = work_group
        self.user = user
        self.shared_file = shared_file
        self.document_form = None
        self.fields["file"].help_text = upload_help_text()
        self.fields["file"].widget.attrs["accept"] = _accept()
        if shared_file is not None:
            del self.fields["title"]
        else:
            self.fields["note"].label = _("Note")
            self.fields["note"].help_text = _("What the file is, or what is new in it.")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or self.errors:
            return cleaned
        title = self.shared_file.title if self.shared_file else cleaned["title"]
        try:
            self.document_form = check_upload(
                upload, title=title, work_group=self.work_group, user=self.user
            )
        except ValidationError as error:
            self.add_error("file", error)
        return cleaned

    @transaction.atomic
    def save(self):
        """The new version (its file a new document; the earlier versions are kept)."""
        shared_file = self.shared_file
        if shared_file is None:
            shared_file = SharedFile.objects.create(
                work_group=self.work_group,
                title=self.cleaned_data["title"],
                created_by=self.user,
            )
            number = 1
        else:
            # Lock the file's row: two uploads at once get consecutive numbers.
            SharedFile.objects.select_for_update().filter(pk=shared_file.pk).first()
            latest = shared_file.versions.aggregate(latest=Max("number"))["latest"] or 0
            number = latest + 1
            shared_file.updated_at = timezone.now()
            shared_file.save(update_fields=["updated_at"])
        document = self.document_form.instance
        if number > 1:
            document.title = gettext("%(title)s (version %(number)s)") % {
                "title": shared_file.title[:220],
                "number": number,
            }
        document = self.document_form.save()
        return FileVersion.objects.create(
            shared_file=shared_file,
            number=number,
            document=document,
            note=self.cleaned_data.get("note", ""),
            uploaded_by=self.user,
        )
