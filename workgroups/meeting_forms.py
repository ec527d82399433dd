"""The meeting form: times typed in the consortium's time zone, attendance from the group's
members, attachments uploaded into the group's collection."""

import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from .file_forms import MultipleFileField, check_upload, title_from_name, upload_help_text
from .meeting_invitations import MOVING_FIELDS
from .models import Meeting
from .templatetags.workgroup_tags import person


def consortium_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class ConsortiumDateTimeField(forms.DateTimeField):
    """A date and time read and shown in the consortium's time zone, whatever zone the request
    is in: everyone in the group plans by the same clock."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        # Django also refuses a time that does not exist or is ambiguous in that zone (the
        # hour skipped or repeated when clocks change), with a message saying so.
        with timezone.override(consortium_zone()):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(consortium_zone()):
            return super().prepare_value(value)


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person(obj)


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class MeetingForm(forms.ModelForm):
    starts_at = ConsortiumDateTimeField(label=_("Starts"))
    ends_at = ConsortiumDateTimeField(label=_("Ends"))
    attendees = PersonChoiceField(
        label=_("Who attended"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    new_attachments = MultipleFileField(label=_("Add attachments"), required=False)
    remove_attachments = DocumentChoiceField(
        label=_("Remove attachments"),
        queryset=get_document_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The files stay in the group's collection."),
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "agenda", "minutes", "attendees"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, work_group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_group = work_group
        self.user = user
        self.attachment_forms = []
        # The group's members, and whoever attended before they left the group (so that
        # saving the form does not erase them from the record).
        members = Q(work_group_memberships__work_group=work_group)
        if self.instance.pk:
            members |= Q(pk__in=self.instance.attendees.values("pk"))
        self.fields["attendees"].queryset = (
            get_user_model()
            .objects.filter(members)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["new_attachments"].help_text = upload_help_text()
        if self.instance.pk:
            self.fields["remove_attachments"].queryset = self.instance.attachments.order_by("title")
        else:
            del self.fields["remove_attachments"]
        # Minutes and attendance are a record of a meeting that has taken place: a meeting
        # that has not started yet has neither, and the form does not ask for them.
        self.has_started = self.instance.has_started()
        if not self.has_started:
            del self.fields["minutes"]
            del self.fields["attendees"]
        self.fields["title"].error_messages["required"] = _("Give the meeting a title.")
        self.fields["starts_at"].help_text = _("In the consortium's time zone (%(zone)s).") % {
            "zone": settings.TIME_ZONE
        }

    def clean_new_attachments(self):
        uploads = self.cleaned_data.get("new_attachments") or []
        errors = []
        self.attachment_forms = []
        for upload in uploads:
            try:
                self.attachment_forms.append(
                    check_upload(
                        upload,
                        title=title_from_name(upload.name),
                        work_group=self.work_group,
                        user=self.user,
                    )
                )
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            # Nothing is saved unless every file passes.
            self.attachment_forms = []
            raise ValidationError(errors)
        return uploads

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting has to end after it starts."))
        if self.has_started and starts and starts > timezone.now():
            recorded = (cleaned.get("minutes") or "").strip() or cleaned.get("attendees")
            if recorded:
                self.add_error(
                    "starts_at",
                    _(
                        "Minutes and attendance are kept only for a meeting that has started: "
                        "remove them before moving the meeting into the future."
                    ),
                )
        return cleaned

    @property
    def moves_meeting(self):
        """Whether saving schedules the meeting or changes its time or place."""
        return self.instance.pk is None or any(name in self.changed_data for name in MOVING_FIELDS)

    @transaction.atomic
    def save(self, commit=True):
        meeting = super().save(commit=False)
        if meeting.pk:
            # Calendar apps take a change only when its SEQUENCE goes up.
            meeting.sequence = F("sequence") + 1
        else:
            meeting.work_group = self.work_group
            meeting.created_by = self.user
        meeting.save()
        meeting.refresh_from_db(fields=["sequence"])
        self.save_m2m()
        documents = [form.save() for form in self.attachment_forms]
        if documents:
            meeting.attachments.add(*documents)
        removed = self.cleaned_data.get("remove_attachments")
        if removed:
            meeting.attachments.remove(*removed)
        return meeting
