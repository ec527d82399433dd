"""Reading a file of a site's monthly figures, as an EHR extract gives them: CSV or XLSX, one
figure a row. Pure: no models, no database. What the figures mean (is the site known, does the
measure take a count, was the month submitted) is importing.py's business.

The header names the columns, in any order and any case:
- required: site, measure, period;
- optional: numerator, denominator, count, category, stratum, text (at least one of
  numerator, denominator, count or text must be there).
Other columns are ignored (and named in a warning). A period is YYYY-MM, the month's first day
(YYYY-MM-01 or M/1/YYYY, as spreadsheets write dates) or M/YYYY.

`parse()` never raises on bad data: every problem comes back as a RowError naming the line (the
row of a spreadsheet; 1 is the header, 0 the file as a whole) and the column. `rows` holds the
rows that read correctly even when others did not, so that the importer can check those too
and report every problem at once; a file with any error imports nothing.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents import filetypes

from . import checks

COLUMNS = ("site", "measure", "period", "numerator", "denominator", "count", "category")
COLUMNS += ("stratum", "text")
REQUIRED_COLUMNS = ("site", "measure", "period")
FIGURE_COLUMNS = ("numerator", "denominator", "count", "text")
NUMBER_COLUMNS = ("numerator", "denominator", "count")

# Errors kept before the rest are only counted.
MAX_ERRORS = 200
# The largest figure the database's columns hold.
MAX_FIGURE = 2_147_483_647
MAX_TEXT = 5000

CSV, XLSX = "csv", "xlsx"
_UTF8_BOM = b"\xef\xbb\xbf"
_BLANK_LINES = re.compile(r"[\r\n]*")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_MONTH = re.compile(r"(\d{1,2})/(\d{4})")
_US_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    # XLSX files are ZIP archives: what they may unpack to (a "ZIP bomb" is refused unread).
    max_unpacked_bytes: int


# A site's upload in the browser: ten years of thirty measures with strata is about 20,000 rows.
WEB_LIMITS = Limits(max_bytes=10 * 2**20, max_rows=50_000, max_unpacked_bytes=100 * 2**20)
# manage.py import_site_measures: every site at once.
COMMAND_LIMITS = Limits(max_bytes=200 * 2**20, max_rows=2_000_000, max_unpacked_bytes=2**31)


class Row(NamedTuple):
    """One figure as the file gives it: codes as written, numbers as whole numbers or None."""

    line: int
    site: str
    measure: str
    period: datetime.date
    numerator: int | None
    denominator: int | None
    count: int | None
    category: str
    stratum: str
    text: str

    @property
    def key(self):
        """What may appear once in a file (codes compared without case)."""
        return (
            self.site.casefold(),
            self.measure.casefold(),
            self.period,
            self.stratum.casefold(),
            self.category.casefold(),
        )


@dataclass(frozen=True)
class RowError:
    """A problem at `line` (0: the file as a whole) in `column` (a column's name, or "")."""

    line: int
    column: str
    message: str

    def __str__(self):
        where = _("line %(line)s") % {"line": self.line} if self.line else _("the file")
        if self.column:
            where += ", " + _("column %(column)s") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class ParseResult:
    format: str | None = None
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    errors_left_out: int = 0
    # Notes about the file as a whole (its encoding, ignored columns), not about figures.
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0

    @property
    def ok(self):
        return not self.errors

    def error(self, line, column, message):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, column, message))
        else:
            self.errors_left_out += 1


class FileRefused(Exception):
    """The file cannot be read at all (its type, encoding, size or header)."""

    def __init__(self, message, *, line=0, column=""):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def parse(data, *, limits=WEB_LIMITS):
    """The figures of a CSV or XLSX file's bytes, judged by content, not by name."""
    result = ParseResult()
    try:
        if len(data) > limits.max_bytes:
            raise FileRefused(too_large_message(len(data), limits.max_bytes))
        result.format = file_format(data)
        if result.format == XLSX:
            records = xlsx_records(data, limits)
        else:
            records = csv_records(decode(data, result.notes))
        _read(records, result, limits)
    except FileRefused as refused:
        result.rows = []
        result.error(refused.line, refused.column, refused.message)
    return result


def too_large_message(size, limit):
    return _(
        "The file is %(size)s MB; an upload may be at most %(limit)s MB. Split it into "
        "smaller files (by year, say) and upload them one by one."
    ) % {"size": f"{size / 2**20:.1f}", "limit": f"{limit / 2**20:.0f}"}


