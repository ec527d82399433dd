"""Journeys of the improvement collaborative, on the demo's ten hospitals (collaborative.demo).

A data manager's month: the demo site's data manager opens their site from the bookmarked
/collaborative/my-site/, enters the oldest month not yet submitted (one of the site's gap
months), saves a draft, reads the month on a phone, then submits it, confirming the figure the
site flags as far from its usual; the coach is e-mailed, and the site's chart now has the
month, with the figures typed.

A coach's review: the coach reads every site's small multiples and who has not submitted,
comments on a site's submitted month (its data manager is e-mailed), reads one measure's page
of every site by name, and sends the month's reports; the data manager follows the link in
their report's e-mail and reads it after logging in.
"""

import re

import pytest
from django.core import mail
from django.db.models import Max
from django.utils import timezone
from playwright.sync_api import expect

from collaborative import charts, periods
from collaborative.demo import content
from collaborative.models import MeasureValue, Submission
from tests.e2e.journey import link_path, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SITE = content.DEMO_SITE
SITE_NAME = next(site["name"] for site in content.SITES if site["code"] == SITE)
SITE_HOME = f"/collaborative/sites/{SITE}/"
MANAGER = content.DATA_MANAGER[0]
COACH = content.COACH[0]
COACH_NAME = f"{content.COACH[1]} {content.COACH[2]}"
SITE_NAMES = sorted(site["name"] for site in content.SITES)
# The month's figures for all patients: (numerator, denominator) of a ratio, (count,) of a
# count. The site had almost no third bolus on time before (its median is none): two of three
# is far from its usual, and the form asks to confirm it.
FIGURES = {
    "ASSESS-20": (17, 30),
    "BOLUS1-15": (5, 11),
    "BOLUS3-60": (2, 3),
    "ABX-60": (20, 30),
    "SEVERE": (12,),
    "MORT-3D": (0, 12),
    "MORT-30D": (1, 12),
}
UNUSUAL = "BOLUS3-60"
BARRIERS = "Entered late: our new abstractor caught up on the months we missed."
COMMENT = "Thanks for the month. Could the huddle notes say who started the first bolus?"


def measure_group(form, code):
    """A measure's fieldset in the month's form, named by its legend "Name (CODE)"."""
    return form.get_by_role("group", name=re.compile(rf"\({re.escape(code)}\)$"))


def all_patients(form, code):
    """A measure's fields for all patients (its age bands and other groups are optional)."""
    return measure_group(form, code).get_by_label(re.compile(r"\(All patients\)$"))


def log_in_from(journey, page, path, email):
    """Open a bookmarked page, log in through the form it sends to, and come back to it."""
    page.goto(journey.url(path))
    journey.arrive(page, re.compile(r"/accounts/login/\?next="))
    log_in(journey, page, email)


