"""A person's request to be confirmed as staff of a member organization, and its answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .organizations import MemberOrganization


class OrganizationRequest(models.Model):
    """Made when someone names an organization at sign-up or on their profile; consortium staff
    with the permission approve or decline it in the admin (Members → Organization requests).
    Answered requests are kept: who decided what, when, and why."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for consortium staff")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the person")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="organization_requests",
    )
    organization = models.ForeignKey(
        MemberOrganization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason given"), blank=True)

    class Meta:
        ordering = ["requested_at"]
        verbose_name = _("organization request")
        verbose_name_plural = _("organization requests")
        permissions = [
            ("decide_organizationrequest", "Can approve or decline organization requests")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="portal_one_pending_organization_request",
            )
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.email} → {self.organization}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING
