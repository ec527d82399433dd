"""New-version e-mails: who gets one (subscribers, once each; never a downloader who did not
choose), what it says, and the one-click unsubscribe that stops the next one."""

import datetime
import re

import pytest
from django.core import mail

from tests.factories import UserFactory
from toolkits.models import ToolkitPage, ToolkitSubscription, ToolkitVersion, VersionNotice
from toolkits.tasks import send_version_notices
from toolkits.updates import unsubscribe_token

from .helpers import files, make_member

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def publish_version(page, number, change_log, capture):
    page = ToolkitPage.objects.get(pk=page.pk)
    page.version = number
    page.release_date = datetime.date(2026, 9, 14)
    page.change_log = f"<p>{change_log}</p>"
    with capture(execute=True):
        page.save_revision().publish()
    return page


def unsubscribe_link(message):
    return re.search(r"http://[^/\s]+(/toolkit-updates/unsubscribe/[^/\s]+/)", message.body)[1]


def test_new_version_e_mails_each_subscriber_once_and_no_mere_downloader(
    client, toolkit, organization, django_capture_on_commit_callbacks
):
    downloader = make_member(organization)
    client.force_login(downloader)
    client.get(files(toolkit)["Time zero guide"].url)
    client.post(toolkit.url + "updates/", {"action": "subscribe"})
    client.get(files(toolkit)["Time zero guide"].url)  # downloads too: still one e-mail
    only_downloads = make_member(organization)
    client.force_login(only_downloads)
    client.get(files(toolkit)["Time zero guide"].url)
    subscriber = UserFactory()
    client.force_login(subscriber)
    response = client.post(toolkit.url + "updates/", {"action": "subscribe"})
    assert response.status_code == 302
    bystander = UserFactory()  # neither downloaded nor subscribed
    anonymous_downloads = client.__class__()
    anonymous_downloads.get(files(toolkit)["Time zero guide"].url)
    mail.outbox.clear()

    publish_version(
        toolkit, "2.0", "Time zero now starts at triage.", django_capture_on_commit_callbacks
    )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([downloader.email, subscriber.email])
    assert bystander.email not in {m.to[0] for m in mail.outbox}
    assert only_downloads.email not in {m.to[0] for m in mail.outbox}
    message = mail.outbox[0]
    assert message.subject == "New version of Time zero in the emergency department: version 2.0"
    assert "Time zero now starts at triage." in message.body
    assert "Released September 14, 2026." in message.body
    assert toolkit.full_url in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_link(message) in message.extra_headers["List-Unsubscribe"]
    html = message.alternatives[0].content
    assert "Time zero now starts at triage." in html and unsubscribe_link(message) in html

    # The task run again (a retry, a second worker), or the same version republished: no more.
    version = ToolkitVersion.objects.get(page=toolkit, version="2.0")
    assert send_version_notices.call(version.pk) == 0
    publish_version(toolkit, "2.0", "Typo fixed.", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert VersionNotice.objects.filter(version=version).count() == 2


def test_first_publication_and_republishing_send_nothing(
    toolkit, organization, django_capture_on_commit_callbacks
):
    ToolkitSubscription.objects.create(user=make_member(organization), toolkit=toolkit)
    mail.outbox.clear()
    publish_version(
        toolkit, "1.0", "Same version, clearer words.", django_capture_on_commit_callbacks
    )
    assert mail.outbox == []


def test_one_click_unsubscribe_stops_the_next_e_mail(
    client, toolkit, organization, django_capture_on_commit_callbacks
):
    member = make_member(organization)
    client.force_login(member)
    client.post(toolkit.url + "updates/", {"action": "subscribe"})
    publish_version(toolkit, "2.0", "New checklist.", django_capture_on_commit_callbacks)
    link = unsubscribe_link(mail.outbox[-1])

    anonymous = client.__class__(enforce_csrf_checks=True)
    page = anonymous.get(link)  # a link checker opening it changes nothing
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    assert ToolkitSubscription.objects.get(user=member).active
    # The mail client's own button: a POST with no cookie and no CSRF token (RFC 8058).
    response = anonymous.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You will no longer be e-mailed" in response.content.decode()
    assert not ToolkitSubscription.objects.get(user=member).active

    # Downloading does not subscribe them again; the next version is not sent to them.
    client.get(files(toolkit)["Time zero checklist"].url)
    mail.outbox.clear()
    publish_version(toolkit, "3.0", "Another change.", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_forged_or_altered_unsubscribe_links_are_404(client, toolkit, organization):
    member = make_member(organization)
    ToolkitSubscription.objects.create(user=member, toolkit=toolkit)
    token = unsubscribe_token(member, toolkit)
    for bad in (token[:-2] + "xx", "nonsense", token.replace(":", ".")):
        assert client.post(f"/toolkit-updates/unsubscribe/{bad}/").status_code == 404
    assert ToolkitSubscription.objects.get(user=member).active


def test_subscribe_from_the_toolkit_page(client, toolkit, organization):
    response = client.get(toolkit.url)
    assert "Log in</a> to choose whether you are e-mailed" in response.content.decode()
    response = client.post(toolkit.url + "updates/", {"action": "subscribe"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get(toolkit.url + "updates/").status_code == 405

    member = make_member(organization)
    client.force_login(member)
    html = client.get(toolkit.url).content.decode()
    assert "You are not subscribed. Downloading files does not subscribe you." in html
    client.post(toolkit.url + "updates/", {"action": "subscribe"})
    html = client.get(toolkit.url).content.decode()
    assert "You will be e-mailed when a new version of this toolkit is published." in html
    client.post(toolkit.url + "updates/", {"action": "unsubscribe"})
    assert not ToolkitSubscription.objects.get(user=member).active


def test_a_failed_send_is_retried_not_lost(toolkit, organization, monkeypatch):
    member = make_member(organization)
    ToolkitSubscription.objects.create(user=member, toolkit=toolkit)
    version = ToolkitVersion.objects.create(
        page=toolkit, version="2.0", release_date=datetime.date(2026, 9, 14)
    )
    from django.core.mail import EmailMultiAlternatives

    real_send = EmailMultiAlternatives.send

    def broken(self, *args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with pytest.raises(ConnectionError):
        send_version_notices.call(version.pk)
    assert not VersionNotice.objects.exists()

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    mail.outbox.clear()
    assert send_version_notices.call(version.pk) == 1
    assert [m.to for m in mail.outbox] == [[member.email]]


STRUCTURED_LOG = (
    "<p>Screening now includes new confusion, even with normal vital signs.</p>"
    '<p>See the <a href="https://example.org/sbar">SBAR guide</a>.</p>'
    "<ul><li>Adds an SBAR script.</li><li>Adds a family leaflet.</li></ul>"
    "<script>alert('x')</script>"
)


def test_change_log_keeps_its_paragraphs_and_list_in_e_mails_and_on_the_page(
    client, toolkit, organization, django_capture_on_commit_callbacks
):
    ToolkitSubscription.objects.create(user=make_member(organization), toolkit=toolkit)
    page = ToolkitPage.objects.get(pk=toolkit.pk)
    page.version, page.change_log = "2.0", STRUCTURED_LOG
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    (message,) = mail.outbox
    assert (
        "What changed\n"
        "Screening now includes new confusion, even with normal vital signs.\n\n"
        "See the SBAR guide <https://example.org/sbar>.\n\n"
        "- Adds an SBAR script.\n"
        "- Adds a family leaflet.\n"
    ) in message.body
    html = message.alternatives[0].content
    assert "<p>Screening now includes new confusion, even with normal vital signs.</p>" in html
    assert '<a href="https://example.org/sbar">SBAR guide</a>' in html
    between_tags = re.sub(r">\s+<", "><", html)
    assert "<ul><li>Adds an SBAR script.</li><li>Adds a family leaflet.</li></ul>" in between_tags
    assert "<script>" not in html and "alert" not in html and "alert" not in message.body

    # Once superseded, the version history shows the same structure.
    page = ToolkitPage.objects.get(pk=toolkit.pk)
    page.version, page.change_log = "3.0", "<p>Adds a pediatric chart.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    history = client.get(toolkit.url).content.decode().split("Earlier versions (superseded)")[1]
    assert "<p>Screening now includes new confusion, even with normal vital signs.</p>" in history
    assert "<li>Adds an SBAR script.</li>" in history and "<script>" not in history


def test_versions_stored_as_plain_text_get_their_rich_text_back_from_the_page_history(toolkit):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("toolkits.migrations.0003_version_change_log_rich_text")
    page = ToolkitPage.objects.get(pk=toolkit.pk)
    page.version, page.change_log = "2.0", STRUCTURED_LOG
    page.save_revision().publish()
    page.change_log = "<p>A draft not yet published.</p>"
    page.save_revision()
    # How versions were stored before: tags stripped, paragraphs run together.
    ToolkitVersion.objects.filter(page=toolkit, version="2.0").update(
        change_log="Screening now includes new confusion.See the SBAR guide.Adds an SBAR script."
    )
    ToolkitVersion.objects.filter(page=toolkit, version="1.0").delete()
    orphan = ToolkitVersion.objects.create(
        page=toolkit, version="0.9", release_date=datetime.date(2025, 1, 1), change_log="Pilot."
    )

    migration.to_rich_text(apps, None)

    assert ToolkitVersion.objects.get(page=toolkit, version="2.0").change_log == STRUCTURED_LOG
    orphan.refresh_from_db()
    assert orphan.change_log == "<p>Pilot.</p>"


def test_a_download_offers_updates_once_and_never_to_someone_who_chose(
    client, toolkit, organization
):
    member = make_member(organization)
    client.force_login(member)
    client.get(files(toolkit)["Time zero guide"].url)
    html = client.get("/").content.decode()
    assert "Do you want an e-mail when a new version of Time zero in the emergency" in html
    assert f'href="{toolkit.url}#updates"' in html
    assert not ToolkitSubscription.objects.exists()

    # "Download all" offers it too; once they stopped the e-mails, nothing is offered.
    client.get(toolkit.url + "download-all/")
    assert "Do you want an e-mail" in client.get("/").content.decode()
    client.post(toolkit.url + "updates/", {"action": "unsubscribe"})
    client.get(files(toolkit)["Time zero checklist"].url)
    assert "Do you want an e-mail" not in client.get("/").content.decode()
    assert not ToolkitSubscription.objects.get(user=member).active


def test_an_anonymous_download_offers_nothing(client, toolkit):
    client.get(files(toolkit)["Time zero guide"].url)
    assert "Do you want an e-mail" not in client.get("/").content.decode()
