"""Work groups, their memberships and invitations.

Each work group owns three Django groups, kept in step with its memberships by
workgroups.membership:
- `readers`: every member, observers included. The group's space page and file collection
  are restricted to it (and to consortium staff), so Wagtail's own privacy checks apply.
- `editors`: members and chairs. Page permissions on the space (add and edit drafts, never
  publish) and document permissions on the group's collection.
- `chairs`: the first review step of the group's drafts (a Wagtail workflow task).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class WorkGroup(index.Indexed, models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    charge = models.TextField(_("charge"), help_text=_("What the group was set up to do."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("An archived group stays readable for its members and becomes read-only."),
    )
    readers = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="work_group_readers", editable=False
    )
    editors = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="work_group_editors", editable=False
    )
    chairs = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="work_group_chairs", editable=False
    )
    space = models.OneToOneField(
        "workgroups.WorkGroupSpacePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="work_group",
        editable=False,
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.PROTECT,
        related_name="work_group",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("charge"), FieldPanel("status")]
    search_fields = [index.SearchField("name"), index.SearchField("charge")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("work group")
        permissions = [
            ("oversee_workgroups", _("Can see inside every work group (consortium staff)")),
        ]

    def __str__(self):
        return self.name

    @property
    def is_archived(self):
        return self.status == self.Status.ARCHIVED


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    class Notifications(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        NONE = "none", _("No e-mails")

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_group_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    notifications = models.CharField(
        _("e-mail notifications"),
        max_length=12,
        choices=Notifications.choices,
        default=Notifications.DAILY,
    )
    # Digests cover activity after this moment; set when a digest is sent (or on joining).
    digest_covered_until = models.DateTimeField(default=timezone.now)
    # When the member last opened the group's home: what is new is what came after it.
    last_visited_at = models.DateTimeField(null=True, blank=True, editable=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["work_group", "role", "user__last_name"]
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["work_group", "user"], name="workgroups_one_membership")
        ]

    def __str__(self):
        return f"{self.user} in {self.work_group} ({self.get_role_display()})"


def new_invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A single-use invitation, bound to one e-mail address, valid for 28 days."""

    VALID_FOR = timezone.timedelta(days=28)

    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    # Only a hash is stored: a copy of the database does not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self):
        return f"{self.email} → {self.work_group}"

    @property
    def is_open(self):
        unused = self.accepted_at is None and self.revoked_at is None
        return unused and timezone.now() < self.expires_at


class JoinRequest(models.Model):
    """A member organization's staff member asking to join a group; its chairs (or consortium
    staff) accept or decline it. One pending request per person and group."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    MESSAGE_MAX_LENGTH = 500

    work_group = models.ForeignKey(
        WorkGroup, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_group_join_requests"
    )
    message = models.TextField(_("message"), blank=True, max_length=MESSAGE_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("request to join")
        constraints = [
            models.UniqueConstraint(
                fields=["work_group", "user"],
                condition=models.Q(status="pending"),
                name="workgroups_one_pending_join_request",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.work_group} ({self.status})"
