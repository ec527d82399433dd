"""Files of figures built at test time, as a site's EHR extract or spreadsheet would give them."""

import csv
import datetime
import io

from openpyxl import Workbook

from collaborative.uploads import COLUMNS


def csv_file(rows, *, header=COLUMNS, encoding="utf-8", bom=False, delimiter=","):
    """A CSV file of `rows` (dicts by column, or lists of cells) under `header`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header] if isinstance(row, dict) else row)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def xlsx_file(rows, *, header=COLUMNS):
    """An Excel workbook of `rows` on its first sheet; cells keep their Python types (numbers,
    dates), as a spreadsheet program stores them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(name) for name in header] if isinstance(row, dict) else row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def month(text):
    return datetime.date.fromisoformat(f"{text}-01")
