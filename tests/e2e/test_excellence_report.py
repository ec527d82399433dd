"""Journey: a member organization's nurse educator reports a colleague's good sepsis care (the
form first refusing a record number, saving nothing); a consortium moderator approves it in the
Wagtail admin (logging in with an authenticator code); the colleague receives the thanks by
e-mail, opens the report from its link and agrees that a story may name them."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.journey import link_path, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

REPORTER = "priya.natarajan@example.org"  # a member hospital's clinical nurse educator
MODERATOR = "rachel.goldberg@example.org"  # consortium staff (Moderators)
RECOGNIZED = ("Sam Okoye, RN", "sam.okoye@example.org")
WHAT = "Repeated the sepsis screen when the patient's breathing changed and called the team."


def tick(where, label):
    """Check a USWDS checkbox or radio button as a person does: by its label (the input
    itself is drawn off-screen)."""
    where.locator("label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()


@pytest.fixture
def moderator_secret(demo_site):
    from django.contrib.auth import get_user_model

    from tests.conftest import activate_totp

    return activate_totp(get_user_model().objects.get(email=MODERATOR))


def test_a_report_is_moderated_and_the_named_person_thanked(moderator_secret, journey):
    from excellence.models import ExcellenceReport

    # The reporter finds the form from the stories' page.
    reporter = journey.page()
    journey.visit(reporter, "/accounts/login/?next=/learning-from-excellence/")
    log_in(journey, reporter, REPORTER)
    journey.arrive(reporter, "/learning-from-excellence/")
    reporter.get_by_role("link", name="Report excellent sepsis care").click()
    journey.arrive(reporter, "/excellence-reports/new/")
    expect(reporter.get_by_role("main")).to_contain_text("No patient information.")

    form = reporter.get_by_role("main").locator("form")
    tick(form, "A person")
    form.get_by_label("Their name (or the team's)").fill(RECOGNIZED[0])
    form.get_by_label("Their e-mail address").fill(RECOGNIZED[1])
    form.get_by_label("Where it happened").select_option(label="Saltmeadow General Hospital")
    form.get_by_label("Unit or department").fill("emergency department")
    form.get_by_label("What they did").fill(WHAT + " MRN 00482913.")
    form.get_by_label("Why it mattered").fill("Antibiotics ran within 1 hour of time zero.")
    tick(form, "Time zero")
    tick(form, "My name may be given with this report")
    tick(form, "This may be shared as a de-identified story")
    tick(form, "I have left out everything that could identify a patient.")
    form.get_by_role("button", name="Send the report").click()
    journey.arrive(reporter, "/excellence-reports/new/", "the form refusing a record number")
    expect(reporter.get_by_role("alert").first).to_contain_text(
        "Check these answers: nothing was saved"
    )
    expect(reporter.get_by_role("main")).to_contain_text(
        "What they did: This looks like a medical record number"
    )
    assert not ExcellenceReport.objects.filter(recognized_email=RECOGNIZED[1]).exists()

    form.get_by_label("What they did").fill(WHAT)
    # The answers and choices are kept; only the refused text needs changing.
    expect(form.get_by_label("Time zero")).to_be_checked()
    form.get_by_role("button", name="Send the report").click()
    journey.arrive(reporter, "/excellence-reports/thanks/")
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Thank you for your report")

    # A moderator approves it in the admin.
    moderator = journey.page()
    moderator.goto(journey.url("/admin/excellence/reports/"))
    journey.arrive(moderator, re.compile(r"/accounts/login/\?next=/admin/excellence/reports/"))
    log_in(journey, moderator, MODERATOR, totp_secret=moderator_secret)
    journey.arrive(moderator, "/admin/excellence/reports/")
    row = moderator.get_by_role("row", name=re.compile(re.escape(RECOGNIZED[0])))
    row.get_by_role("button", name=re.compile("More options")).click()
    mail.outbox.clear()
    row.get_by_role("link", name="Moderate").click()
    journey.arrive(moderator, re.compile(r"/admin/excellence/reports/moderate/\d+/$"))
    expect(moderator.get_by_role("main")).to_contain_text(WHAT)
    tick(moderator, "Approve: e-mail the feedback to the people named")
    moderator.get_by_label("Notes").fill("A clear example of time zero at work.")
    moderator.get_by_role("button", name="Save the decision").click()
    journey.arrive(moderator, "/admin/excellence/reports/")
    expect(moderator.get_by_role("status").or_(moderator.locator(".messages"))).to_contain_text(
        f"Report approved. The feedback is on its way to {RECOGNIZED[1]}."
    )

    # The person named gets one e-mail, and its link opens the report.
    (message,) = [m for m in mail.outbox if m.to == [RECOGNIZED[1]]]
    assert "Priya Natarajan saw your sepsis care" in message.body
    assert "A clear example" not in message.body
    recognized = journey.page()
    journey.visit(recognized, link_path(message, r"/excellence-feedback/"))
    expect(recognized.get_by_role("heading", level=1)).to_have_text(
        "You were recognized for excellent sepsis care"
    )
    expect(recognized.get_by_role("main")).to_contain_text(WHAT)
    tick(recognized, "Yes, you may name me (or my team)")
    recognized.get_by_role("button", name="Save my choice").click()
    journey.arrive(recognized, re.compile(r"/excellence-feedback/"))
    expect(recognized.get_by_role("status").first).to_contain_text("your choice is saved")
    report = ExcellenceReport.objects.get(recognized_email=RECOGNIZED[1])
    assert report.status == ExcellenceReport.Status.APPROVED
    assert report.recognized_may_be_named and report.story_may_name
