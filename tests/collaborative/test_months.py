"""A site's month: who reads and who enters it, the form (every active measure by set, its
definition for the month beside it, a row per stratum, fields by kind), drafts, the checks at
entry, what a submission needs, figures far from the site's usual to confirm, the coach told
on submit, read-only once submitted, and reopening with a reason recorded."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from collaborative.forms import confirm_name, field_name
from collaborative.models import Measure, MeasureSet, MeasureValue, Submission
from collaborative.periods import month_of
from tests.factories import UserFactory

from .conftest import define

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

MONTH = "2025-09"
PERIOD = datetime.date(2025, 9, 1)
URL = f"/collaborative/sites/NORTH/months/{MONTH}/"
REOPEN = URL + "reopen/"
STATUSES = [
    ("anonymous", 302),
    ("outsider", 404),
    ("other_site", 404),
    ("data_manager", 200),
    ("team", 200),
    ("coach", 200),
    ("superuser", 200),
]


def assert_private(response):
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def name(measures, code, part, stratum=None):
    return field_name(measures[code], stratum, part)


def complete(measures, **extra):
    """What a submission needs (the ratio's two figures and the count, for all patients)."""
    return {
        name(measures, "ASSESS-20", "numerator"): "30",
        name(measures, "ASSESS-20", "denominator"): "60",
        name(measures, "DEATHS-30", "count"): "2",
        **extra,
    }


def submitted_history(site, measures, proportions):
    """Submitted months before PERIOD with ASSESS-20 at these numerators out of 100."""
    period = PERIOD
    for numerator in proportions:
        period = (period - datetime.timedelta(days=1)).replace(day=1)
        submission = Submission.objects.create(
            site=site, period=period, status=Submission.Status.SUBMITTED
        )
        MeasureValue.objects.create(
            submission=submission,
            measure=measures["ASSESS-20"],
            numerator=numerator,
            denominator=100,
        )
        MeasureValue.objects.create(submission=submission, measure=measures["DEATHS-30"], count=2)


def the_month():
    return Submission.objects.filter(site__code="NORTH", period=PERIOD).first()


# Who reads, who enters


@pytest.mark.parametrize(("role", "status"), STATUSES)
def test_who_may_open_a_month(clients, sites, measures, role, status):
    response = clients[role].get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert_private(response)


@pytest.mark.parametrize("role", ["anonymous", "outsider", "other_site", "team", "coach"])
def test_only_the_sites_data_manager_saves(clients, sites, measures, role):
    response = clients[role].post(URL, {**complete(measures), "action": "submit"})
    assert response.status_code in {302, 403, 404}
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if role in ("team", "coach"):
        assert response.status_code == 403
    assert not Submission.objects.exists()


def test_months_the_site_does_not_report_are_404(clients, sites, measures):
    manager = clients["data_manager"]
    for month in ("2025-13", "2025-9", "september", "2024-12"):
        assert manager.get(f"/collaborative/sites/NORTH/months/{month}/").status_code == 404
    north = sites["north"]
    north.left_on = datetime.date(2025, 6, 1)
    north.save()
    assert manager.get("/collaborative/sites/NORTH/months/2025-07/").status_code == 404
    assert manager.get("/collaborative/sites/NORTH/months/2025-06/").status_code == 200
    assert manager.get("/collaborative/sites/NOPE/months/2025-06/").status_code == 404


# The form


def test_the_form_has_every_active_measure_by_set_with_its_definition(
    clients, sites, measures, age_bands
):
    later = MeasureSet.objects.create(name="Outcomes", sort_order=5)
    retired = Measure.objects.create(
        measure_set=later,
        code="OLD",
        name="A measure no longer reported",
        category=Measure.Category.PROCESS,
        kind=Measure.Kind.COUNT,
        is_active=False,
    )
    define(retired)
    define(
        measures["ASSESS-20"],
        "From September, time zero is triage.",
        effective_from=datetime.date(2025, 9, 1),
    )
    page = clients["data_manager"].get(URL).content.decode()

    assert "<h2" in page and "Sepsis bundle" in page
    assert "A measure no longer reported" not in page
    # The definition that applied in the month, beside the field, in <details>.
    assert "From September, time zero is triage." in page
    assert "(from September 2025)" in page
    august = clients["data_manager"].get(URL.replace(MONTH, "2025-08")).content.decode()
    assert "From September, time zero is triage." not in august
    assert "Who is counted, from time zero." in august
    assert page.count("<details") == 4
    # Fields by kind, labelled with the measure's own words, a row per stratum.
    assert "Patients assessed within 20 minutes of time zero" in page
    assert "Patients with sepsis" in page
    for stratum in age_bands.strata.all():
        field = name(measures, "ASSESS-20", "numerator", stratum)
        assert f'name="{field}"' in page
        assert f'<label class="usa-sr-only" for="id_{field}">' in page
    assert f'name="{name(measures, "DEATHS-30", "count")}"' in page
    for index, label in enumerate(["Emergency department arrival", "First abnormal vital signs"]):
        assert f'name="{name(measures, "TIME-ZERO", f"c{index}")}"' in page
        assert label in page
    assert f'name="{name(measures, "BARRIERS", "text")}"' in page
    assert 'value="save"' in page and 'value="submit"' in page


def test_team_and_coaches_read_the_figures_without_a_form(clients, sites, measures):
    clients["data_manager"].post(URL, {**complete(measures), "action": "save"})
    for role in ("team", "coach"):
        page = clients[role].get(URL).content.decode()
        assert 'value="submit"' not in page
        assert "This month is a draft" in page
        assert "<td>\n                                30\n" in page or ">30<" in page.replace(
            " ", ""
        ).replace("\n", "")


# Drafts


def test_a_partial_draft_is_saved_and_shown_again(clients, sites, measures, age_bands):
    young = age_bands.strata.get(code="0-17")
    response = clients["data_manager"].post(
        URL,
        {
            name(measures, "ASSESS-20", "numerator"): "12",
            name(measures, "ASSESS-20", "denominator"): "40",
            name(measures, "ASSESS-20", "numerator", young): "3",
            name(measures, "ASSESS-20", "denominator", young): "5",
            name(measures, "TIME-ZERO", "c1"): "7",
            name(measures, "BARRIERS", "text"): "  The EHR went down for a week.  ",
            "action": "save",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == URL
    month = the_month()
    assert month.status == Submission.Status.DRAFT
    values = {
        (v.measure.code, v.stratum_id, v.category): v
        for v in MeasureValue.objects.filter(submission=month).select_related("measure")
    }
    assert (
        values[("ASSESS-20", None, "")].numerator,
        values[("ASSESS-20", None, "")].denominator,
    ) == (12, 40)
    assert values[("ASSESS-20", young.pk, "")].numerator == 3
    assert values[("TIME-ZERO", None, "vitals")].count == 7
    assert values[("BARRIERS", None, "")].text == "The EHR went down for a week."
    assert len(values) == 4

    page = clients["data_manager"].get(URL).content.decode()
    assert f'name="{name(measures, "ASSESS-20", "numerator")}" value="12"' in page
    assert "The EHR went down for a week." in page
    assert "Draft" in page

    # Saving again replaces the month's figures: an emptied field is removed.
    clients["data_manager"].post(
        URL,
        {
            name(measures, "ASSESS-20", "numerator"): "13",
            name(measures, "ASSESS-20", "denominator"): "40",
            "action": "save",
        },
    )
    assert MeasureValue.objects.filter(submission=month).count() == 1
    assert MeasureValue.objects.get(submission=month).numerator == 13


@pytest.mark.parametrize(
    ("posted", "field", "message"),
    [
        (
            {"ASSESS-20:numerator": "70", "ASSESS-20:denominator": "60"},
            "ASSESS-20:numerator",
            "The numerator (70) is more than the denominator (60).",
        ),
        ({"DEATHS-30:count": "two"}, "DEATHS-30:count", "Enter a whole number, such as 12."),
        ({"DEATHS-30:count": "-1"}, "DEATHS-30:count", "Enter a number of zero or more."),
        ({"DEATHS-30:count": "2.5"}, "DEATHS-30:count", "Enter a whole number, such as 12."),
        (
            {"ASSESS-20:numerator": "7", "ASSESS-20:denominator": ""},
            "ASSESS-20:denominator",
            "Give both the numerator and the denominator.",
        ),
    ],
)
def test_checks_at_entry_are_field_errors_and_change_nothing(
    clients, sites, measures, posted, field, message
):
    clients["data_manager"].post(URL, {**complete(measures), "action": "save"})
    before = list(MeasureValue.objects.values_list("numerator", "denominator", "count"))
    data = {**complete(measures), "action": "save"}
    for key, value in posted.items():
        code, part = key.split(":")
        data[name(measures, code, part)] = value
    response = clients["data_manager"].post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    code, part = field.split(":")
    field_id = f"id_{name(measures, code, part)}"
    # The summary links to the field; the field shows its error.
    assert "Check these figures: nothing was saved" in page
    assert f'href="#{field_id}"' in page
    assert f'id="{field_id}_error_1">{message.replace("(", "(")}' in page.replace("&#x27;", "'")
    assert f'aria-describedby="{field_id}_error_1"' in page
    assert list(MeasureValue.objects.values_list("numerator", "denominator", "count")) == before


def test_a_month_that_has_not_ended_cannot_be_entered(clients, sites, measures):
    current = month_of(timezone.localdate())
    url = f"/collaborative/sites/NORTH/months/{current:%Y-%m}/"
    page = clients["data_manager"].get(url).content.decode()
    assert "This month has not ended yet: it cannot be reported." in page
    assert 'value="submit"' not in page
    response = clients["data_manager"].post(url, {**complete(measures), "action": "submit"})
    assert response.status_code == 200
    assert "This month has not ended yet: it cannot be reported." in response.content.decode()
    assert not Submission.objects.exists()


# Submitting


def test_submitting_needs_every_ratio_and_count_for_all_patients(clients, sites, measures):
    response = clients["data_manager"].post(
        URL,
        {
            name(measures, "ASSESS-20", "numerator"): "30",
            name(measures, "ASSESS-20", "denominator"): "60",
            "action": "submit",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    field_id = f"id_{name(measures, 'DEATHS-30', 'count')}"
    assert f'href="#{field_id}"' in page
    assert "Enter this figure to submit the month" in page
    assert not Submission.objects.exists()


def test_submitting_tells_the_coach(
    clients, sites, measures, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["data_manager"].post(URL, {**complete(measures), "action": "submit"})
    assert response.status_code == 302
    month = the_month()
    assert month.status == Submission.Status.SUBMITTED
    assert month.submitted_by == people["data_manager"]
    assert month.submitted_at is not None
    assert [m.to for m in mailoutbox] == [[people["coach"].email]]
    mail = mailoutbox[0]
    assert mail.subject == "North Shore Medical Center submitted September 2025"
    assert f"http://localhost{URL}" in mail.body or URL in mail.body
    assert "Dana Manager" in mail.body
    html = mail.alternatives[0][0]
    assert URL in html
    # Recorded in the audit log.
    assert ModelLogEntry.objects.filter(action="collaborative.submission.submit").count() == 1


def test_a_site_without_a_coach_tells_the_consortium_staff(
    clients, sites, measures, people, mailoutbox, django_capture_on_commit_callbacks
):
    north = sites["north"]
    north.coach = None
    north.save()
    other_staff = UserFactory()
    other_staff.groups.add(Group.objects.get(name="Moderators"))
    with django_capture_on_commit_callbacks(execute=True):
        clients["data_manager"].post(URL, {**complete(measures), "action": "submit"})
    # Everyone who coaches: Moderators, the demo's coach (a permission of her own), superusers.
    active = get_user_model().objects.filter(is_active=True).exclude(email="")
    staff = [user.email for user in active if user.has_perm("collaborative.coach_sites")]
    told = sorted(a for m in mailoutbox for a in m.to)
    assert told == sorted(staff)
    assert people["coach"].email in told and other_staff.email in told
    assert people["data_manager"].email not in told


def test_a_submitted_month_is_read_only(clients, sites, measures):
    clients["data_manager"].post(URL, {**complete(measures), "action": "submit"})
    page = clients["data_manager"].get(URL).content.decode()
    assert 'value="submit"' not in page
    assert "Reopen the month" in page
    response = clients["data_manager"].post(
        URL, {**complete(measures, **{name(measures, "DEATHS-30", "count"): "9"}), "action": "save"}
    )
    assert response.status_code == 302
    assert MeasureValue.objects.get(measure=measures["DEATHS-30"]).count == 2
    assert the_month().status == Submission.Status.SUBMITTED


# Reopening


def test_reopening_needs_a_reason_recorded_with_who_and_when(clients, sites, measures, people):
    manager = clients["data_manager"]
    manager.post(URL, {**complete(measures), "action": "submit"})

    response = manager.post(REOPEN, {"reason": "  "})
    assert response.status_code == 200
    assert "Say why the month is being reopened." in response.content.decode()
    assert the_month().status == Submission.Status.SUBMITTED

    for role in ("team", "coach"):
        assert clients[role].post(REOPEN, {"reason": "x"}).status_code == 403
    assert clients["other_site"].post(REOPEN, {"reason": "x"}).status_code == 404
    assert the_month().status == Submission.Status.SUBMITTED

    response = manager.post(REOPEN, {"reason": "Two deaths were counted twice."})
    assert response.status_code == 302
    month = the_month()
    assert month.status == Submission.Status.DRAFT
    entry = ModelLogEntry.objects.get(action="collaborative.submission.reopen")
    assert entry.user == people["data_manager"]
    assert entry.data["reason"] == "Two deaths were counted twice."

    page = clients["coach"].get(URL).content.decode()
    assert "Reopened by Dana Manager on" in page
    assert "Two deaths were counted twice." in page
    assert ">Reopened<" in page
    assert "Reopened" in clients["team"].get("/collaborative/sites/NORTH/").content.decode()

    # Fixed, and submitted again.
    fixed = complete(measures, **{name(measures, "DEATHS-30", "count"): "1"})
    assert manager.post(URL, {**fixed, "action": "submit"}).status_code == 302
    assert the_month().status == Submission.Status.SUBMITTED
    assert MeasureValue.objects.get(measure=measures["DEATHS-30"]).count == 1


def test_only_a_submitted_month_can_be_reopened(clients, sites, measures):
    clients["data_manager"].post(URL, {**complete(measures), "action": "save"})
    clients["data_manager"].post(REOPEN, {"reason": "x"})
    assert not ModelLogEntry.objects.filter(action="collaborative.submission.reopen").exists()


# Figures far from the site's usual


def test_unusual_figures_are_confirmed_not_refused(clients, sites, measures):
    submitted_history(sites["north"], measures, [48, 50, 52, 50, 49, 51, 50, 47])
    unusual = complete(
        measures,
        **{
            name(measures, "ASSESS-20", "numerator"): "95",
            name(measures, "ASSESS-20", "denominator"): "100",
        },
    )
    response = clients["data_manager"].post(URL, {**unusual, "action": "submit"})
    assert response.status_code == 200
    page = response.content.decode()
    box = confirm_name(measures["ASSESS-20"])
    assert "far from your site&#x27;s usual" in page or "far from your site's usual" in page
    assert f'name="{box}"' in page
    # The count is as usual: no box for it.
    assert f'name="{confirm_name(measures["DEATHS-30"])}"' not in page
    assert the_month() is None

    response = clients["data_manager"].post(URL, {**unusual, box: "on", "action": "submit"})
    assert response.status_code == 302
    month = the_month()
    assert month.status == Submission.Status.SUBMITTED
    value = MeasureValue.objects.get(submission=month, measure=measures["ASSESS-20"], stratum=None)
    assert value.confirmed_unusual
    assert not MeasureValue.objects.get(
        submission=month, measure=measures["DEATHS-30"]
    ).confirmed_unusual
    assert "Far from the site&#x27;s usual, and confirmed" in clients["coach"].get(
        URL
    ).content.decode().replace("'", "&#x27;")


def test_a_draft_keeps_unusual_figures_for_confirming_later(clients, sites, measures):
    submitted_history(sites["north"], measures, [48, 50, 52, 50, 49, 51, 50, 47])
    unusual = complete(
        measures,
        **{
            name(measures, "ASSESS-20", "numerator"): "5",
            name(measures, "ASSESS-20", "denominator"): "100",
        },
    )
    response = clients["data_manager"].post(URL, {**unusual, "action": "save"}, follow=True)
    page = response.content.decode()
    assert "confirm them before you submit" in page
    assert f'name="{confirm_name(measures["ASSESS-20"])}"' in page
    value = MeasureValue.objects.get(measure=measures["ASSESS-20"], submission=the_month())
    assert not value.confirmed_unusual
