"""A chart's figures as CSV: exactly what the page shows (hidden figures are empty cells with the
reason in the note), a few "# " lines saying what they are, every cell made formula-safe by
portal.exports."""

import csv
import io

from django.utils.html import strip_tags

from portal.exports import safe_comment, safe_row

from . import access
from .chart_privacy import MIN_SITES

COLUMNS = [
    "month",
    "series",
    "stratum",
    "category",
    "value",
    "numerator",
    "denominator",
    "count",
    "sites_pooled",
    "center_line",
    "lower_limit",
    "upper_limit",
    "signals",
    "text",
    "note",
]


def _number(value):
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _month(period):
    return period.strftime("%Y-%m")


def _counts(cell):
    """(numerator, denominator, count) columns of a figure."""
    if cell is None:
        return "", "", ""
    if cell.denominator is None:
        return "", "", cell.numerator
    return cell.numerator, cell.denominator, ""


def _chart_rows(chart, series_label):
    if chart is None:
        return
    for row in chart.rows:
        point = row["point"]
        numerator, denominator, count = _counts(point.cell)
        notes = [str(row["gap"])] if row["gap"] else []
        if row["phase"]:
            notes.append(f"new phase: {row['phase']}")
        notes += [f"test of change {a.number} began: {a.cycle.title}" for a in row["tests"]]
        yield {
            "month": _month(point.period),
            "series": series_label,
            "value": _number(point.value),
            "numerator": numerator,
            "denominator": denominator,
            "count": count,
            "sites_pooled": point.sites if point.sites is not None else "",
            "center_line": _number(point.center),
            "lower_limit": _number(point.lower),
            "upper_limit": _number(point.upper),
            "signals": "; ".join(point.signals),
            "note": "; ".join(notes),
        }


def _strata_rows(strata, series_label):
    if strata is None:
        return
    for period, label, cell in strata.csv_rows:
        numerator, denominator, count = _counts(cell)
        yield {
            "month": _month(period),
            "series": series_label,
            "stratum": label,
            "value": _number(cell.value) if cell is not None else "",
            "numerator": numerator,
            "denominator": denominator,
            "count": count,
            "note": "" if cell is not None else "not shown",
        }


def _bar_rows(bars, categories, series_label):
    if bars is None:
        return
    labels = dict(categories)
    for period, counts, total in bars.months:
        for code in labels:
            value = counts.get(code)
            shown = total is not None and value is not None
            yield {
                "month": _month(period),
                "series": series_label,
                "category": labels[code],
                "value": _number(100.0 * value / total) if shown and total else "",
                "count": value if shown else "",
                "note": "" if shown else "not shown",
            }


def _aggregate_rows(aggregate):
    if aggregate is None:
        return
    label = "All sites"
    yield from _chart_rows(aggregate.chart, label)
    yield from _strata_rows(aggregate.strata, label)
    yield from _bar_rows(aggregate.bars, aggregate.measure.category_choices, label)


def _write(meta, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for key, value in meta:
        if value:
            out.write(safe_comment(f"# {key}: {' '.join(str(value).split())}") + "\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(safe_row([row.get(column, "") for column in COLUMNS]))
    return out.getvalue()


def _meta(measure, chart, summary, simulated):
    definitions = list(measure.definitions.all())
    current = definitions[-1] if definitions else None
    return [
        ("Measure", f"{measure.code}: {measure.name}"),
        ("Definition", strip_tags(current.operational_definition) if current else ""),
        ("Numerator", measure.numerator_label),
        ("Denominator", measure.denominator_label),
        ("Counted", measure.count_label),
        ("Chart", chart.chart_name if chart else ""),
        ("Summary", summary),
        (
            "Privacy",
            "Figures of the collaborative that other sites or the public see leave out any "
            f"count from 1 to {access.small_cell_max()}, anything it could be worked out from, "
            f"and months with fewer than {MIN_SITES} sites.",
        ),
        ("Simulated", "These figures are simulated for demonstration." if simulated else ""),
    ]


def site_csv(site_chart):
    """The site's measure page as CSV: its series, its strata, the collaborative's beside it,
    the comparison and, for text measures, the month's texts."""
    measure, label = site_chart.measure, site_chart.site_label
    rows = []
    rows += _chart_rows(site_chart.chart, label)
    rows += _strata_rows(site_chart.strata, label)
    rows += _bar_rows(site_chart.bars, measure.category_choices, label)
    rows += _aggregate_rows(site_chart.aggregate)
    comparison = site_chart.comparison
    if comparison is not None:
        for _code, name, value, _own in comparison.rows:
            rows.append(
                {
                    "month": f"{_month(comparison.first)} to {_month(comparison.last)}",
                    "series": name,
                    "value": _number(value),
                    "note": "comparison, months pooled"
                    + ("" if value is not None else "; not shown"),
                }
            )
    for period, texts in site_chart.texts:
        rows += [{"month": _month(period), "series": label, "text": text} for text in texts]
    meta = [("Site", label)] + _meta(
        measure, site_chart.chart, site_chart.summary, site_chart.simulated
    )
    return _write(meta, rows)


def aggregate_csv(aggregate):
    """The collaborative's figures of a measure, as the page that offers them shows them."""
    return _write(
        _meta(aggregate.measure, aggregate.chart, aggregate.summary, aggregate.simulated),
        list(_aggregate_rows(aggregate)),
    )
