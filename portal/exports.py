"""Spreadsheet cells that cannot run: every CSV and XLSX the portal writes passes its text
through `safe_cell`, OWASP's rule against formula injection. A cell whose text begins with
"=", "+", "-", "@", a tab or a carriage return is opened by spreadsheet programs as a formula
(`=HYPERLINK(...)` in a search query, an organization's name, a footnote of a data release);
a leading apostrophe makes it text. Numbers (-2.5, +3) are left as they are.

- The portal's own writers call `safe_cell` (or `safe_row`) on each cell.
- The admin's reports and listings export through Wagtail's SpreadsheetExportMixin: the
  portal's reports add `SafeSpreadsheetExportMixin`; Wagtail's own (site history, workflows,
  search terms, listings) write their CSV unescaped, so `SafeCsvMiddleware` escapes every CSV
  the two admins send. (Wagtail already writes XLSX formulas as plain text cells.)
"""

import csv
import io
import re

from django.http import StreamingHttpResponse

from .access import admin_area

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value):
    """The value, with text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


def safe_comment(line):
    """A free-text line of a CSV (a '#' comment): a spreadsheet splits it at its commas, so
    each piece after a comma is made safe too."""
    first, *rest = line.split(",")
    pieces = [
        " " + safe_cell(piece[1:]) if piece.startswith(" ") else safe_cell(piece) for piece in rest
    ]
    return ",".join([first, *pieces])


class SafeSpreadsheetExportMixin:
    """For views that export with Wagtail's SpreadsheetExportMixin (reports, listings)."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))


def _escape_csv(text):
    """The CSV text with every cell made safe; its records otherwise as they were."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow(safe_row(row))
    return out.getvalue()


class SafeCsvMiddleware:
    """Every CSV the admins send is escaped on its way out: Wagtail's own exports write the
    stored text as it is. Wagtail streams a CSV one record at a time, each escaped as it
    passes; a CSV sent whole is escaped whole."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/csv") or not admin_area(request.path_info):
            return response
        charset = response.charset or "utf-8"
        if isinstance(response, StreamingHttpResponse):
            chunks = response.streaming_content
            response.streaming_content = (
                _escape_csv(chunk.decode(charset) if isinstance(chunk, bytes) else chunk).encode(
                    charset
                )
                for chunk in chunks
            )
        else:
            response.content = _escape_csv(response.content.decode(charset)).encode(charset)
        return response
