from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PooledFigure(models.Model):
    """The collaborative's month of a measure, for all patients or one stratum: the sites'
    submitted figures summed, with how many sites gave one, how many of them are simulated,
    and the largest of each count any one site gave (what chart_privacy.Pooled holds).

    Kept by collaborative.pooling in the transaction that submits or reopens a month, so that
    a page reads one row a month instead of summing every site's figures. Only the figures that
    give the measure's kind count: a ratio's with numerator and denominator, a count's with a
    count; a stratum's only from the sites whose all-patients figure the month pools."""

    measure = models.ForeignKey("collaborative.Measure", on_delete=models.CASCADE, related_name="+")
    period = models.DateField()
    stratum = models.ForeignKey(
        "collaborative.Stratum", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    sites = models.PositiveIntegerField()
    simulated_sites = models.PositiveIntegerField()
    # Sums: numerator and denominator of a ratio, count of a count.
    numerator = models.PositiveBigIntegerField(null=True)
    denominator = models.PositiveBigIntegerField(null=True)
    count = models.PositiveBigIntegerField(null=True)
    # The largest one site gave: numerator, denominator and their difference; count.
    most_numerator = models.PositiveIntegerField(null=True)
    most_denominator = models.PositiveIntegerField(null=True)
    most_left = models.PositiveIntegerField(null=True)
    most_count = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = _("pooled figure")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"],
                condition=Q(stratum__isnull=True),
                name="collaborative_one_pool_for_all",
            ),
            models.UniqueConstraint(
                fields=["measure", "period", "stratum"],
                condition=Q(stratum__isnull=False),
                name="collaborative_one_pool_a_stratum",
            ),
        ]

    def __str__(self):
        return f"{self.measure_id} {self.period:%Y-%m} {self.stratum_id or 'all'}"
