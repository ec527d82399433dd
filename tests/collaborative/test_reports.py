"""Monthly reports: made and e-mailed by themselves (the command, or a coach's button, through
the task backend), each site's to its own people and the collaborative's to the coaches; kept as
they were sent; readable only by those they were written for; never sent twice."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from collaborative import reports, submissions
from collaborative.models import MonthlyReport, Submission

from .test_charts import add_sites, count_history, month, ratio_history

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

JUNE = month(5)  # the sixth month of the history (2025-06)


@pytest.fixture
def history(sites, measures, people):
    """Six submitted months of four sites (North, South and two more)."""
    everyone = [sites["north"], sites["south"], *add_sites(2)]
    for number, site in enumerate(everyone):
        ratio_history(site, measures["ASSESS-20"], [(30 + number, 60)] * 6)
        count_history(site, measures["DEATHS-30"], [12 + number] * 6)
    return everyone


def run(*args):
    out = StringIO()
    call_command("send_monthly_reports", *args, stdout=out)
    return out.getvalue()


def mail_to(mailoutbox, user):
    return [mail for mail in mailoutbox if mail.to == [user.email]]


def site_report_url(code="NORTH", period=JUNE):
    return reverse("collaborative:site_report", args=[code, f"{period:%Y-%m}"])


def coaching_staff():
    """Everyone who coaches (the demo's staff too), worked out from Django's permissions."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return {user.email for user in users if user.has_perm("collaborative.coach_sites")}


def test_each_site_and_the_coaches_are_sent_their_report(history, people, mailoutbox):
    coaches = coaching_staff()
    emails = 3 + len(coaches)
    assert run("--month", "2025-06") == f"Reports of 2025-06: 5 made, 5 sent ({emails} e-mails).\n"
    whole = [m for m in mailoutbox if m.subject == "The collaborative's report for June 2025"]
    assert {m.to[0] for m in whole} == coaches
    # North's data manager and team, South's data manager; the coach and the superuser (who
    # coaches by right) the collaborative's. The two extra sites have no people to tell.
    for role in ("data_manager", "team"):
        (mail,) = mail_to(mailoutbox, people[role])
        assert mail.subject == "North Shore Medical Center: your collaborative report for June 2025"
        assert site_report_url() in mail.body
        assert site_report_url() in mail.alternatives[0][0]
    (south,) = mail_to(mailoutbox, people["other_site"])
    assert site_report_url("SOUTH") in south.body
    for role in ("coach", "superuser"):
        (mail,) = mail_to(mailoutbox, people[role])
        assert mail.subject == "The collaborative's report for June 2025"
        assert reverse("collaborative:report", args=["2025-06"]) in mail.body
    assert not mail_to(mailoutbox, people["outsider"])
    assert MonthlyReport.objects.filter(period=JUNE, sent_at__isnull=False).count() == 5


def test_running_again_sends_nothing_twice_and_finishes_a_stopped_run(history, mailoutbox):
    run("--month", "2025-06")
    sent = len(mailoutbox)
    assert run("--month", "2025-06") == "Reports of 2025-06: 0 made, 0 sent (0 e-mails).\n"
    assert len(mailoutbox) == sent
    # A run that stopped after making one report: the next run makes and sends the rest.
    MonthlyReport.objects.filter(period=JUNE).exclude(site__code="NORTH").delete()
    MonthlyReport.objects.filter(period=JUNE).update(sent_at=None)
    emails = 3 + len(coaching_staff())
    assert run("--month", "2025-06") == f"Reports of 2025-06: 4 made, 5 sent ({emails} e-mails).\n"


def test_a_report_reads_as_it_was_sent(history, sites, people, clients):
    run("--month", "2025-06")
    north = Submission.objects.get(site=sites["north"], period=JUNE)
    submissions.add_comment(north, author=people["coach"], text="Triage timer is working well.")
    page = clients["team"].get(site_report_url()).content.decode()
    assert "Triage timer" not in page
    assert "No comments on this month." in page
    # The report made now would hold it: the page shows the snapshot, not today's figures.
    assert "Triage timer" in reports.site_report_html(sites["north"], JUNE)


def test_the_site_report_shows_the_month_the_comments_and_the_charts(
    history, sites, people, clients, measures
):
    north = Submission.objects.get(site=sites["north"], period=JUNE)
    submissions.add_comment(north, author=people["coach"], text="Triage timer is working well.")
    Submission.objects.filter(site=sites["north"], period=month(4)).update(
        status=Submission.Status.DRAFT, submitted_at=None
    )
    run("--month", "2025-06")
    soup = BeautifulSoup(clients["data_manager"].get(site_report_url()).content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "North Shore Medical Center: report for June 2025" in text
    assert "Submitted " in text and "Triage timer is working well." in text
    months = [
        row.get_text(" ", strip=True)
        for row in soup.select("#report-months-heading ~ table tbody tr")
    ]
    assert months[0].startswith("June 2025") and months[1].startswith("May 2025 ")
    assert "Draft" in months[1]
    charts = [h.get_text(strip=True) for h in soup.select(".portal-report__measure h3")]
    assert sorted(charts) == sorted(m.name for m in measures.values())
    assessment = soup.select_one("#report-ASSESS-20").find_parent("section")
    assert [c.get_text(strip=True) for c in assessment.select("figcaption")] == [
        "North Shore Medical Center",
        "All sites",
    ]


def test_a_site_report_names_no_other_site_and_the_coaches_report_names_them_all(history, clients):
    run("--month", "2025-06")
    north = clients["team"].get(site_report_url()).content.decode()
    assert "North Shore Medical Center" in north
    assert "South Coast Hospital" not in north and "Extra Hospital" not in north
    whole = clients["coach"].get(reverse("collaborative:report", args=["2025-06"]))
    soup = BeautifulSoup(whole.content, "html.parser")
    names = [
        th.get_text(strip=True) for th in soup.select("#report-status-heading ~ table tbody th")
    ]
    assert names == [
        "Extra Hospital 0",
        "Extra Hospital 1",
        "North Shore Medical Center",
        "South Coast Hospital",
    ]
    assert "4 of 4 sites submitted." in soup.get_text(" ", strip=True)


def test_the_coaches_report_charts_each_measure_pooled_and_links_every_sites_charts(
    history, clients, measures
):
    run("--month", "2025-06")
    whole = clients["coach"].get(reverse("collaborative:report", args=["2025-06"]))
    soup = BeautifulSoup(whole.content, "html.parser")
    assessment = soup.select_one("#report-ASSESS-20").find_parent("section")
    assert [c.get_text(strip=True) for c in assessment.select("figcaption")] == ["All sites"]
    # The four sites' 30 to 33 of 60 a month, pooled: 126 of 240.
    assert "52.5%" in assessment.get_text(" ", strip=True)
    link = assessment.find("a", string="Every site's chart of " + measures["ASSESS-20"].name)
    assert link["href"] == reverse("collaborative:coach_measure", args=["ASSESS-20"])
    deaths = soup.select_one("#report-DEATHS-30").find_parent("section")
    assert deaths.select("svg") and deaths.select("figcaption")


def test_only_the_reports_readers_may_open_them(history, clients):
    run("--month", "2025-06")
    site_pages = [reverse("collaborative:site_reports", args=["NORTH"]), site_report_url()]
    for url in site_pages:
        anonymous = clients["anonymous"].get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
        for role in ("outsider", "other_site"):
            assert clients[role].get(url).status_code == 404, (url, role)
        for role in ("data_manager", "team", "coach", "superuser"):
            response = clients[role].get(url)
            assert response.status_code == 200, (url, role)
            assert response["Cache-Control"] == "private, no-store"
    coach_pages = [
        reverse("collaborative:reports"),
        reverse("collaborative:report", args=["2025-06"]),
    ]
    for url in coach_pages:
        assert clients["anonymous"].get(url).status_code == 302
        for role in ("outsider", "data_manager", "team", "other_site"):
            assert clients[role].get(url).status_code == 403, (url, role)
        assert clients["coach"].get(url).status_code == 200
    assert clients["data_manager"].post(reverse("collaborative:reports")).status_code == 403
    assert clients["coach"].get(site_report_url(period=month(3))).status_code == 404
    assert (
        clients["coach"]
        .get(reverse("collaborative:site_report", args=["NORTH", "2025-6"]))
        .status_code
        == 404
    )


def test_a_coach_sends_the_latest_months_reports_from_the_reports_page(
    history, clients, people, mailoutbox, settings, monkeypatch
):
    # As if today were July 25, 2025: June's figures were due on July 20.
    monkeypatch.setattr(submissions, "today", lambda: datetime.date(2025, 7, 25))
    settings.COLLABORATIVE_DUE_DAY = 20
    page = clients["coach"].get(reverse("collaborative:reports")).content.decode()
    assert "Send the reports of June 2025" in page and "Not sent yet." in page
    response = clients["coach"].post(reverse("collaborative:reports"), follow=True)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    emails = 3 + len(coaching_staff())
    assert f"Reports of June 2025: 5 made, 5 sent ({emails} e-mails)." in text
    assert "They have been sent." in text
    assert reverse("collaborative:report", args=["2025-06"]) in response.content.decode()
    assert mail_to(mailoutbox, people["team"])


def test_a_site_that_had_not_joined_gets_no_report(history, sites, mailoutbox):
    sites["south"].joined_on = datetime.date(2025, 7, 1)
    sites["south"].save()
    run("--month", "2025-06")
    assert not MonthlyReport.objects.filter(site=sites["south"]).exists()


def test_a_month_that_is_not_one_is_refused(history):
    for bad in ("2025-13", "June", "2025-6"):
        with pytest.raises(CommandError, match="is not a month like 2026-04"):
            run("--month", bad)
    assert not MonthlyReport.objects.exists()
