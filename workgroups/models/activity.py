"""What happened in a group, newest first: the group home's stream and the notification
e-mails read these rows, one query a page, whatever the number of posts, meetings or files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMMENT = "comment", _("Comment")
        POST = "post", _("Post")
        MEETING = "meeting", _("Meeting")
        FILE = "file", _("File")
        MEMBER = "member", _("Membership")

    work_group = models.ForeignKey(
        "workgroups.WorkGroup", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A sentence already written for members ("Ana Silva posted in “Triage wording”").
    summary = models.CharField(max_length=300)
    # The path of the thing inside the group's space (or the admin, for drafts).
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["work_group", "-created_at"], name="workgroups_recent_activity")
        ]

    def __str__(self):
        return self.summary


class Mention(models.Model):
    """A member named with @ in a comment or a post: shown to them in the space until they
    open it, and e-mailed as their notification setting says (workgroups.notifications)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_group_mentions"
    )
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-activity__created_at", "-pk"]
        verbose_name = _("mention")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"], name="workgroups_one_mention_per_activity"
            )
        ]

    def __str__(self):
        return f"{self.user} in {self.activity}"