def test_a_data_manager_enters_and_submits_a_month(journey):
    page = journey.page(viewport=DESKTOP)
    log_in_from(journey, page, "/collaborative/my-site/", MANAGER)
    journey.arrive(page, SITE_HOME)
    expect(page.get_by_role("heading", level=1)).to_have_text(SITE_NAME)

    # The oldest month not yet submitted: the first of the months the site missed.
    next_step = page.get_by_role("region", name="Next to do")
    enter = next_step.get_by_role("link", name=re.compile(r"^Enter "))
    month = enter.inner_text().removeprefix("Enter ")  # "February 2026"
    enter.click()
    journey.arrive(page, re.compile(rf"{SITE_HOME}months/\d{{4}}-\d{{2}}/$"))
    month_url = page.url
    month_path = month_url.removeprefix(journey.site_url)
    short_month = f"{month[:3]} {month.split()[-1]}"  # "Feb 2026", as charts label months
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{month} Not started")

    # Every figure a submission needs, for all patients; and the month's barriers.
    form = (
        page.get_by_role("main")
        .locator("form")
        .filter(has=page.get_by_role("button", name="Submit the month"))
    )
    for code, values in FIGURES.items():
        fields = all_patients(form, code)
        expect(fields).to_have_count(len(values))
        for field, value in zip(fields.all(), values, strict=True):
            field.fill(str(value))
    measure_group(form, "BARRIERS").get_by_label("Answer for Barriers this month").fill(BARRIERS)

    form.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_have_text(
        f"Draft of {month} saved. Nothing is sent until you submit it."
    )
    journey.check(page, "the month, saved as a draft")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{month} Draft")
    expect(page.get_by_role("status").filter(has_text="far from")).to_contain_text(
        "Some figures are far from your site's usual."
    )
    unusual = measure_group(form, UNUSUAL)
    expect(unusual).to_contain_text("These figures are far from your site's usual")
    for code, values in FIGURES.items():
        for field, value in zip(all_patients(form, code).all(), values, strict=True):
            expect(field).to_have_value(str(value))

    # The same month on a phone.
    page.set_viewport_size(PHONE)
    journey.check(page, "the month's draft at phone width")
    expect(form.get_by_role("button", name="Submit the month")).to_be_visible()
    page.set_viewport_size(DESKTOP)

    # Submitting without confirming the unusual figure: the form asks for it, saving nothing.
    mail.outbox.clear()
    form.get_by_role("button", name="Submit the month").click()
    summary = page.get_by_role("alert").filter(has_text="Check these figures")
    expect(summary).to_contain_text("nothing was saved")
    journey.check(page, "the month, asking to confirm a figure")
    expect(summary.get_by_role("link")).to_have_count(1)
    assert mail.outbox == []
    summary.get_by_role("link").click()
    # USWDS draws the box on its label (the input itself is moved off screen).
    confirm = unusual.get_by_label("I have checked: these figures are right.")
    unusual.get_by_text("I have checked: these figures are right.").click()
    expect(confirm).to_be_checked()
    form.get_by_role("button", name="Submit the month").click()
    expect(page.get_by_role("status")).to_have_text(
        f"{month} is submitted. Your coach has been told by e-mail."
    )
    journey.arrive(page, month_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{month} Submitted")
    expect(page.get_by_role("button", name="Submit the month")).to_have_count(0)
    expect(page.get_by_role("button", name="Reopen the month")).to_be_visible()
    expect(page.locator(f"#measure-{UNUSUAL}")).to_contain_text("Confirmed")

    # The coach is e-mailed, with a link to the month.
    assert [message.to for message in mail.outbox] == [[COACH]]
    [message] = mail.outbox
    assert message.subject == f"{SITE_NAME} submitted {month}"
    assert link_path(message, r"/months/") == month_path

    # The site's chart of first assessments now has the month, with the figures typed.
    page.get_by_role("navigation", name=f"Pages of {SITE_NAME}").get_by_role(
        "link", name="Charts"
    ).click()
    journey.arrive(page, f"{SITE_HOME}charts/")
    page.get_by_role(
        "link", name="First assessment with full vital signs within 20 minutes"
    ).click()
    journey.arrive(page, f"{SITE_HOME}charts/ASSESS-20/")
    page.get_by_text(f"Data table: {SITE_NAME}", exact=True).click()
    table = page.get_by_role(
        "table",
        name=f"First assessment with full vital signs within 20 minutes: {SITE_NAME}, each month",
    )
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=short_month))
    numerator, denominator = FIGURES["ASSESS-20"]
    expect(row.get_by_role("cell").nth(0)).to_have_text(f"{100 * numerator / denominator:.1f}%")
    expect(row.get_by_role("cell").nth(1)).to_have_text(str(numerator))
    expect(row.get_by_role("cell").nth(2)).to_have_text(str(denominator))
    journey.check(page, "the chart with its data table open")


