"""The collaborative's pooled months (models.PooledFigure), kept up to date.

Every change to what the collaborative pools calls `refresh` in its own transaction: a month
submitted or reopened (collaborative.submissions), a site's simulated flag or a site removed,
a measure's kind changed (collaborative.signals), the demonstration loaded. Only submitted
months count, and a submitted month's figures change only through those paths (an upload
never changes a submitted month). After changing the figures any other way (a database shell),
run `manage.py refresh_pooled_figures`.

The sums are the database's: one grouped query for the all-patients figures and one for the
strata of the months asked for."""

from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum

from . import models as app_models

SUBMITTED, RATIO, COUNT = "submitted", "ratio", "count"
BATCH_SIZE = 1000


def refresh(*, periods=None, measures=None, models=None):
    """Recompute the pooled figures of ``periods`` (dates; None: every month) and ``measures``
    (ids; None: every measure) from the submitted figures. ``models``: the app's models by
    name (a migration's historical ones); by default the app's own."""
    models = models or app_models
    with transaction.atomic():
        kept = models.PooledFigure.objects.all()
        if periods is not None:
            kept = kept.filter(period__in=periods)
        if measures is not None:
            kept = kept.filter(measure_id__in=measures)
        kept.delete()
        models.PooledFigure.objects.bulk_create(
            _pooled_figures(models, periods, measures), batch_size=BATCH_SIZE
        )


def _pooled_figures(models, periods, measures):
    kinds = dict(models.Measure.objects.filter(kind__in=(RATIO, COUNT)).values_list("pk", "kind"))
    if measures is not None:
        kinds = {pk: kind for pk, kind in kinds.items() if pk in set(measures)}
    ratios = [pk for pk, kind in kinds.items() if kind == RATIO]
    counts = [pk for pk, kind in kinds.items() if kind == COUNT]
    values = models.MeasureValue.objects.filter(
        Q(measure_id__in=ratios, numerator__isnull=False, denominator__isnull=False)
        | Q(measure_id__in=counts, count__isnull=False),
        submission__status=SUBMITTED,
    )
    if periods is not None:
        values = values.filter(submission__period__in=periods)
    # A stratum counts only beside the all-patients figure of its site's month.
    totals = values.filter(
        stratum__isnull=True,
        submission_id=OuterRef("submission_id"),
        measure_id=OuterRef("measure_id"),
    )
    grouped = (
        values.filter(Q(stratum__isnull=True) | Exists(totals))
        .values_list("measure_id", "submission__period", "stratum_id")
        .annotate(
            sites=Count("pk"),
            simulated=Count("pk", filter=Q(submission__site__simulated=True)),
            numerators=Sum("numerator"),
            denominators=Sum("denominator"),
            counts=Sum("count"),
            most_numerator=Max("numerator"),
            most_denominator=Max("denominator"),
            most_left=Max(F("denominator") - F("numerator")),
            most_count=Max("count"),
        )
        .order_by()
    )
    for measure_id, period, stratum_id, sites, simulated, num, den, count, *most in grouped:
        ratio = kinds[measure_id] == RATIO
        yield models.PooledFigure(
            measure_id=measure_id,
            period=period,
            stratum_id=stratum_id,
            sites=sites,
            simulated_sites=simulated,
            numerator=num if ratio else None,
            denominator=den if ratio else None,
            count=None if ratio else count,
            most_numerator=most[0] if ratio else None,
            most_denominator=most[1] if ratio else None,
            most_left=most[2] if ratio else None,
            most_count=None if ratio else most[3],
        )
