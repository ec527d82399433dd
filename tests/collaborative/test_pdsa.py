"""The PDSA log: a site's people list, record and edit its tests of change; coaches read them;
another site's log and cycles are not found."""

import datetime

import pytest

from collaborative.models import PDSACycle

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

LOG = "/collaborative/sites/NORTH/pdsa/"
ADD = LOG + "new/"
READERS = [
    ("anonymous", 302),
    ("outsider", 404),
    ("other_site", 404),
    ("data_manager", 200),
    ("team", 200),
    ("coach", 200),
    ("superuser", 200),
]


@pytest.fixture
def cycle(sites, measures, people):
    made = PDSACycle.objects.create(
        site=sites["north"],
        title="Sepsis huddle at triage",
        plan="Huddle at triage for every positive screen; we predict faster assessments.",
        do="Tried on the night shift for two weeks.",
        started_on=datetime.date(2025, 3, 3),
        created_by=people["team"],
    )
    made.measures.add(measures["ASSESS-20"])
    return made


def form(known, **changes):
    """The form's fields; `known` the measures fixture."""
    data = {
        "title": "Antibiotics from the ED fridge",
        "plan": "Stock first-dose antibiotics in the ED; we predict doses within the hour.",
        "do": "",
        "study": "",
        "act": "",
        "started_on": "2025-04-07",
        "ended_on": "",
        "measures": [known["ASSESS-20"].pk, known["DEATHS-30"].pk],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("role", "status"), READERS)
def test_who_reads_the_log_and_a_cycle(clients, cycle, role, status):
    for url in (LOG, f"{LOG}{cycle.pk}/"):
        response = clients[role].get(url)
        assert response.status_code == status
        if status == 302:
            assert response["Location"].startswith("/accounts/login/")
        if status == 200:
            page = response.content.decode()
            assert "Sepsis huddle at triage" in page
            assert "private" in response["Cache-Control"]


def test_the_sites_people_record_a_test_of_change(clients, sites, measures, people):
    for role in ("data_manager", "team"):
        assert clients[role].get(ADD).status_code == 200
    response = clients["team"].post(ADD, form(measures))
    cycle = PDSACycle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LOG}{cycle.pk}/"
    assert cycle.site == sites["north"]
    assert cycle.created_by == people["team"]
    assert cycle.started_on == datetime.date(2025, 4, 7)
    assert cycle.ended_on is None
    assert set(cycle.measures.values_list("code", flat=True)) == {"ASSESS-20", "DEATHS-30"}
    page = clients["coach"].get(f"{LOG}{cycle.pk}/").content.decode()
    assert "Antibiotics from the ED fridge" in page
    assert "First assessment with full vital signs within 20 minutes (ASSESS-20)" in page


def test_the_sites_people_edit_a_test_of_change(clients, cycle, measures):
    url = f"{LOG}{cycle.pk}/edit/"
    page = clients["data_manager"].get(url).content.decode()
    assert 'value="Sepsis huddle at triage"' in page
    response = clients["data_manager"].post(
        url,
        form(
            measures,
            title="Sepsis huddle at triage",
            study="Assessments within 20 minutes rose from 46% to 58%.",
            act="Adopt on every shift.",
            started_on="2025-03-03",
            ended_on="2025-04-30",
            measures=[measures["ASSESS-20"].pk],
        ),
    )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.act == "Adopt on every shift."
    assert cycle.ended_on == datetime.date(2025, 4, 30)
    assert PDSACycle.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("other_site", 404),
        ("coach", 403),
        ("superuser", 403),
    ],
)
def test_coaches_and_others_do_not_record_or_edit(clients, cycle, measures, role, status):
    for url in (ADD, f"{LOG}{cycle.pk}/edit/"):
        assert clients[role].get(url).status_code == status
        assert clients[role].post(url, form(measures, title="Changed")).status_code == status
    cycle.refresh_from_db()
    assert cycle.title == "Sepsis huddle at triage"
    assert PDSACycle.objects.count() == 1
    if role == "coach":
        assert "Record a test of change" not in clients["coach"].get(LOG).content.decode()


def test_another_sites_cycle_is_not_found(clients, sites, measures, people):
    south = PDSACycle.objects.create(
        site=sites["south"], title="South's test", plan="x", started_on="2025-01-06"
    )
    for url in (f"{LOG}{south.pk}/", f"{LOG}{south.pk}/edit/"):
        assert clients["data_manager"].get(url).status_code == 404
    response = clients["data_manager"].post(f"{LOG}{south.pk}/edit/", form(measures))
    assert response.status_code == 404
    south.refresh_from_db()
    assert south.title == "South's test"


def test_bad_answers_are_explained_and_nothing_is_saved(clients, sites, measures):
    response = clients["team"].post(
        ADD, form(measures, title="", started_on="2025-04-07", ended_on="2025-04-01")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Check these answers: nothing was saved" in page
    assert "Name the change you are testing." in page
    assert "The end is before the start." in page
    assert 'href="#id_ended_on"' in page
    response = clients["team"].post(ADD, form(measures, started_on="April"))
    assert "Enter a valid date." in response.content.decode()
    assert not PDSACycle.objects.exists()
