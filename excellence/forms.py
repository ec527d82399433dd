"""The excellence report form: who, where, what, why, themes and the reporter's consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import MemberOrganization

from .models import ExcellenceReport


class ExcellenceReportForm(forms.ModelForm):
    no_patient_information = forms.BooleanField(
        label=_("I have left out everything that could identify a patient."),
        error_messages={"required": _("Confirm that the report holds no patient information.")},
    )

    class Meta:
        model = ExcellenceReport
        fields = [
            "recognized_kind",
            "recognized_name",
            "recognized_email",
            "organization",
            "unit",
            "what_they_did",
            "why_it_mattered",
            "themes",
            "reporter_may_be_named",
            "may_be_shared",
        ]
        widgets = {
            "recognized_kind": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "what_they_did": forms.Textarea(attrs={"rows": 6}),
            "why_it_mattered": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "what_they_did": _(
                "What you saw, in your own words: the actions, the timing, the teamwork."
            ),
            "why_it_mattered": _("What difference it made to the patient, the team or the unit."),
        }

    def __init__(self, *args, reporter_organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = MemberOrganization.objects.filter(is_active=True)
        self.fields["organization"].empty_label = _("Choose the organization")
        if reporter_organization is not None and not self.is_bound:
            self.initial.setdefault("organization", reporter_organization.pk)
        self.fields["themes"].help_text = _("Choose any that fit; staff may add others.")
