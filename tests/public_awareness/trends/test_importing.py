"""Importing releases: all or nothing, re-imports change nothing, revisions keep history,
small counts never stored."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from public_awareness.trends.importing import import_release
from public_awareness.trends.models import DataRelease, Indicator, Observation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("no_trend_data"),
    pytest.mark.postgresql,
]

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
CMS_STATE = SHARED_DATA / "cms" / "timely_effective_care_state_2023-09.csv"
NCHS = SHARED_DATA / "nchs" / "weekly_deaths_by_state_2019-2020.csv"
needs_shared_data = pytest.mark.skipif(
    not CMS_STATE.exists(), reason=f"the public data files are not at {SHARED_DATA}"
)

TIDY = (
    "indicator,geography,stratum,period_start,period_end,numerator,denominator,value,footnote\n"
    "SEP_1,MA,,2023-01-01,2023-03-31,580,1000,58,\n"
    "SEP_1,MA,,2023-04-01,2023-06-30,600,1000,60,\n"
)


@pytest.fixture
def sep1():
    """The SEP-1 indicator, as an editor would have it before a tidy import."""
    return Indicator.objects.create(
        code="SEP_1",
        name="SEP-1",
        definition="Sepsis bundle followed.",
        unit="percent",
        direction="higher_is_better",
        source="CMS",
    )


@needs_shared_data
def test_import_then_reimport_changes_nothing():
    data = CMS_STATE.read_bytes()
    plan = import_release(data, CMS_STATE.name)
    assert plan.ok and len(plan.new) == 280
    sep1 = Observation.objects.get(indicator__code="SEP_1", geography="MA", is_current=True)
    assert sep1.value == 58 and str(sep1.period_end) == "2023-09-30"
    assert Indicator.objects.get(code="SEP_1").direction == "higher_is_better"

    again = import_release(data, CMS_STATE.name)
    assert again.already_imported
    assert Observation.objects.count() == 280 and DataRelease.objects.count() == 1


@needs_shared_data
def test_dry_run_changes_nothing():
    plan = import_release(CMS_STATE.read_bytes(), CMS_STATE.name, dry_run=True)
    assert len(plan.new) == 280
    assert not Observation.objects.exists() and not DataRelease.objects.exists()


def test_a_revising_release_keeps_the_history(sep1):
    first = import_release(TIDY.encode(), "first.csv")
    revised = (
        TIDY.replace("600,1000,60", "610,1000,61")
        + "SEP_1,MA,,2023-07-01,2023-09-30,620,1000,62,\n"
    )
    second = import_release(revised.encode(), "second.csv")
    assert (len(first.new), len(second.new), len(second.revised), second.unchanged) == (2, 1, 1, 1)
    history = Observation.objects.filter(indicator__code="SEP_1", period_start="2023-04-01")
    assert sorted((o.value, o.is_current) for o in history) == [(60, False), (61, True)]
    assert Observation.objects.filter(is_current=True).count() == 3
    release = DataRelease.objects.get(filename="second.csv")
    assert (release.observations_new, release.observations_revised) == (1, 1)


def test_a_file_with_any_error_imports_nothing(sep1):
    bad = TIDY + "SEP_1,MA,,2023-07-01,2023-09-30,620,1000,lots,\n"
    plan = import_release(bad.encode(), "bad.csv")
    assert not plan.ok
    assert any(error.line == 4 and error.column == "value" for error in plan.errors), plan.errors
    assert not Observation.objects.exists() and not DataRelease.objects.exists()


def test_unknown_indicator_in_a_tidy_file_is_refused():
    plan = import_release(TIDY.replace("SEP_1", "NOT_A_MEASURE").encode(), "unknown.csv")
    assert not plan.ok
    assert "NOT_A_MEASURE" in " ".join(str(error) for error in plan.errors)
    assert not Observation.objects.exists()


@needs_shared_data
@pytest.mark.parametrize("threshold", [10, 20])
def test_small_counts_are_never_stored(threshold):
    with override_settings(PORTAL_SUPPRESSION_THRESHOLD=threshold):
        plan = import_release(NCHS.read_bytes(), NCHS.name)
    assert plan.ok
    deaths = Observation.objects.filter(indicator__code="septicemia_deaths")
    assert not deaths.filter(value__gte=1, value__lte=threshold).exists()
    assert not deaths.filter(numerator__gte=1, numerator__lte=threshold).exists()
    assert deaths.filter(suppressed=True, value__isnull=True).exists()
    shown = deaths.filter(geography="MA", suppressed=False)
    assert shown.exists() and all(o.value > threshold for o in shown)


def test_command_refuses_an_unrecognized_file_naming_the_formats(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("color,shape\nred,round\n")
    with pytest.raises(CommandError) as error:
        call_command("import_indicator_data", str(path))
    message = str(error.value)
    assert "nothing changed" in message
    for dialect in ("cms-state", "cms-national", "nchs-weekly", "tidy"):
        assert dialect in message


def test_command_dry_run_reports_and_changes_nothing(sep1, tmp_path, capsys):
    path = tmp_path / "tidy.csv"
    path.write_text(TIDY)
    call_command("import_indicator_data", str(path), "--dry-run", "--format", "tidy")
    out = capsys.readouterr().out
    assert "Would import tidy.csv (tidy, 2 rows read): 2 new, 0 revised, 0 unchanged." in out
    assert not Observation.objects.exists()


def test_command_reports_a_missing_file():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_indicator_data", "/no/such/file.csv")