# What a file turned out to be, in words, when it is neither CSV nor XLSX.
_KIND_WORDS = {
    "pdf": gettext_noop("a PDF document"),
    "docx": gettext_noop("a Word document"),
    "pptx": gettext_noop("a PowerPoint presentation"),
    "zip": gettext_noop("a ZIP archive"),
    "png": gettext_noop("a PNG image"),
    "jpg": gettext_noop("a JPEG image"),
    "html": gettext_noop("a web page (HTML)"),
    "svg": gettext_noop("an SVG image"),
    "xml": gettext_noop("an XML document"),
    "script": gettext_noop("a script"),
}
_NEITHER = gettext_noop("something other than text or a spreadsheet")


def file_format(data):
    """CSV or XLSX, told from the content by libmagic (documents.filetypes)."""
    if not data or data.isspace():
        raise FileRefused(_("The file is empty. Choose a CSV or Excel (.xlsx) file of figures."))
    kind = filetypes.sniff_format(data[: filetypes.SNIFF_BYTES])
    if kind in filetypes.TEXT_KINDS:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
            raise FileRefused(_("This file is saved as UTF-16 (“Unicode text”). %(fix)s") % _fix())
        return CSV
    if kind in ("xlsx", "ooxml"):
        return XLSX
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        words = _("an old Excel workbook (.xls)")
    else:
        words = _(_KIND_WORDS.get(kind, _NEITHER))
    raise FileRefused(
        _("This is not a CSV or Excel (.xlsx) file: it looks like %(kind)s. %(fix)s")
        % {"kind": words, **_fix()}
    )


def _fix():
    return {
        "fix": _(
            "In your spreadsheet program, save it as “CSV UTF-8 (comma delimited)” or as an "
            "Excel workbook (.xlsx), and upload that file."
        )
    }


