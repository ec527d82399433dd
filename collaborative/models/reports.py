"""Monthly reports as they were sent: each site's, and the collaborative's for staff, kept as a
snapshot so that a past report reads as it did when it went out."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MonthlyReport(models.Model):
    # Empty: the collaborative's report (every site by name), for consortium staff.
    site = models.ForeignKey(
        "collaborative.CollaborativeSite",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    period = models.DateField(_("month reported"))
    html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period", "site"]
        verbose_name = _("monthly report")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "period"],
                condition=Q(site__isnull=False),
                name="collaborative_one_site_report_a_month",
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=Q(site__isnull=True),
                name="collaborative_one_report_a_month",
            ),
        ]

    def __str__(self):
        return f"{self.site.code if self.site else 'Collaborative'} {self.period:%Y-%m}"
