"""Moderating reports in the admin, the feedback e-mail to the people named (once, after the
commit, retried when it fails), the page its link opens, and drafting a story — from every
role."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from excellence import access
from excellence.models import ExcellenceReport, ExcellenceStoryPage
from tests.factories import UserFactory

from .conftest import client_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.bare,
    pytest.mark.usefixtures("no_admin_mfa"),
    pytest.mark.postgresql,
]


def admin_urls(report):
    return [
        reverse("excellence_reports:index"),
        reverse("excellence_reports:edit", args=[report.pk]),
        reverse("excellence_reports:inspect", args=[report.pk]),
        reverse("excellence_reports:moderate", args=[report.pk]),
        reverse("excellence_reports:draft_story", args=[report.pk]),
        reverse("excellence_interviews:index"),
        reverse("excellence_interviews:add"),
    ]


def feedback_link(message):
    return re.search(r"http://[^/\s]+(/excellence-feedback/[^\s]+/)", message.body).group(1)


def test_the_admin_screens_are_the_moderators(client, make_report, member, moderator):
    report = make_report()
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for url in admin_urls(report):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
        for outsider in (UserFactory(), member):  # no admin access at all
            assert client_for(outsider).get(url).status_code == 403, url
        # An editor uses the admin but holds no report permission: refused, nothing shown.
        response = client_for(editor).get(url)
        assert response.status_code in (302, 403), url
        assert report.recognized_email not in response.content.decode()
        for staff in (moderator, superuser):
            assert client_for(staff).get(url).status_code == 200, url


def test_reports_are_listed_for_moderators_without_an_add_button(make_report, moderator):
    make_report()
    page = client_for(moderator).get(reverse("excellence_reports:index")).content.decode()
    assert "Alex Rivera, RN" in page
    assert reverse("excellence_reports:moderate", args=[ExcellenceReport.objects.get().pk]) in page
    assert 'href="/admin/excellence/reports/new/"' not in page
    assert client_for(moderator).get("/admin/excellence/reports/new/").status_code == 302


def test_approving_sends_the_named_person_their_feedback_once(
    make_report, moderator, django_capture_on_commit_callbacks
):
    report = make_report()
    url = reverse("excellence_reports:moderate", args=[report.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(moderator).post(url, {"decision": "approve", "notes": "Lovely."})
    assert response.status_code == 302
    assert len(callbacks) == 1  # the e-mail waits for the commit
    report.refresh_from_db()
    assert report.status == ExcellenceReport.Status.APPROVED
    assert report.moderated_by == moderator and report.moderation_notes == "Lovely."
    assert report.feedback_sent_at is not None and report.feedback_attempts == 1
    (message,) = mail.outbox
    assert message.to == ["alex.rivera@example.org"]
    assert "recognized your sepsis care" in message.subject
    reporter = report.reporter.get_full_name()
    assert f"{reporter} saw your sepsis care" in message.body
    assert report.what_they_did in message.body
    assert "Lovely." not in message.body  # moderators' notes stay in the admin

    # Approving again, or the retry command, sends nothing more.
    response = client_for(moderator).post(url, {"decision": "approve", "notes": ""})
    assert response.status_code == 400
    assert "already approved" in response.content.decode()
    call_command("send_excellence_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_an_anonymous_reporter_is_not_named_in_the_feedback(
    make_report, moderator, django_capture_on_commit_callbacks
):
    report = make_report(reporter_may_be_named=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(moderator).post(
            reverse("excellence_reports:moderate", args=[report.pk]), {"decision": "approve"}
        )
    (message,) = mail.outbox
    assert "A colleague saw your sepsis care" in message.body
    assert report.reporter.last_name not in message.body
    assert report.reporter.last_name not in message.alternatives[0][0]


def test_a_failed_send_is_logged_kept_and_retried(
    make_report, moderator, settings, closed_port, caplog, django_capture_on_commit_callbacks
):
    report = make_report()
    locmem = settings.MAILERS
    # A real SMTP backend, to a port where no mail server listens.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 5},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(moderator).post(
            reverse("excellence_reports:moderate", args=[report.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302  # the approval stands
    report.refresh_from_db()
    assert report.status == ExcellenceReport.Status.APPROVED
    assert report.feedback_sent_at is None
    assert report.feedback_attempts == 1
    assert "ConnectionRefusedError" in report.feedback_error
    assert "Could not e-mail the feedback of excellence report" in caplog.text

    # The mail server is back: the scheduled command sends it.
    settings.MAILERS = locmem
    mail.outbox.clear()
    call_command("send_excellence_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    report.refresh_from_db()
    assert report.feedback_sent_at is not None and report.feedback_attempts == 2
    assert report.feedback_error == ""
    assert [m.to for m in mail.outbox] == [["alex.rivera@example.org"]]


def test_declining_needs_a_reason_and_sends_nothing(make_report, moderator):
    report = make_report()
    url = reverse("excellence_reports:moderate", args=[report.pk])
    mail.outbox.clear()
    response = client_for(moderator).post(url, {"decision": "decline", "notes": " "})
    assert response.status_code == 400
    assert "Say why the report is declined" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ExcellenceReport.Status.PENDING
    response = client_for(moderator).post(url, {"decision": "decline", "notes": "Duplicate."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ExcellenceReport.Status.DECLINED
    assert mail.outbox == []
    assert access.report_for_feedback_token(access.feedback_token(report)) is None


def test_the_feedback_link_opens_the_report_to_its_holder_only(client, make_report, member):
    report = make_report(status=ExcellenceReport.Status.APPROVED)
    url = reverse("excellence_feedback", args=[access.feedback_token(report)])
    response = client.get(url)
    assert response.status_code == 200
    assert report.what_they_did in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    # Any logged-in person with the link sees what its holder sees; without it, nothing.
    assert client_for(member).get(url).status_code == 200
    forged = url.replace(url.rsplit(":", 1)[-1], "forged/")
    assert client.get(forged).status_code == 404
    other = make_report(status=ExcellenceReport.Status.PENDING)
    assert (
        client.get(reverse("excellence_feedback", args=[access.feedback_token(other)])).status_code
        == 404
    )
    # A corrected address invalidates links sent to the old one.
    report.recognized_email = "alex.r@example.org"
    report.save()
    assert client.get(url).status_code == 404


def test_the_people_named_choose_whether_a_story_may_name_them(client, make_report):
    report = make_report(status=ExcellenceReport.Status.APPROVED)
    url = reverse("excellence_feedback", args=[access.feedback_token(report)])
    assert client.post(url, {"may_be_named": "maybe"}).status_code == 200
    report.refresh_from_db()
    assert report.recognized_may_be_named is False
    assert client.post(url, {"may_be_named": "yes"}).status_code == 302
    report.refresh_from_db()
    assert report.recognized_may_be_named is True
    assert report.story_may_name is True


def test_drafting_a_story_names_people_only_with_both_consents(
    make_report, moderator, stories_index, themes
):
    anonymous = make_report(
        status=ExcellenceReport.Status.APPROVED,
        recognized_may_be_named=False,
        themes=[themes["time-zero"]],
    )
    response = client_for(moderator).post(
        reverse("excellence_reports:draft_story", args=[anonymous.pk])
    )
    story = ExcellenceStoryPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live
    assert story.get_parent().pk == stories_index.pk
    assert story.recognized == "A colleague in emergency department"
    assert "Alex" not in story.title + story.what_they_did + story.slug
    assert anonymous.reporter.last_name not in story.what_they_did
    assert list(story.themes.all()) == [themes["time-zero"]]
    anonymous.refresh_from_db()
    assert anonymous.story_id == story.pk

    named = make_report(status=ExcellenceReport.Status.APPROVED, recognized_may_be_named=True)
    client_for(moderator).post(reverse("excellence_reports:draft_story", args=[named.pk]))
    named.refresh_from_db()
    assert named.story.recognized == f"Alex Rivera, RN, {named.organization.name}"
    assert named.reporter.get_full_name() in named.story.what_they_did


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ExcellenceReport.Status.PENDING},
        {"status": ExcellenceReport.Status.APPROVED, "may_be_shared": False},
        {"status": ExcellenceReport.Status.DECLINED},
    ],
)
def test_only_approved_shareable_reports_become_stories(
    make_report, moderator, stories_index, fields
):
    report = make_report(**fields)
    response = client_for(moderator).post(
        reverse("excellence_reports:draft_story", args=[report.pk])
    )
    assert response.status_code == 400
    assert "Only an approved report whose reporter agreed" in response.content.decode()
    assert not ExcellenceStoryPage.objects.exists()


def test_an_interview_starts_from_the_standard_questions(make_report, moderator):
    report = make_report(status=ExcellenceReport.Status.APPROVED)
    client = client_for(moderator)
    page = client.get(reverse("excellence_interviews:add") + f"?report={report.pk}")
    assert "What helped you do it well" in page.content.decode()
    assert page.context["form"].initial["report"] == str(report.pk)
