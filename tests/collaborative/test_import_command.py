"""manage.py import_site_measures: the upload's rules from the command line; --dry-run stores
nothing, --site takes one site's rows only, and any error stores nothing and exits with 1."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from collaborative.models import MeasureValue, Submission

from .upload_files import csv_file, month, xlsx_file

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

ROWS = [
    {
        "site": "NORTH",
        "measure": "ASSESS-20",
        "period": "2025-03",
        "numerator": 12,
        "denominator": 20,
    },
    {"site": "SOUTH", "measure": "DEATHS-30", "period": "2025-03", "count": 2},
    {"site": "SOUTH", "measure": "TIME-ZERO", "period": "2025-04", "category": "alert", "count": 5},
]


def run(path, *args):
    out = StringIO()
    call_command("import_site_measures", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path, data, name="figures.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_dry_run_prints_what_would_change_and_stores_nothing(measures, sites, tmp_path):
    output = run(write(tmp_path, csv_file(ROWS)), "--dry-run")
    assert (
        "Would import figures.csv (csv, 3 rows): 3 new, 0 changed, 0 unchanged; 3 months" in output
    )
    assert "Dry run: nothing changed." in output
    assert not MeasureValue.objects.exists() and not Submission.objects.exists()


def test_an_import_stores_every_site_and_the_same_file_again_changes_nothing(
    measures, sites, tmp_path
):
    path = write(tmp_path, csv_file(ROWS))
    assert "Imported figures.csv (csv, 3 rows): 3 new, 0 changed, 0 unchanged" in run(path)
    assert MeasureValue.objects.count() == 3
    assert set(Submission.objects.values_list("site__code", "period", "status")) == {
        ("NORTH", month("2025-03"), "draft"),
        ("SOUTH", month("2025-03"), "draft"),
        ("SOUTH", month("2025-04"), "draft"),
    }
    assert "0 new, 0 changed, 3 unchanged; 0 months" in run(path)
    assert MeasureValue.objects.count() == 3


def test_changes_and_warnings_are_printed_with_their_lines(measures, sites, tmp_path):
    steady = [
        {**ROWS[0], "period": f"2025-{m:02d}", "numerator": 10, "denominator": 20}
        for m in range(1, 9)
    ]
    run(write(tmp_path, csv_file(steady)))
    rows = [{**steady[0], "numerator": 11}, {**ROWS[0], "period": "2025-09", "numerator": 20}]
    output = run(write(tmp_path, csv_file(rows)))
    assert "changed, line 2: NORTH 2025-01 ASSESS-20: 10 of 20 (50%) → 11 of 20 (55%)" in output
    assert "Warning: line 3, column numerator: This is far from NORTH's usual figures" in output


def test_errors_name_their_line_and_column_exit_with_1_and_store_nothing(measures, sites, tmp_path):
    rows = [*ROWS, {**ROWS[0], "numerator": 30, "period": "2025-05"}, {**ROWS[1], "count": "-1"}]
    with pytest.raises(CommandError) as raised:
        run(write(tmp_path, csv_file(rows)))
    message = str(raised.value)
    assert raised.value.returncode == 1  # the exit status of manage.py
    assert "figures.csv was not imported, nothing changed: 2 errors." in message
    assert (
        "line 5, column numerator: The numerator (30) is more than the denominator (20)." in message
    )
    assert "line 6, column count: Found “-1”. Enter a number of zero or more." in message
    assert not MeasureValue.objects.exists() and not Submission.objects.exists()


def test_site_takes_that_sites_rows_only(measures, sites, tmp_path):
    path = write(tmp_path, csv_file(ROWS))
    with pytest.raises(CommandError) as raised:
        run(path, "--site", "north")
    message = str(raised.value)
    assert "line 3, column site: This file is for NORTH only" in message
    assert "line 4, column site" in message
    assert not MeasureValue.objects.exists()
    run(write(tmp_path, csv_file(ROWS[:1])), "--site", "NORTH")
    assert MeasureValue.objects.count() == 1
    with pytest.raises(CommandError, match="no site with the code 'WEST'"):
        run(path, "--site", "WEST")


def test_a_workbook_imports_and_a_missing_or_wrong_file_is_refused(measures, sites, tmp_path):
    assert "3 new" in run(write(tmp_path, xlsx_file(ROWS), "figures.xlsx"))
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "missing.csv")
    with pytest.raises(CommandError, match="it looks like a PDF document"):
        run(write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "a.csv"))
    assert MeasureValue.objects.count() == 3
