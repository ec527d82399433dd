"""The figures behind the charts, read in a fixed number of queries: every submitted value of
the measures asked for, of every site, in one query (however many sites, measures and months),
and the sites, definitions, site definition changes and PDSA cycles in one query each.

Only SUBMITTED months count: a draft is the data manager's work in progress. The all-patients
figure of a month is what is charted; strata are shown beside it, never summed into it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .chart_privacy import Cell
from .models import (
    CollaborativeSite,
    Measure,
    MeasureDefinition,
    MeasureValue,
    PDSACycle,
    SiteDefinitionChange,
    Stratum,
    Submission,
)


@dataclass(frozen=True)
class StratumLabel:
    pk: int
    code: str
    label: str
    stratification: str


@dataclass
class Month:
    """One site's figures of one measure for one month."""

    total: Cell | None = None
    strata: dict[int, Cell] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


@dataclass
class Dataset:
    measures: list
    sites: dict[int, CollaborativeSite]
    # measure id -> site id -> period -> Month
    values: dict[int, dict[int, dict]]
    # site id -> [SiteDefinitionChange]; site id -> [PDSACycle] (with `measure_ids`)
    site_changes: dict[int, list]
    pdsa: dict[int, list]
    strata: dict[int, list]  # measure id -> [StratumLabel] in order

    def months(self, measure, site):
        """{period: Month} of one site's submitted months of a measure."""
        return self.values.get(measure.pk, {}).get(site.pk, {})

    def by_site(self, measure):
        """{site id: {period: Month}} of a measure."""
        return self.values.get(measure.pk, {})

    def changes_for(self, site, measure):
        return [
            change
            for change in self.site_changes.get(site.pk, ())
            if change.measure_id in (None, measure.pk)
        ]

    def cycles_for(self, site, measure):
        """The site's PDSA cycles meant to move this measure, or every measure (none named)."""
        return [
            cycle
            for cycle in self.pdsa.get(site.pk, ())
            if not cycle.measure_ids or measure.pk in cycle.measure_ids
        ]


def measures_queryset():
    definitions = MeasureDefinition.objects.order_by("effective_from")
    return Measure.objects.select_related("measure_set").prefetch_related(
        Prefetch("definitions", queryset=definitions)
    )


def load(measures, *, site=None, strata=False, site_notes=True):
    """The figures of ``measures`` (Measure instances, definitions prefetched) for every site,
    their strata if asked, and (with ``site_notes``) the site definition changes and PDSA
    cycles of ``site``, or of every site."""
    measures = list(measures)
    ids = [measure.pk for measure in measures]
    sites = {s.pk: s for s in CollaborativeSite.objects.select_related("organisation")}
    rows = MeasureValue.objects.filter(
        measure_id__in=ids, submission__status=Submission.Status.SUBMITTED
    )
    if not strata:
        rows = rows.filter(stratum__isnull=True)
    values = defaultdict(lambda: defaultdict(dict))
    kinds = {measure.pk: measure.kind for measure in measures}
    for (
        measure_id,
        site_id,
        period,
        stratum_id,
        category,
        num,
        den,
        count,
        text,
    ) in rows.values_list(
        "measure_id",
        "submission__site_id",
        "submission__period",
        "stratum_id",
        "category",
        "numerator",
        "denominator",
        "count",
        "text",
    ):
        month = values[measure_id][site_id].setdefault(period, Month())
        _add_value(month, kinds[measure_id], stratum_id, category, num, den, count, text)

    site_changes, pdsa = defaultdict(list), defaultdict(list)
    if site_notes:
        changes = SiteDefinitionChange.objects.order_by("effective_from", "pk")
        cycles = PDSACycle.objects.order_by("started_on", "pk").prefetch_related("measures")
        if site is not None:
            changes, cycles = changes.filter(site=site), cycles.filter(site=site)
        for change in changes:
            site_changes[change.site_id].append(change)
        for cycle in cycles:
            cycle.measure_ids = {m.pk for m in cycle.measures.all()}
            pdsa[cycle.site_id].append(cycle)

    strata_by_measure = {}
    if strata:
        stratified = Stratum.objects.filter(stratification__measures__in=ids).values_list(
            "stratification__measures", "pk", "code", "label", "stratification__name"
        )
        for measure_id, pk, code, label, stratification in stratified.order_by(
            "stratification__name", "sort_order", "pk"
        ):
            strata_by_measure.setdefault(measure_id, []).append(
                StratumLabel(pk, code, label, stratification)
            )
    return Dataset(
        measures=measures,
        sites=sites,
        values={m: dict(by_site) for m, by_site in values.items()},
        site_changes=dict(site_changes),
        pdsa=dict(pdsa),
        strata=strata_by_measure,
    )


def _add_value(month, kind, stratum_id, category, numerator, denominator, count, text):
    if kind == Measure.Kind.RATIO:
        if numerator is None or denominator is None:
            return
        cell = Cell(numerator, denominator)
    elif kind == Measure.Kind.COUNT:
        if count is None:
            return
        cell = Cell(count)
    elif kind == Measure.Kind.CATEGORICAL:
        if stratum_id is None and category and count is not None:
            month.categories[category] = count
            month.total = Cell(sum(month.categories.values()))
        return
    else:
        if stratum_id is None and text.strip():
            month.texts.append(text)
        return
    if stratum_id is None:
        month.total = cell
    else:
        month.strata[stratum_id] = cell
