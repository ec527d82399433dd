"""Import a data release: preview what would change, then apply it in one transaction.

Suppression happens here, before anything is stored: a count from 1 to the threshold
(PORTAL_SUPPRESSION_THRESHOLD) is never kept, and nor is a value or denominator it could
be derived from.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from . import parsers
from .indicators import DIALECT_SOURCES, KNOWN_INDICATORS
from .models import DataRelease, Footnote, Indicator, Observation

COMPARED_FIELDS = ("value", "numerator", "denominator", "suppressed", "footnotes")


@dataclass
class ImportPlan:
    filename: str
    dialect: str | None = None
    already_imported: bool = False
    rows_read: int = 0
    new: list = field(default_factory=list)
    revised: list = field(default_factory=list)  # (current Observation, new values)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    release: DataRelease | None = None
    checksum: str = ""
    source: str = ""
    released_on: object = None

    @property
    def ok(self):
        return not self.errors


def suppress_small_counts(row, unit):
    """The row as it may be stored: small counts blanked, with whatever could reveal them.

    A count from 1 to the threshold is suppressed whether it is the numerator, the denominator,
    the difference between them (those who did *not* get the care) or, for a count indicator,
    the value itself; the value, numerator and denominator are then all left empty, because
    any one of them with another published figure could give the count back.
    """
    threshold = settings.PORTAL_SUPPRESSION_THRESHOLD
    small = lambda number: number is not None and 1 <= number <= threshold  # noqa: E731
    numerator, denominator = row.numerator, row.denominator
    difference = (
        denominator - numerator if numerator is not None and denominator is not None else None
    )
    count_value = row.value if unit == "count" else None
    if any(small(n) for n in (numerator, denominator, difference, count_value)):
        return {"value": None, "numerator": None, "denominator": None, "suppressed": True}
    return {
        "value": row.value,
        "numerator": numerator,
        "denominator": denominator,
        "suppressed": row.suppressed,
    }


def plan_import(data, filename, *, dialect=None, source="", released_on=None):
    """What importing these bytes would do, without changing anything."""
    plan = ImportPlan(filename=filename, released_on=released_on)
    checksum = hashlib.sha256(data).hexdigest()
    if DataRelease.objects.filter(checksum=checksum).exists():
        plan.already_imported = True
        return plan
    # Units decide what is a count; an editor's own indicators are in the database only.
    units = {code: spec["unit"] for code, spec in KNOWN_INDICATORS.items()}
    units.update(Indicator.objects.values_list("code", "unit"))
    allowed = set(units)
    result = parsers.parse(data, dialect=dialect, filename=filename, allowed_indicators=allowed)
    plan.dialect, plan.rows_read = result.dialect, result.row_count
    plan.source = source or DIALECT_SOURCES.get(result.dialect, "")
    plan.errors, plan.warnings = list(result.errors), list(result.warnings)
    unknown = {row.indicator for row in result.rows} - allowed
    if unknown:
        plan.errors.append(
            parsers.RowError(0, "indicator", f"Unknown indicators: {sorted(unknown)}")
        )
    if plan.errors:
        return plan

    codes = {row.indicator for row in result.rows}
    current = {
        (o.indicator.code, o.geography, o.stratum, o.period_start, o.period_end): o
        for o in Observation.objects.filter(is_current=True, indicator__code__in=codes)
        .select_related("indicator")
        .iterator(chunk_size=5000)
    }
    for row in result.rows:
        values = {
            **suppress_small_counts(row, units[row.indicator]),
            "footnotes": list(row.footnotes),
        }
        key = (row.indicator, row.geography, row.stratum, row.period_start, row.period_end)
        existing = current.get(key)
        if existing is None:
            plan.new.append((row, values))
        elif any(getattr(existing, name) != values[name] for name in COMPARED_FIELDS):
            plan.revised.append((existing, row, values))
        else:
            plan.unchanged += 1
    plan.checksum = checksum
    return plan


@transaction.atomic
def apply_import(plan, *, user=None):
    """Store a plan made by plan_import: all of it, or (on any error) nothing."""
    if not plan.ok or plan.already_imported:
        return plan
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code in {row.indicator for row, _ in plan.new} | {
        row.indicator for _, row, _ in plan.revised
    }:
        if code not in indicators:
            indicators[code] = Indicator.objects.create(code=code, **KNOWN_INDICATORS[code])
    release = DataRelease.objects.create(
        filename=plan.filename,
        checksum=plan.checksum,
        dialect=plan.dialect,
        source=plan.source,
        released_on=plan.released_on,
        imported_by=user,
        rows_read=plan.rows_read,
        observations_new=len(plan.new),
        observations_revised=len(plan.revised),
        observations_unchanged=plan.unchanged,
    )
    Observation.objects.filter(pk__in=[existing.pk for existing, _, _ in plan.revised]).update(
        is_current=False
    )
    rows = [(row, values) for row, values in plan.new] + [
        (row, values) for _, row, values in plan.revised
    ]
    Observation.objects.bulk_create(
        (
            Observation(
                indicator=indicators[row.indicator],
                release=release,
                geography=row.geography,
                stratum=row.stratum,
                period_start=row.period_start,
                period_end=row.period_end,
                **values,
            )
            for row, values in rows
        ),
        batch_size=5000,
    )
    plan.release = release
    return plan


def import_release(
    data, filename, *, dialect=None, source="", released_on=None, user=None, dry_run=False
):
    plan = plan_import(data, filename, dialect=dialect, source=source, released_on=released_on)
    return plan if dry_run else apply_import(plan, user=user)


@transaction.atomic
def import_footnotes(data):
    """Load a footnote crosswalk: (created, updated, errors). Any error changes nothing."""
    meanings, errors = parsers.parse_footnote_crosswalk(data)
    if errors:
        return 0, 0, errors
    existing = dict(Footnote.objects.values_list("code", "text"))
    created = [Footnote(code=c, text=t) for c, t in meanings.items() if c not in existing]
    changed = {c: t for c, t in meanings.items() if c in existing and existing[c] != t}
    Footnote.objects.bulk_create(created)
    for code, text in changed.items():
        Footnote.objects.filter(code=code).update(text=text)
    return len(created), len(changed), []
