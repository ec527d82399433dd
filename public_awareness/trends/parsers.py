"""Parsers for the public sepsis indicator releases the trend page imports.

Pure Python (standard library only: no Django). :func:`parse` turns the bytes of one CSV file into
validated :class:`Observation` rows, or into errors that name a line and a column. A parse is all
or nothing: when ``ParseResult.errors`` is not empty, ``ParseResult.rows`` is empty and callers
must import nothing.

Dialects
--------
``cms-state``
    CMS Provider Data Catalog, "Timely and Effective Care – State": one row per state × measure.
    Only the sepsis measures are kept (condition "Sepsis Care", or one of :data:`SEPSIS_MEASURES`).
    ``Score`` "Not Available" gives ``value=None`` and ``suppressed=True``, footnotes kept.
``cms-national``
    "Timely and Effective Care – National": the national rate rows become geography ``"US"``.
    The benchmark rows (``SEP_1_NINETIETH`` and so on, "Top ten percent") are *tagged*, not
    dropped: indicator ``SEP_1``, geography ``"US"``, stratum ``"p90"``. Anyone who wants the
    national rate only filters on ``stratum == ""``.
``cms-hospital``
    "Timely and Effective Care – Hospital" (recognized by "Facility ID"): geography is the
    hospital's state, stratum is ``"facility:<Facility ID>"``, and ``Sample`` (when numeric) is
    the denominator.
``nchs-weekly``
    NCHS "Weekly Counts of Deaths by State and Select Causes" (2014–2018, 2019–2020 and the
    provisional releases with "Data As Of"). Indicator ``septicemia_deaths``; the count is the
    ``value``; ``period_end`` is the week ending date and ``period_start`` six days earlier. A
    blank count with a flag (``flag_sept`` = "Suppressed (counts 1-9)") is ``suppressed=True``
    with the flag text as its footnote. Jurisdictions become codes: the states, DC and the
    territories by USPS code, "United States" as ``"US"``, "New York City" as ``"NYC"``. NCHS
    "New York" (``"NY"``) *excludes* New York City, so NY + NYC is the state.
``tidy``
    The portal's own format: ``indicator, geography, stratum, period_start, period_end,
    numerator, denominator, value, footnote``. stratum, numerator, denominator, value and
    footnote may be empty, but every row needs a value or a numerator. Footnotes are separated
    by commas or semicolons.

Columns are found by their normalized names (case, surrounding and doubled spaces ignored; the
NCHS count by the name that starts with "Septicemia"), never by position. Dates may be
M/D/YYYY, MM/DD/YYYY or YYYY-MM-DD.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

__all__ = [
    "DIALECTS",
    "MAX_BYTES",
    "SEPSIS_MEASURES",
    "Observation",
    "ParseResult",
    "RowError",
    "collector_paused",
    "detect_dialect",
    "normalize_name",
    "parse",
    "parse_file",
]

DIALECTS = ("cms-state", "cms-national", "cms-hospital", "nchs-weekly", "tidy")

#: Files larger than this are refused unread.
MAX_BYTES = 200 * 1024 * 1024

#: Errors kept before the rest are summarized in one final error.
MAX_ERRORS = 200

SEPSIS_MEASURES = frozenset({"SEP_1", "SEP_SH_3HR", "SEP_SH_6HR", "SEV_SEP_3HR", "SEV_SEP_6HR"})
SEPSIS_CONDITION = "sepsis care"
NCHS_INDICATOR = "septicemia_deaths"

#: Suffixes of the CMS national benchmark rows and the stratum each becomes.
BENCHMARK_SUFFIXES = {"NINETIETH": "p90"}

#: Scores CMS publishes instead of a number.
NOT_AVAILABLE = frozenset({"not available", "not applicable", "n/a", "na", "--", "-", ""})

STATE_CODES = {
    "Alabama": "AL",
    "Alaska": "AK",
    "Arizona": "AZ",
    "Arkansas": "AR",
    "California": "CA",
    "Colorado": "CO",
    "Connecticut": "CT",
    "Delaware": "DE",
    "District of Columbia": "DC",
    "Florida": "FL",
    "Georgia": "GA",
    "Hawaii": "HI",
    "Idaho": "ID",
    "Illinois": "IL",
    "Indiana": "IN",
    "Iowa": "IA",
    "Kansas": "KS",
    "Kentucky": "KY",
    "Louisiana": "LA",
    "Maine": "ME",
    "Maryland": "MD",
    "Massachusetts": "MA",
    "Michigan": "MI",
    "Minnesota": "MN",
    "Mississippi": "MS",
    "Missouri": "MO",
    "Montana": "MT",
    "Nebraska": "NE",
    "Nevada": "NV",
    "New Hampshire": "NH",
    "New Jersey": "NJ",
    "New Mexico": "NM",
    "New York": "NY",
    "North Carolina": "NC",
    "North Dakota": "ND",
    "Ohio": "OH",
    "Oklahoma": "OK",
    "Oregon": "OR",
    "Pennsylvania": "PA",
    "Rhode Island": "RI",
    "South Carolina": "SC",
    "South Dakota": "SD",
    "Tennessee": "TN",
    "Texas": "TX",
    "Utah": "UT",
    "Vermont": "VT",
    "Virginia": "VA",
    "Washington": "WA",
    "West Virginia": "WV",
    "Wisconsin": "WI",
    "Wyoming": "WY",
    # Territories appear in both CMS and NCHS releases.
    "American Samoa": "AS",
    "Guam": "GU",
    "Northern Mariana Islands": "MP",
    "Puerto Rico": "PR",
    "Virgin Islands": "VI",
    "U.S. Virgin Islands": "VI",
    # Aggregates.
    "United States": "US",
    "New York City": "NYC",
}
GEOGRAPHY_CODES = frozenset(STATE_CODES.values())
_NAME_TO_CODE = {name.casefold(): code for name, code in STATE_CODES.items()}

_UTF8_BOM = b"\xef\xbb\xbf"
_SPACES = re.compile(r"\s+")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_INTEGER = re.compile(r"^[+-]?\d+$")
#: Longest number accepted: beyond it the text is not a plausible count or rate.
MAX_DIGITS = 18
_THOUSANDS = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d*)?$")


class Observation(NamedTuple):
    """One validated value of one indicator, for one place and stratum, over one period.

    Immutable. A named tuple rather than a frozen dataclass: a release may have a million rows,
    and a tuple is several times quicker to make and smaller to keep.
    """

    indicator: str
    geography: str
    stratum: str
    period_start: date
    period_end: date
    value: Decimal | None
    numerator: int | None
    denominator: int | None
    suppressed: bool
    footnotes: tuple[str, ...]
    line: int

    @property
    def key(self) -> tuple[str, str, str, date, date]:
        """What must be unique within a file: the first five fields."""
        return self[:5]


@dataclass(frozen=True)
class RowError:
    """A problem at ``line`` (1 is the header; 0 is the file as a whole) in ``column``."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class ParseResult:
    """The outcome of a parse. ``rows`` is empty whenever ``errors`` is not."""

    dialect: str | None = None
    rows: list[Observation] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Data rows read from the file (excluding the header and blank lines), kept or skipped.
    row_count: int = 0
    #: Whether the header's names are quoted (current CMS releases) or not (older ones).
    header_quoted: bool | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowInvalid(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


# ---------------------------------------------------------------------------------------------
# Header handling


def normalize_name(name: str) -> str:
    """A column name compared by meaning: no BOM, case-folded, single spaces, trimmed."""
    return _SPACES.sub(" ", name.replace("\ufeff", "")).strip().casefold()


def _find(columns: dict[str, str], *, exact: Iterable[str] = (), prefix: str = "") -> str | None:
    """The original name of the first column whose normalized name matches."""
    for wanted in exact:
        if wanted in columns:
            return columns[wanted]
    if prefix:
        for normalized, original in columns.items():
            if normalized.startswith(prefix):
                return original
    return None


def _normalized_columns(header: Iterable[str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for name in header:
        columns.setdefault(normalize_name(name), name)
    return columns


def detect_dialect(header: Iterable[str]) -> str | None:
    """The dialect a header row belongs to, or ``None``.

    Detection looks only at a few signature columns, so that a file of a known dialect with a
    column missing is reported as such (by :func:`parse`) rather than as unrecognized.
    """
    names = set(_normalized_columns(header))
    if "measure id" in names:
        if "facility id" in names:
            return "cms-hospital"
        if "state" in names:
            return "cms-state"
        return "cms-national"
    if "week ending date" in names or any(n.startswith("jurisdiction") for n in names):
        return "nchs-weekly"
    if {"indicator", "geography"} <= names or {"period_start", "period_end"} <= names:
        return "tidy"
    return None


# ---------------------------------------------------------------------------------------------
# Field parsers (each raises _RowInvalid)


def _parse_date(text: str, column: str) -> date:
    text = text.strip()
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _US_DATE.match(text)
        if not match:
            shown = text or "(empty)"
            raise _RowInvalid(
                column, f"{shown!r} is not a date (expected M/D/YYYY, MM/DD/YYYY or YYYY-MM-DD)"
            )
        month, day, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise _RowInvalid(column, f"{text!r} is not a real date") from None


def _strip_thousands(text: str) -> str:
    match = _THOUSANDS.match(text)
    if match:
        return match.group(1) + match.group(2).replace(",", "") + (match.group(3) or "")
    return text


def _parse_decimal(text: str, column: str) -> Decimal:
    cleaned = _strip_thousands(text.strip())
    if not _DECIMAL.match(cleaned):
        raise _RowInvalid(column, f"{text.strip()!r} is not a number")
    if sum(ch.isdigit() for ch in cleaned) > MAX_DIGITS:
        raise _RowInvalid(column, f"the number has more than {MAX_DIGITS} digits")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise _RowInvalid(column, f"{text.strip()!r} is not a number") from None


def _parse_count(text: str, column: str) -> int:
    cleaned = _strip_thousands(text.strip())
    if not _INTEGER.match(cleaned):
        raise _RowInvalid(column, f"{text.strip()!r} is not a whole number")
    if len(cleaned.lstrip("+-")) > MAX_DIGITS:
        raise _RowInvalid(column, f"the number has more than {MAX_DIGITS} digits")
    number = int(cleaned)
    if number < 0:
        raise _RowInvalid(column, f"count {number} is negative")
    return number


def _parse_footnotes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[,;]", text) if part.strip())


def _parse_geography(text: str, column: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    if text.upper() in GEOGRAPHY_CODES:
        return text.upper()
    code = _NAME_TO_CODE.get(text.casefold())
    if code is None:
        raise _RowInvalid(column, f"unknown geography {text!r}")
    return code


def _check_period(start: date, end: date, column: str) -> None:
    if end < start:
        raise _RowInvalid(column, f"period ends ({end}) before it starts ({start})")


# ---------------------------------------------------------------------------------------------
# Dialect row readers: each takes (columns, row dict, line) and returns an Observation or None.


def _required(dialect: str, columns: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The columns a dialect needs (role → original name) and the names of those missing."""
    found: dict[str, str | None] = {}
    if dialect.startswith("cms-"):
        found["measure"] = _find(columns, exact=["measure id"])
        found["score"] = _find(columns, exact=["score"])
        found["start"] = _find(columns, exact=["start date"])
        found["end"] = _find(columns, exact=["end date"])
        if dialect in ("cms-state", "cms-hospital"):
            found["state"] = _find(columns, exact=["state"])
        if dialect == "cms-hospital":
            found["facility"] = _find(columns, exact=["facility id"])
        labels = {
            "measure": "Measure ID",
            "score": "Score",
            "start": "Start Date",
            "end": "End Date",
            "state": "State",
            "facility": "Facility ID",
        }
    elif dialect == "nchs-weekly":
        found["jurisdiction"] = _find(columns, prefix="jurisdiction")
        found["week_end"] = _find(columns, exact=["week ending date"])
        found["count"] = _find(columns, prefix="septicemia")
        labels = {
            "jurisdiction": "Jurisdiction of Occurrence",
            "week_end": "Week Ending Date",
            "count": "Septicemia (A40-A41)",
        }
    else:
        for name in ("indicator", "geography", "period_start", "period_end"):
            found[name] = _find(columns, exact=[name])
        found["measure_value"] = _find(columns, exact=["value", "numerator"])
        labels = {name: name for name in found}
        labels["measure_value"] = "value or numerator"
    missing = [labels[role] for role, name in found.items() if name is None]
    return {role: name for role, name in found.items() if name is not None}, missing


def _optional(dialect: str, columns: dict[str, str]) -> dict[str, str]:
    wanted: dict[str, str | None] = {}
    if dialect.startswith("cms-"):
        wanted["condition"] = _find(columns, exact=["condition"])
        wanted["footnote"] = _find(columns, exact=["footnote"])
        wanted["sample"] = _find(columns, exact=["sample"])
    elif dialect == "nchs-weekly":
        wanted["flag"] = _find(columns, exact=["flag_sept"], prefix="flag_sep")
    else:
        for name in ("stratum", "numerator", "denominator", "value", "footnote"):
            wanted[name] = _find(columns, exact=[name])
    return {role: name for role, name in wanted.items() if name is not None}


class _Reader:
    def __init__(self, dialect: str, cols: dict[str, str], allowed: frozenset[str] | None):
        self.dialect = dialect
        self.cols = cols
        self.allowed = allowed
        self.skipped = 0
        self.benchmarks = 0
        self.blank_unflagged = 0

    def get(self, row: dict[str, str], role: str) -> str:
        name = self.cols.get(role)
        return row.get(name, "") if name is not None else ""

    def read(self, row: dict[str, str], line: int) -> Observation | None:
        if self.dialect.startswith("cms-"):
            return self._cms(row, line)
        if self.dialect == "nchs-weekly":
            return self._nchs(row, line)
        return self._tidy(row, line)

    def _cms(self, row: dict[str, str], line: int) -> Observation | None:
        measure = self.get(row, "measure").strip()
        condition = normalize_name(self.get(row, "condition"))
        stratum = ""
        base, _, suffix = measure.rpartition("_")
        if base in SEPSIS_MEASURES and suffix.upper() in BENCHMARK_SUFFIXES:
            stratum = BENCHMARK_SUFFIXES[suffix.upper()]
            measure = base
            self.benchmarks += 1
        elif base in SEPSIS_MEASURES:
            # A variant of a sepsis measure this parser does not know (another percentile).
            self.skipped += 1
            return None
        elif measure not in SEPSIS_MEASURES:
            if condition != SEPSIS_CONDITION:
                self.skipped += 1
                return None
            if not measure:
                raise _RowInvalid(self.cols["measure"], "a sepsis row has no measure ID")
        if self.dialect == "cms-national":
            geography = "US"
        else:
            geography = _parse_geography(self.get(row, "state"), self.cols["state"])
        if self.dialect == "cms-hospital":
            facility = self.get(row, "facility").strip()
            if not facility:
                raise _RowInvalid(self.cols["facility"], "the facility ID is empty")
            stratum = f"facility:{facility}"
        start = _parse_date(self.get(row, "start"), self.cols["start"])
        end = _parse_date(self.get(row, "end"), self.cols["end"])
        _check_period(start, end, self.cols["end"])
        score = self.get(row, "score").strip()
        if normalize_name(score) in NOT_AVAILABLE:
            value, suppressed = None, True
        else:
            value, suppressed = _parse_decimal(score, self.cols["score"]), False
        denominator = None
        sample = self.get(row, "sample").strip()
        if "sample" in self.cols and normalize_name(sample) not in NOT_AVAILABLE:
            denominator = _parse_count(sample, self.cols["sample"])
        return Observation(
            indicator=measure,
            geography=geography,
            stratum=stratum,
            period_start=start,
            period_end=end,
            value=value,
            numerator=None,
            denominator=denominator,
            suppressed=suppressed,
            footnotes=_parse_footnotes(self.get(row, "footnote")),
            line=line,
        )

    def _nchs(self, row: dict[str, str], line: int) -> Observation:
        geography = _parse_geography(self.get(row, "jurisdiction"), self.cols["jurisdiction"])
        end = _parse_date(self.get(row, "week_end"), self.cols["week_end"])
        count_text = self.get(row, "count").strip()
        flag = self.get(row, "flag").strip()
        footnotes = (flag,) if flag else ()
        if count_text:
            value: Decimal | None = Decimal(_parse_count(count_text, self.cols["count"]))
            suppressed = False
        else:
            value = None
            suppressed = bool(flag)
            if not flag:
                self.blank_unflagged += 1
        return Observation(
            indicator=NCHS_INDICATOR,
            geography=geography,
            stratum="",
            period_start=end - timedelta(days=6),
            period_end=end,
            value=value,
            numerator=None,
            denominator=None,
            suppressed=suppressed,
            footnotes=footnotes,
            line=line,
        )

    def _tidy(self, row: dict[str, str], line: int) -> Observation:
        indicator = self.get(row, "indicator").strip()
        if not indicator:
            raise _RowInvalid(self.cols["indicator"], "the indicator is empty")
        if self.allowed is not None and indicator not in self.allowed:
            raise _RowInvalid(self.cols["indicator"], f"unknown indicator {indicator!r}")
        geography = _parse_geography(self.get(row, "geography"), self.cols["geography"])
        start = _parse_date(self.get(row, "period_start"), self.cols["period_start"])
        end = _parse_date(self.get(row, "period_end"), self.cols["period_end"])
        _check_period(start, end, self.cols["period_end"])
        counts: dict[str, int | None] = {}
        for role in ("numerator", "denominator"):
            text = self.get(row, role).strip()
            counts[role] = _parse_count(text, self.cols[role]) if text else None
        numerator, denominator = counts["numerator"], counts["denominator"]
        if numerator is not None and denominator is not None and numerator > denominator:
            raise _RowInvalid(
                self.cols["numerator"],
                f"numerator {numerator} is larger than denominator {denominator}",
            )
        value_text = self.get(row, "value").strip()
        value = _parse_decimal(value_text, self.cols["value"]) if value_text else None
        if value is None and numerator is None:
            column = self.cols.get("value") or self.cols["numerator"]
            raise _RowInvalid(column, "the row has neither a value nor a numerator")
        return Observation(
            indicator=indicator,
            geography=geography,
            stratum=self.get(row, "stratum").strip(),
            period_start=start,
            period_end=end,
            value=value,
            numerator=numerator,
            denominator=denominator,
            suppressed=False,
            footnotes=_parse_footnotes(self.get(row, "footnote")),
            line=line,
        )


#: Distinct texts remembered per column by the tidy fast path (bounds its memory).
MEMO_LIMIT = 100_000


def _fast_tidy(header: list[str], cols: dict[str, str], slow: _Reader):
    """A tidy row reader for big files: (record, line) → Observation, raising _RowInvalid.

    It gives exactly what ``slow.read`` gives, only several times faster. Releases repeat the
    same texts over and over (codes, places, dates, numbers), so each distinct cell text is
    parsed once and the result looked up after that, which also lets rows share those objects
    in memory. A row with a cell that does not parse, or that breaks a rule across cells, is
    handed to ``slow.read``, so errors are found in the same order and worded the same way.
    """
    first: dict[str, int] = {}
    for index, name in enumerate(header):
        first.setdefault(name, index)  # a repeated column name: the first one counts
    allowed = slow.allowed

    def indicator_of(text: str) -> str:
        code = text.strip()
        if not code or (allowed is not None and code not in allowed):
            raise _RowInvalid("", "")  # the slow path says which and why
        return code

    def count_of(text: str) -> int | None:
        text = text.strip()
        return _parse_count(text, "") if text else None

    def decimal_of(text: str) -> Decimal | None:
        text = text.strip()
        return _parse_decimal(text, "") if text else None

    def date_of(text: str) -> date:
        return _parse_date(text, "")

    # Memos: cell text → value. Dates share one, and so do the two counts.
    indicators, places, strata, dates, decimals, counts, footnotes = ({} for _ in range(7))
    # The Observation fields up to ``footnotes``, bar ``suppressed``: (role, memo, parser).
    fields = [
        ("indicator", indicators, indicator_of),
        ("geography", places, lambda text: _parse_geography(text, "")),
        ("stratum", strata, str.strip),
        ("period_start", dates, date_of),
        ("period_end", dates, date_of),
        ("value", decimals, decimal_of),
        ("numerator", counts, count_of),
        ("denominator", counts, count_of),
        ("footnote", footnotes, _parse_footnotes),
    ]
    # A missing optional column reads as an empty cell, as in _Reader.get: records then get
    # one more cell, "", at index -1.
    indexes = [first[cols[role]] if role in cols else -1 for role, _memo, _parse in fields]
    pad = -1 in indexes
    at_ind, at_geo, at_str, at_start, at_end, at_val, at_num, at_den, at_foot = indexes
    make = tuple.__new__
    width = len(header)

    def learn(record: list[str]) -> list:
        """The fields of a row with some text not seen before, remembering the new texts."""
        values = []
        for index, (_role, memo, parse) in zip(indexes, fields, strict=True):
            text = record[index]
            value = memo[text] if text in memo else parse(text)
            if len(memo) < MEMO_LIMIT:
                memo[text] = value
            values.append(value)
        return values

    def read(record: list[str], line: int) -> Observation | None:
        if pad:
            record.append("")
        try:
            indicator = indicators[record[at_ind]]
            geography = places[record[at_geo]]
            stratum = strata[record[at_str]]
            start = dates[record[at_start]]
            end = dates[record[at_end]]
            value = decimals[record[at_val]]
            numerator = counts[record[at_num]]
            denominator = counts[record[at_den]]
            notes = footnotes[record[at_foot]]
        except KeyError:  # a text not seen before
            try:
                values = learn(record)
            except _RowInvalid:
                return slow_read(record, line)
            indicator, geography, stratum, start, end, value, numerator, denominator, notes = values
        if (
            end < start
            or (value is None and numerator is None)
            or (numerator is not None and denominator is not None and numerator > denominator)
        ):
            return slow_read(record, line)
        return make(
            Observation,
            (indicator, geography, stratum, start, end, value, numerator, denominator)
            + (False, notes, line),
        )

    def slow_read(record: list[str], line: int) -> Observation | None:
        row: dict[str, str] = {}
        for name, cell in zip(header, record[:width], strict=True):
            row.setdefault(name, cell)
        return slow.read(row, line)

    return read


# ---------------------------------------------------------------------------------------------
# Decoding and the parse itself


def _decode(data: bytes, warnings: list[str]) -> str:
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        warnings.append("The file is not UTF-8; it was read as Windows-1252 (cp1252).")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("The file is not UTF-8 or Windows-1252; it was read as Latin-1.")
    return text


def _sniff(first_line: str, result: ParseResult) -> str:
    """The delimiter of the header line; notes whether the header is quoted."""
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        delimiter = ","
    if delimiter != ",":
        result.warnings.append(f"The file is delimited by {delimiter!r}, not commas.")
    result.header_quoted = first_line.lstrip("\ufeff").startswith('"')
    return delimiter


def _fail(result: ParseResult, line: int, column: str, message: str) -> ParseResult:
    result.errors.append(RowError(line, column, message))
    result.rows = []
    return result


def parse(
    data: bytes,
    *,
    dialect: str | None = None,
    filename: str = "",
    allowed_indicators: Iterable[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> ParseResult:
    """Parse one file's bytes. Never raises on bad data: problems come back as ``errors``.

    ``dialect`` forces one of :data:`DIALECTS` instead of detecting it from the header.
    ``filename`` only labels messages. ``allowed_indicators`` (tidy files only) is the set of
    indicator codes the portal knows; any other code is an error.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"parse() takes bytes, not {type(data).__name__}")
    result = ParseResult(dialect=dialect if dialect in DIALECTS else None)
    label = f"{filename}: " if filename else ""
    if dialect is not None and dialect not in DIALECTS:
        return _fail(result, 0, "", f"Unknown dialect {dialect!r}; use one of {_formats()}")
    if len(data) > max_bytes:
        return _fail(
            result,
            0,
            "",
            f"{label}the file is {len(data):,} bytes; the limit is {max_bytes:,} bytes",
        )
    allowed = frozenset(allowed_indicators) if allowed_indicators is not None else None
    try:
        with collector_paused():
            return _parse_text(_decode(data, result.warnings), result, allowed, label)
    except Exception as exc:  # noqa: BLE001 - parse() promises to report, not raise
        return _fail(result, 0, "", f"Internal error while parsing: {exc!r}")


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while rows pile up (also a decorator).

    Rows are tuples of plain values and make no reference cycles, but the collector would
    walk the growing heap of them again and again: seconds for a million-row file.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as csv.reader needs them: split at \\n, \\r or \\r\\n only.

    What ``io.StringIO(text, newline="")`` gives, without the copy StringIO makes of the whole
    text at four bytes a character (hundreds of megabytes for a big release).
    """
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8", newline="")


def _formats() -> str:
    return ", ".join(DIALECTS)


def _first_line(text: str) -> str:
    """``text.splitlines()[0]`` without splitting a whole big file."""
    head = text[:65536]
    lines = head.splitlines()
    if len(lines) > 1 or len(head) == len(text):
        return lines[0]
    return text.splitlines()[0]


def _parse_text(
    text: str, result: ParseResult, allowed: frozenset[str] | None, label: str
) -> ParseResult:
    if not text.strip():
        return _fail(result, 1, "", f"{label}the file is empty; expected a header row")
    first_line = _first_line(text.lstrip("\r\n"))
    delimiter = _sniff(first_line, result)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        header = None
        header_line = 0
        for record in reader:
            if any(cell.strip() for cell in record):
                header = record
                header_line = reader.line_num
                break
        if header is None:
            return _fail(result, 1, "", f"{label}the file has no header row")
        columns = _normalized_columns(header)
        if result.dialect is None:
            result.dialect = detect_dialect(header)
        if result.dialect is None:
            return _fail(
                result,
                header_line,
                "",
                f"{label}Unrecognized file: the header matches none of {_formats()}",
            )
        cols, missing = _required(result.dialect, columns)
        if missing:
            plural = "s" if len(missing) > 1 else ""
            return _fail(
                result,
                header_line,
                ", ".join(missing),
                f"{label}the {result.dialect} header lacks the column{plural} "
                + ", ".join(repr(m) for m in missing),
            )
        cols.update(_optional(result.dialect, columns))
        return _read_rows(reader, header, header_line, cols, result, allowed, label)
    except csv.Error as exc:
        return _fail(result, reader.line_num, "", f"{label}the CSV is malformed: {exc}")


def _read_rows(
    reader,
    header: list[str],
    header_line: int,
    cols: dict[str, str],
    result: ParseResult,
    allowed: frozenset[str] | None,
    label: str,
) -> ParseResult:
    row_reader = _Reader(result.dialect, cols, allowed)
    fast_read = _fast_tidy(header, cols, row_reader) if result.dialect == "tidy" else None
    width = len(header)
    seen: dict[tuple, int] = {}
    rows: list[Observation] = []
    errors: list[RowError] = []
    extra_errors = 0
    previous_end = header_line

    def error(line: int, column: str, message: str) -> None:
        nonlocal extra_errors
        if len(errors) < MAX_ERRORS:
            errors.append(RowError(line, column, label + message))
        else:
            extra_errors += 1

    for record in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not "".join(record).strip():  # a blank line, or only empty cells
            continue
        result.row_count += 1
        if len(record) != width:
            error(line, "", f"the row has {len(record)} fields; the header has {width}")
            continue
        try:
            if fast_read is not None:
                observation = fast_read(record, line)
            else:
                row: dict[str, str] = {}
                for name, cell in zip(header, record, strict=True):
                    row.setdefault(name, cell)  # a repeated column name: the first one counts
                observation = row_reader.read(row, line)
        except _RowInvalid as invalid:
            error(line, invalid.column, invalid.message)
            continue
        if observation is None:
            continue
        first = seen.setdefault(observation.key, line)
        if first != line:
            column = cols.get("indicator") or cols.get("measure") or cols.get("jurisdiction", "")
            error(line, column, f"duplicate row: same indicator, place and period as line {first}")
            continue
        rows.append(observation)

    if extra_errors:
        errors.append(RowError(0, "", f"{label}... and {extra_errors:,} more errors"))
    if row_reader.skipped:
        result.warnings.append(f"Skipped {row_reader.skipped} rows that are not sepsis measures.")
    if row_reader.benchmarks:
        result.warnings.append(
            f"Kept {row_reader.benchmarks} benchmark (top ten percent) rows as stratum 'p90'."
        )
    if row_reader.blank_unflagged:
        result.warnings.append(
            f"{row_reader.blank_unflagged} rows have a blank count without a suppression flag."
        )
    if errors:
        result.errors.extend(errors)
        result.rows = []
        return result
    if result.row_count == 0:
        return _fail(result, header_line, "", f"{label}the file has a header but no data rows")
    if not rows:
        result.warnings.append("No sepsis rows were found in the file.")
    result.rows = rows
    return result


def parse_file(
    path: str | os.PathLike[str],
    *,
    dialect: str | None = None,
    allowed_indicators: Iterable[str] | None = None,
    max_bytes: int = MAX_BYTES,
) -> ParseResult:
    """Parse a file on disk, refusing (without reading it) one larger than ``max_bytes``."""
    name = os.fspath(path)
    label = os.path.basename(name)
    try:
        size = os.stat(name).st_size
    except OSError as exc:
        return _fail(ParseResult(dialect=dialect), 0, "", f"{label}: cannot read the file: {exc}")
    if size > max_bytes:
        return _fail(
            ParseResult(dialect=dialect),
            0,
            "",
            f"{label}: the file is {size:,} bytes; the limit is {max_bytes:,} bytes",
        )
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return _fail(ParseResult(dialect=dialect), 0, "", f"{label}: cannot read the file: {exc}")
    return parse(
        data,
        dialect=dialect,
        filename=label,
        allowed_indicators=allowed_indicators,
        max_bytes=max_bytes,
    )


def parse_footnote_crosswalk(data: bytes) -> tuple[dict[str, str], list[RowError]]:
    """The CMS footnote crosswalk (columns "Footnote" and "Footnote Text") as code → meaning.

    All or nothing, like :func:`parse`: any error gives an empty mapping.
    """
    warnings: list[str] = []
    text = _decode(data, warnings)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return {}, [RowError(1, "", "The file is empty.")]
    columns = _normalized_columns(header)
    code_column, text_column = columns.get("footnote"), columns.get("footnote text")
    if code_column is None or text_column is None:
        return {}, [RowError(1, "", 'A footnote crosswalk needs "Footnote" and "Footnote Text".')]
    positions = {name: index for index, name in enumerate(header)}
    meanings: dict[str, str] = {}
    errors: list[RowError] = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            code = row[positions[code_column]].strip()
            meaning = row[positions[text_column]].strip()
        except IndexError:
            errors.append(RowError(line, text_column, "The row has too few columns."))
            continue
        if not code or not meaning:
            errors.append(RowError(line, code_column, "Every row needs a code and its meaning."))
        elif code in meanings and meanings[code] != meaning:
            errors.append(RowError(line, code_column, f"Footnote {code} is given twice."))
        else:
            meanings[code] = meaning
    return ({} if errors else meanings), errors