def test_a_coach_reviews_comments_and_sends_the_monthly_reports(journey):
    page = journey.page(viewport=DESKTOP)
    log_in_from(journey, page, "/collaborative/coach/", COACH)
    journey.arrive(page, "/collaborative/coach/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coaching the collaborative")

    # Who has not submitted the latest month due: the demo site's last month is a draft, due
    # on the due day of this month; before then the month before it is the latest due, and
    # every site submitted that.
    today = timezone.localdate()
    due_month = charts.latest_due_month(today)
    missing = page.get_by_role("region", name=re.compile(r"^Not yet submitted: "))
    expect(missing.get_by_role("heading")).to_contain_text(
        f"Not yet submitted: {due_month:%B %Y} (due "
    )
    if due_month == periods.previous_month(periods.month_of(today)):
        expect(missing.get_by_role("row", name=SITE_NAME)).to_contain_text("Draft saved")
    else:
        expect(missing).to_contain_text("Every site has submitted it.")

    # The index of the measures: the collaborative's latest month of each, with its sites.
    measures = page.get_by_role("table", name="The collaborative's latest month of each measure")
    assessments = measures.get_by_role(
        "row", name=re.compile(r"^First assessment with full vital signs within 20 minutes")
    )
    submitted = MeasureValue.objects.filter(
        measure__code="ASSESS-20",
        stratum=None,
        submission__status=Submission.Status.SUBMITTED,
        numerator__isnull=False,
    )
    latest = submitted.aggregate(latest=Max("submission__period"))["latest"]
    expect(assessments.get_by_role("cell").nth(0)).to_have_text(
        re.compile(rf"^\d+(\.\d)?% \({latest:%b %Y}\)$")
    )
    sites_in_it = submitted.filter(submission__period=latest).count()
    expect(assessments.get_by_role("cell").nth(1)).to_have_text(str(sites_in_it))

    # A site's latest submitted month, from the list of every site.
    page.get_by_role("link", name="Every site").click()
    journey.arrive(page, "/collaborative/sites/")
    page.get_by_role("link", name=SITE_NAME).click()
    journey.arrive(page, SITE_HOME)
    submitted = page.get_by_role("region", name="Submitted months")
    latest = submitted.get_by_role("rowheader").first.get_by_role("link")
    month = latest.inner_text()
    latest.click()
    journey.arrive(page, re.compile(rf"{SITE_HOME}months/\d{{4}}-\d{{2}}/$"))
    month_path = page.url.removeprefix(journey.site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{month} Submitted")

    # The coach comments; the site's data manager is e-mailed.
    comments = page.get_by_role("region", name="Coach's comments")
    comments.get_by_label("Comment", exact=True).fill(COMMENT)
    mail.outbox.clear()
    comments.get_by_role("button", name="Post the comment").click()
    journey.arrive(page, re.compile(re.escape(month_path) + "#comments$"))
    expect(page.get_by_role("status")).to_have_text(
        "Your comment is posted; the site's data manager is e-mailed."
    )
    posted = comments.get_by_role("article").last
    expect(posted).to_contain_text(COACH_NAME)
    expect(posted).to_contain_text(COMMENT)
    assert [message.to for message in mail.outbox] == [[MANAGER]]
    [message] = mail.outbox
    assert message.subject == f"Your coach commented on {month}"
    assert COMMENT in message.body
    assert link_path(message, r"/months/") == month_path

    # One measure's page: the pooled chart and every site's, named.
    journey.visit(page, "/collaborative/coach/")
    page.get_by_role("link", name="Antibiotics within 60 minutes").click()
    journey.arrive(page, "/collaborative/coach/measures/ABX-60/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Antibiotics within 60 minutes")
    every_site = page.get_by_role("region", name="Every site")
    expect(every_site.get_by_role("figure")).to_have_count(len(SITE_NAMES))
    for name in SITE_NAMES:
        expect(every_site.get_by_role("link", name=name, exact=True)).to_be_visible()

    # The month's reports, sent from the reports page.
    page.get_by_role("link", name="Coaching the collaborative").click()
    journey.arrive(page, "/collaborative/coach/")
    page.get_by_role("link", name="Monthly reports").click()
    journey.arrive(page, "/collaborative/reports/")
    send = page.get_by_role("button", name=re.compile(r"^Send the reports of "))
    report_month = send.inner_text().removeprefix("Send the reports of ")
    assert report_month == f"{due_month:%B %Y}"
    mail.outbox.clear()
    send.click()
    status = page.get_by_role("status")
    expect(status).to_contain_text(f"Reports of {report_month}: ")
    journey.check(page, "the reports page, after sending")
    reports_made = len(SITE_NAMES) + 1  # each site's and the collaborative's
    expect(status).to_have_text(
        f"Reports of {report_month}: {reports_made} made, {reports_made} sent "
        f"({len(mail.outbox)} e-mails). Reports already sent were not sent again."
    )
    assert any(
        message.to == [COACH]
        and message.subject == f"The collaborative's report for {report_month}"
        for message in mail.outbox
    )
    page.get_by_role("link", name=report_month, exact=True).click()
    journey.arrive(page, f"/collaborative/reports/{due_month:%Y-%m}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"The collaborative: report for {report_month}"
    )
    statuses = page.get_by_role("table", name="Each site's submission of the month")
    for name in SITE_NAMES:
        expect(statuses.get_by_role("rowheader", name=name, exact=True)).to_be_visible()

    # The data manager's report, from the link in their e-mail, in their own browser.
    [report_email] = [message for message in mail.outbox if message.to == [MANAGER]]
    assert report_email.subject == f"{SITE_NAME}: your collaborative report for {report_month}"
    report_path = link_path(report_email, rf"/collaborative/sites/{SITE}/reports/")
    assert report_path == f"{SITE_HOME}reports/{due_month:%Y-%m}/"
    manager = journey.page(viewport=DESKTOP)
    log_in_from(journey, manager, report_path, MANAGER)
    journey.arrive(manager, report_path)
    expect(manager.get_by_role("heading", level=1)).to_have_text(
        f"{SITE_NAME}: report for {report_month}"
    )
