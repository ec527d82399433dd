"""E-mail subscriptions to the news, and the record of every digest sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsSubscription(models.Model):
    """One e-mail address, with or without an account. Nothing is sent to it but the
    confirmation e-mail until it is confirmed (double opt-in); unsubscribing deletes the row."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly digest")
        DAILY = "daily", _("Daily digest, on days with news")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("news subscription")
        verbose_name_plural = _("news subscriptions")
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class NewsDigest(models.Model):
    """A digest sent to a subscriber for one period (the week's Monday, or the day): one row
    per subscriber and period, so that running the digest again sends nothing twice."""

    subscription = models.ForeignKey(
        NewsSubscription, on_delete=models.CASCADE, related_name="digests"
    )
    period = models.DateField(_("period"))
    covered_until = models.DateTimeField(_("news up to"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    # What the e-mail listed: [{"key", "title", "url"}], in order.
    items = models.JSONField(_("items"), default=list)

    class Meta:
        verbose_name = _("news digest sent")
        verbose_name_plural = _("news digests sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="news_one_digest_per_period"
            )
        ]

    def __str__(self):
        return f"{self.subscription.email} {self.period}"
