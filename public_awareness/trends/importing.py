"""Import a data release: preview what would change, then apply it in one transaction.

Suppression happens here, before anything is stored: a count from 1 to the threshold
(PORTAL_SUPPRESSION_THRESHOLD) is never kept, and nor is a value or denominator it could
be derived from.

Releases can be big (a million rows imports in well under a minute on PostgreSQL; see
scripts/bench_trends.py), so the per-row work is kept lean: current observations are read as
tuples and only for the indicators, places and periods in the file, and on PostgreSQL the new
rows are streamed in with COPY rather than INSERTs.
"""

import hashlib
import json
from dataclasses import dataclass, field
from itertools import chain, islice

from django.conf import settings
from django.db import connection, transaction

from . import parsers
from .indicators import DIALECT_SOURCES, KNOWN_INDICATORS
from .models import DataRelease, Footnote, Indicator, Observation

COMPARED_FIELDS = ("value", "numerator", "denominator", "suppressed", "footnotes")
#: Rows per INSERT or UPDATE statement.
BATCH_SIZE = 5000


@dataclass
class ImportPlan:
    filename: str
    dialect: str | None = None
    already_imported: bool = False
    rows_read: int = 0
    new: list = field(default_factory=list)
    revised: list = field(default_factory=list)  # (current Observation, row, new values)
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


def _suppressed(row, threshold, is_count):
    """The row as it may be stored: small counts blanked, with whatever could reveal them
    (``threshold``: PORTAL_SUPPRESSION_THRESHOLD, looked up once a file).

    A count from 1 to the threshold is suppressed whether it is the numerator, the denominator,
    the difference between them (those who did *not* get the care) or, for a count indicator,
    the value itself; the value, numerator and denominator are then all left empty, because
    any one of them with another published figure could give the count back.
    """
    numerator, denominator = row.numerator, row.denominator
    if (
        (numerator is not None and 1 <= numerator <= threshold)
        or (denominator is not None and 1 <= denominator <= threshold)
        or (
            numerator is not None
            and denominator is not None
            and 1 <= denominator - numerator <= threshold
        )
        or (is_count and row.value is not None and 1 <= row.value <= threshold)
    ):
        return {"value": None, "numerator": None, "denominator": None, "suppressed": True}
    return {
        "value": row.value,
        "numerator": numerator,
        "denominator": denominator,
        "suppressed": row.suppressed,
    }


@parsers.collector_paused()  # a big file's plan makes millions of objects: see there
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
    codes = {row.indicator for row in result.rows}
    unknown = codes - allowed
    if unknown:
        plan.errors.append(
            parsers.RowError(0, "indicator", f"Unknown indicators: {sorted(unknown)}")
        )
    if plan.errors:
        return plan

    threshold = settings.PORTAL_SUPPRESSION_THRESHOLD
    counted = {code for code, unit in units.items() if unit == "count"}
    current = _current_observations(codes, result.rows)
    new, revised_keys = plan.new, []
    for row in result.rows:
        values = _suppressed(row, threshold, row.indicator in counted)
        values["footnotes"] = list(row.footnotes)
        existing = current.get(row[:5]) if current else None  # row[:5] is parsers' row.key
        if existing is None:
            new.append((row, values))
        elif existing[1:] != tuple(values[name] for name in COMPARED_FIELDS):
            revised_keys.append((existing[0], row, values))
        else:
            plan.unchanged += 1
    if revised_keys:
        # Model instances only for revised rows: callers show their old values.
        objects = Observation.objects.select_related("indicator").in_bulk(
            [pk for pk, _, _ in revised_keys]
        )
        plan.revised = [(objects[pk], row, values) for pk, row, values in revised_keys]
    plan.checksum = checksum
    return plan


def _current_observations(codes, rows):
    """Current observations the rows could revise: row key → (pk, *COMPARED_FIELDS).

    Tuples, not model instances (a release may revise a million rows), and only for the
    file's indicators, places and periods, so that a weekly update does not read ten years.
    """
    indicators = dict(Indicator.objects.filter(code__in=codes).values_list("pk", "code"))
    if not indicators or not Observation.objects.filter(indicator__in=indicators).exists():
        return {}  # nothing stored yet for these indicators: every row is new
    starts = [row.period_start for row in rows]
    fields = ("indicator", "geography", "stratum", "period_start", "period_end")
    current = Observation.objects.filter(
        is_current=True,
        indicator__in=indicators,
        geography__in={row.geography for row in rows},
        period_start__range=(min(starts), max(starts)),
    ).values_list(*fields, "pk", *COMPARED_FIELDS)
    return {
        (indicators[found[0]], *found[1:5]): found[5:]
        for found in current.iterator(chunk_size=5000)
    }


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
    revised = iter([existing.pk for existing, _, _ in plan.revised])
    while batch := list(islice(revised, BATCH_SIZE)):  # bounded IN lists, for SQLite
        Observation.objects.filter(pk__in=batch).update(is_current=False)
    rows = chain(plan.new, ((row, values) for _, row, values in plan.revised))
    indicator_ids = {code: indicator.pk for code, indicator in indicators.items()}
    if connection.vendor == "postgresql":
        _copy_observations(rows, indicator_ids, release.pk)
    else:
        Observation.objects.bulk_create(
            (
                Observation(
                    indicator_id=indicator_ids[row.indicator],
                    release=release,
                    geography=row.geography,
                    stratum=row.stratum,
                    period_start=row.period_start,
                    period_end=row.period_end,
                    **values,
                )
                for row, values in rows
            ),
            batch_size=BATCH_SIZE,
        )
    plan.release = release
    return plan


#: The columns COPY fills, in the order _copy_observations writes them.
COPY_FIELDS = (
    "indicator",
    "release",
    "geography",
    "stratum",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "footnotes",
    "is_current",
)


def _copy_observations(rows, indicator_ids, release_id):
    """Store (row, values) pairs with PostgreSQL's COPY, in the current transaction.

    Several times faster than bulk_create's INSERTs: no model instances, no SQL text to build
    and parse, one stream to the server.
    """
    opts, quote = Observation._meta, connection.ops.quote_name
    columns = ", ".join(quote(opts.get_field(name).column) for name in COPY_FIELDS)
    sql = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(sql) as copy,
    ):
        write = copy.write_row
        for row, values in rows:
            notes = values["footnotes"]
            write(
                (
                    indicator_ids[row.indicator],
                    release_id,
                    row.geography,
                    row.stratum,
                    row.period_start,
                    row.period_end,
                    values["value"],
                    values["numerator"],
                    values["denominator"],
                    values["suppressed"],
                    json.dumps(notes) if notes else "[]",
                    True,
                )
            )


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