def decode(data, notes):
    """UTF-8 (with or without its byte-order mark), else Windows-1252, else refused."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileRefused(
            _(
                "The file is not in a text encoding the portal reads (UTF-8 or Windows-1252): "
                "byte %(byte)s cannot be read. %(fix)s"
            )
            % {"byte": error.start + 1, **_fix()},
            line=line,
        ) from None
    notes.append(_("The file is not UTF-8; it was read as Windows-1252."))
    return text


def csv_records(text):
    """(line, cells) of each record; a line is where the record starts (quoted text may run
    over several lines)."""
    start = _BLANK_LINES.match(text).end()
    end = text.find("\n", start)
    first = text[start : end if end >= 0 else len(text)]
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous_end = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRefused(
                _("The CSV is malformed here (%(error)s): check its quotation marks.")
                % {"error": error},
                line=previous_end + 1,
            ) from None
        line, previous_end = previous_end + 1, reader.line_num
        yield line, record


def xlsx_records(data, limits):
    """(row number, cells as text) of the workbook's first sheet, read without loading it."""
    from openpyxl import load_workbook  # only when a workbook comes

    unreadable = _("The Excel file cannot be read: it may be damaged or password-protected.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileRefused(unreadable) from None
    if unpacked > limits.max_unpacked_bytes:
        raise FileRefused(
            _("The Excel file unpacks to more than %(limit)s MB. Save it as CSV and upload that.")
            % {"limit": limits.max_unpacked_bytes // 2**20}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a bad file
        raise FileRefused(unreadable) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(_("The Excel file has no worksheet."))
        sheet = workbook.worksheets[0]
        number = 0
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value) for value in values]
        except FileRefused:
            raise
        except Exception:  # noqa: BLE001
            raise FileRefused(unreadable, line=number + 1) from None
    finally:
        workbook.close()


def cell_text(value):
    """A spreadsheet cell as the text a CSV file would hold (a date as YYYY-MM-DD)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalize(name):
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def _header(records, result):
    """Skip blank lines to the header: (its line, {column: position}, width)."""
    for line, record in records:  # noqa: B007 - the header's line is used after the loop
        if any(cell.strip() for cell in record):
            break
    else:
        raise FileRefused(_("The file has no header row."), line=1)
    positions, ignored = {}, []
    for position, cell in enumerate(record):
        name = normalize(cell)
        if name in COLUMNS:
            if name in positions:
                raise FileRefused(
                    _("The column “%(column)s” appears twice in the header.") % {"column": name},
                    line=line,
                    column=name,
                )
            positions[name] = position
        elif name:
            ignored.append(cell.strip())
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        raise FileRefused(
            _("The header needs the columns site, measure and period; it lacks %(missing)s.")
            % {"missing": ", ".join(missing)},
            line=line,
            column=", ".join(missing),
        )
    if not any(name in positions for name in FIGURE_COLUMNS):
        raise FileRefused(
            _(
                "The header has no column for figures: add numerator and denominator, count, "
                "or text."
            ),
            line=line,
        )
    if ignored:
        result.notes.append(
            _("These columns were not read: %(columns)s.") % {"columns": ", ".join(ignored)}
        )
    unnamed = {position for position, cell in enumerate(record) if not cell.strip()}
    return line, positions, len(record), unnamed


def _read(records, result, limits):
    records = iter(records)
    header_line, positions, width, unnamed = _header(records, result)
    seen = {}
    periods = {}  # cell text → (period, error): a file repeats the same few dozen months
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue
        result.rows_read += 1
        if result.rows_read > limits.max_rows:
            raise FileRefused(
                _("The file has more than %(rows)s rows. Split it and upload the parts.")
                % {"rows": f"{limits.max_rows:,}"},
                line=line,
            )
        row = _row(line, record, positions, width, unnamed, periods, result)
        if row is None:
            continue
        first = seen.setdefault(row.key, line)
        if first != line:
            result.error(
                line,
                "period",
                _(
                    "This repeats line %(line)s: the same site, measure, month, stratum and "
                    "category."
                )
                % {"line": first},
            )
            continue
        result.rows.append(row)
    if result.rows_read == 0:
        raise FileRefused(_("The file has a header but no figures."), line=header_line)


def _row(line, record, positions, width, unnamed, periods, result):
    """The row's Row, or None after reporting each of its problems."""
    cells = {
        name: record[position].strip() if position < len(record) else ""
        for name, position in positions.items()
    }
    problems = []
    for position, cell in enumerate(record):
        if cell.strip() and (position >= width or position in unnamed):
            problems.append(("", _("A value in a column with no name in the header.")))
            break
    for name in ("site", "measure"):
        if not cells[name]:
            problems.append((name, _("Give the %(column)s's code.") % {"column": name}))
    text = cells["period"]
    if text not in periods:
        periods[text] = parse_period(text)
    period, message = periods[text]
    if message:
        problems.append(("period", message))
    numbers = {}
    for name in NUMBER_COLUMNS:
        numbers[name], message = figure(cells.get(name, ""))
        if message:
            problems.append((name, message))
    text = cells.get("text", "")
    if len(text) > MAX_TEXT:
        problems.append(("text", _("Keep the text under %(n)s characters.") % {"n": MAX_TEXT}))
    for column, message in problems:
        result.error(line, column, message)
    if problems:
        return None
    return Row(
        line,
        cells["site"],
        cells["measure"],
        period,
        numbers["numerator"],
        numbers["denominator"],
        numbers["count"],
        cells.get("category", ""),
        cells.get("stratum", ""),
        text,
    )


def figure(text):
    """(whole number or None, error message or "") of a number cell, by checks.whole_number."""
    value, message = checks.whole_number(text)
    if message:
        return None, _("Found “%(text)s”. %(message)s") % {"text": text, "message": message}
    if value is not None and value > MAX_FIGURE:
        return None, _("Found “%(text)s”: that is too large for a month's figure.") % {"text": text}
    return value, ""


def parse_period(text):
    """(the month as its first day, "") or (None, error message)."""
    text = text.strip()
    year = month = None
    day = 1
    if match := _MONTH.fullmatch(text):
        year, month = match.groups()
    elif match := _DAY.fullmatch(text):
        year, month, day = match.groups()
    elif match := _US_MONTH.fullmatch(text):
        month, year = match.groups()
    elif match := _US_DAY.fullmatch(text):
        month, day, year = match.groups()
    how = _("Write the month as 2025-03 (or 3/2025).")
    if year is None:
        if not text:
            return None, _("Give the month. %(how)s") % {"how": how}
        return None, _("“%(text)s” is not a month. %(how)s") % {"text": text, "how": how}
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None, _("“%(text)s” is not a real month. %(how)s") % {"text": text, "how": how}
    if int(day) != 1:
        return None, _("“%(text)s” is not the first day of a month. %(how)s") % {
            "text": text,
            "how": how,
        }
    return datetime.date(int(year), int(month), 1), ""
