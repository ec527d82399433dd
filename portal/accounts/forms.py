from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MemberOrganization
from ..organization_requests import name_organization


class PersonForm(forms.Form):
    """Who a person is and which member organization they say they work for."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organization = forms.ModelChoiceField(
        label=_("Member organization you work for"),
        queryset=MemberOrganization.objects.filter(is_active=True),
        required=False,
        empty_label=_("None, or not listed"),
        help_text=_("Consortium staff confirm this before it opens members-only material."),
    )


class SignupExtraFieldsForm(PersonForm):
    """Extra sign-up questions; allauth calls signup() after creating the user."""

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        if self.cleaned_data["organization"] is not None:
            name_organization(user, self.cleaned_data["organization"])


class ProfileForm(PersonForm):
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)

    field_order = ["first_name", "last_name", "job_title", "organization"]
