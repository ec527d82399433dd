"""Discussion threads and posts: plain text (links made safe when shown), edited by their
authors, hidden by chairs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_POST_CHARS = 10_000


class Thread(models.Model):
    work_group = models.ForeignKey(
        "workgroups.WorkGroup", on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-last_post_at"]
        verbose_name = _("discussion thread")

    def __str__(self):
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MAX_POST_CHARS)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")

    def __str__(self):
        return f"{self.thread}: {self.body[:40]}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None
