"""What the portal knows about a user beyond their login."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organizations import MemberOrganization


class UserProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organization = models.ForeignKey(
        MemberOrganization,
        verbose_name=_("member organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("Confirmed by consortium staff; grants access to members-only material."),
    )
    requested_organization = models.ForeignKey(
        MemberOrganization,
        verbose_name=_("organization named at sign-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("What the user said at sign-up; not trusted until staff confirm it."),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.email or self.user.get_username()

    @property
    def email(self):
        return self.user.email

    @property
    def member_organization(self):
        """The organization whose membership this user may act on, if any."""
        if self.organization_id and self.organization.is_active:
            return self.organization
        return None

    @property
    def awaiting_confirmation(self):
        return bool(self.requested_organization_id) and (
            self.requested_organization_id != self.organization_id
        )
