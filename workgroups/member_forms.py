"""Forms of the members and settings pages. They only check input; the changes themselves are
made by workgroups.invitations and workgroups.membership."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import invitations
from .models import JoinRequest, Membership

ROLE_ERRORS = {
    "required": _("Choose a role: chair, member or observer."),
    "invalid_choice": _("Choose a role: chair, member or observer."),
}


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The invitation works only for an account with this address."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        error_messages=ROLE_ERRORS,
    )

    def __init__(self, *args, work_group, **kwargs):
        kwargs.setdefault("auto_id", "id_invite_%s")
        super().__init__(*args, **kwargs)
        self.work_group = work_group

    def clean_email(self):
        email = invitations.normalize_email(self.cleaned_data["email"])
        try:
            invitations.check_invitable(self.work_group, email)
        except invitations.InvitationError as error:
            raise forms.ValidationError(str(error)) from error
        return email


class RoleForm(forms.Form):
    """One member's role, in their row of the members table."""

    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, error_messages=ROLE_ERRORS
    )

    def __init__(self, *args, membership, **kwargs):
        # Every row has its own form: keep the ids on the page unique.
        kwargs.setdefault("auto_id", f"id_membership_{membership.pk}_%s")
        kwargs.setdefault("initial", {"role": membership.role})
        super().__init__(*args, **kwargs)
        self.membership = membership


class NotificationsForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["notifications"]
        labels = {"notifications": _("E-mail me about this group’s activity")}
        widgets = {"notifications": forms.RadioSelect}


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the chairs (optional)"),
        required=False,
        max_length=JoinRequest.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say briefly what you would bring to the group."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, sent to them)"),
        required=False,
        max_length=JoinRequest.MESSAGE_MAX_LENGTH,
    )
