"""A site's home page: who may open it, which months are due and where each stands (the oldest
unsubmitted offered first), its links and PDSA log; the list of sites and /my-site/."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from collaborative.models import PDSACycle, SitePerson, Submission
from collaborative.periods import due_date, month_of, next_month, previous_month

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

HOME = "/collaborative/sites/NORTH/"
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


def months_ago(count):
    period = month_of(timezone.localdate())
    for _n in range(count):
        period = previous_month(period)
    return period


def joined(site, months):
    """The site joined `months` months before the current one."""
    site.joined_on = months_ago(months)
    site.save()


def submit(site, period, **fields):
    return Submission.objects.create(
        site=site,
        period=period,
        status=Submission.Status.SUBMITTED,
        submitted_at=timezone.now(),
        **fields,
    )


@pytest.mark.parametrize(("role", "status"), STATUSES)
def test_who_may_open_a_sites_home(clients, sites, role, status):
    response = clients[role].get(HOME)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert_private(response)
    if status == 200:
        assert "North Shore Medical Center" in response.content.decode()


def test_the_spanish_address_works_too(clients, sites):
    response = clients["data_manager"].get("/es" + HOME)
    assert response.status_code == 200
    assert "North Shore Medical Center" in response.content.decode()


def test_months_due_with_their_status_oldest_unsubmitted_first(clients, sites, people):
    north = sites["north"]
    joined(north, 4)
    oldest, second, third, last = (months_ago(n) for n in (4, 3, 2, 1))
    submit(north, oldest)
    Submission.objects.create(site=north, period=second)  # a draft
    # Reopened: submitted once, now a draft again.
    Submission.objects.create(site=north, period=third, submitted_at=timezone.now())

    page = clients["data_manager"].get(HOME).content.decode()

    # The oldest month not submitted is offered first, to be entered.
    assert f"The oldest month not yet submitted is <strong>{second:%B %Y}</strong>" in page
    month_url = reverse("collaborative:site_month", args=["NORTH", f"{second:%Y-%m}"])
    assert f'href="{month_url}">Enter {second:%B %Y}</a>' in page
    to_do = page.split('id="to-do-heading"')[1].split('id="submitted-heading"')[0]
    assert to_do.index(f"{second:%B %Y}") < to_do.index(f"{third:%B %Y}")
    assert to_do.index(f"{third:%B %Y}") < to_do.index(f"{last:%B %Y}")
    for period, status in ((second, "Draft"), (third, "Reopened"), (last, "Not started")):
        row = to_do.split(f"{period:%B %Y}</a>")[1].split("</tr>")[0]
        assert f'<span class="usa-tag">{status}</span>' in row
        assert f"{due_date(period, 20):%B} {due_date(period, 20).day}, " in row
    submitted = page.split('id="submitted-heading"')[1]
    assert f"{oldest:%B %Y}" in submitted and f"{second:%B %Y}" not in submitted
    # The month not yet ended is announced, not offered.
    current = month_of(timezone.localdate())
    assert f"{current:%B %Y} can be entered from {next_month(current):%B} 1, " in page


def test_overdue_months_say_so(clients, sites, settings):
    settings.COLLABORATIVE_DUE_DAY = 1
    joined(sites["north"], 2)
    page = clients["team"].get(HOME).content.decode()
    assert "(overdue)" in page
    # The team reads; the oldest month is opened, not entered.
    assert f"Open {months_ago(2):%B %Y}</a>" in page


def test_a_site_with_everything_submitted(clients, sites):
    north = sites["north"]
    joined(north, 2)
    for n in (2, 1):
        submit(north, months_ago(n))
    page = clients["coach"].get(HOME).content.decode()
    assert "Every month that has ended is submitted." in page


def test_links_to_charts_and_reports_only_when_they_exist(clients, sites):
    page = clients["team"].get(HOME).content.decode()
    for name, label in (
        ("collaborative:site_charts", "Charts"),
        ("collaborative:site_reports", "Monthly reports"),
    ):
        try:
            url = reverse(name, args=["NORTH"])
        except Exception:  # noqa: BLE001 - not built yet: no link
            assert f">{label}</a>" not in page
        else:
            assert f'href="{url}"' in page
    assert f'href="{reverse("collaborative:site_pdsa", args=["NORTH"])}"' in page


def test_the_pdsa_log_on_the_home_page(clients, sites, people, measures):
    cycle = PDSACycle.objects.create(
        site=sites["north"],
        title="Sepsis huddle at triage",
        plan="Huddle at triage for every positive screen.",
        started_on=datetime.date(2025, 3, 1),
    )
    cycle.measures.add(measures["ASSESS-20"])
    PDSACycle.objects.create(
        site=sites["south"], title="South's own test", plan="x", started_on="2025-03-01"
    )
    page = clients["coach"].get(HOME).content.decode()
    assert "Sepsis huddle at triage" in page
    assert "ASSESS-20" in page
    assert "South&#x27;s own test" not in page and "South's own test" not in page
    # Coaches read the log; the site's people record in it.
    add = reverse("collaborative:site_pdsa_add", args=["NORTH"])
    assert add not in page
    assert add in clients["team"].get(HOME).content.decode()


def test_simulated_sites_say_so(clients, sites):
    north = sites["north"]
    north.simulated = True
    north.save()
    assert "figures are simulated" in clients["team"].get(HOME).content.decode()


def test_a_site_that_left(clients, sites):
    north = sites["north"]
    joined(north, 4)
    north.left_on = months_ago(3)
    north.save()
    for n in (4, 3):
        submit(north, months_ago(n))
    page = clients["data_manager"].get(HOME).content.decode()
    assert "The site left the collaborative after" in page
    assert "can be entered from" not in page


# The list of sites and /my-site/


def test_my_site_sends_people_to_their_site_and_coaches_to_the_list(clients, sites, people):
    assert clients["data_manager"].get("/collaborative/my-site/")["Location"] == HOME
    assert clients["team"].get("/collaborative/my-site/")["Location"] == HOME
    assert clients["coach"].get("/collaborative/my-site/")["Location"] == "/collaborative/sites/"
    assert clients["outsider"].get("/collaborative/my-site/").status_code == 403
    response = clients["anonymous"].get("/collaborative/my-site/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Someone at two sites chooses.
    SitePerson.objects.create(site=sites["south"], user=people["team"])
    assert clients["team"].get("/collaborative/my-site/")["Location"] == "/collaborative/sites/"


def test_the_list_of_sites(clients, sites, people):
    submit(sites["south"], datetime.date(2025, 2, 1))
    coach_page = clients["coach"].get("/collaborative/sites/")
    assert coach_page.status_code == 200
    assert_private(coach_page)
    text = coach_page.content.decode()
    assert "North Shore Medical Center" in text and "South Coast Hospital" in text
    assert "February 2025" in text
    assert "Casey Coach" in text
    # A site's people see only their own.
    text = clients["team"].get("/collaborative/sites/").content.decode()
    assert "North Shore Medical Center" in text and "South Coast Hospital" not in text
    assert clients["outsider"].get("/collaborative/sites/").status_code == 403
    assert clients["anonymous"].get("/collaborative/sites/").status_code == 302
