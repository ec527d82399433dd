"""Journey: a member asks to hear about a toolkit; a consortium editor publishes its new
version in the Wagtail admin (logging in with an authenticator code, as staff must); the
member gets one e-mail with what changed and a link that unsubscribes them, and a visitor
who had the page open sees the new version on reloading (publishing empties the page
cache)."""

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

SUBSCRIBER = "pat.jones@example.org"
EDITOR = "rachel.goldberg@example.org"  # consortium staff: may publish toolkits
TOOLKIT = "Sepsis data and measurement guide"
CHANGE = "Adds a fifth core measure: minutes from time zero to the first antibiotic dose."


@pytest.fixture
def editor_secret(demo_site):
    """The editor's authenticator app, set up before the browser starts."""
    from django.contrib.auth import get_user_model

    from tests.conftest import activate_totp

    return activate_totp(get_user_model().objects.get(email=EDITOR))


@pytest.fixture
def toolkit(demo_site):
    from toolkits.models import ToolkitPage

    page = ToolkitPage.objects.live().get(title=TOOLKIT)
    major, minor = page.version.split(".")
    return {"url": page.url, "version": page.version, "next": f"{major}.{int(minor) + 1}"}


def test_an_editor_publishes_a_new_version_and_the_subscriber_is_emailed(
    editor_secret, toolkit, journey
):
    # The member asks to be told about new versions.
    member = journey.page()
    journey.visit(member, "/")
    nav = member.get_by_role("navigation", name="Primary navigation")
    nav.get_by_role("link", name="Log in").click()
    journey.arrive(member, re.compile(r"/accounts/login/"))
    log_in(journey, member, SUBSCRIBER)
    journey.arrive(member, "/")
    nav.get_by_role("link", name="Toolkits").click()
    journey.arrive(member, "/toolkits/")
    member.get_by_role("link", name=TOOLKIT).click()
    journey.arrive(member, toolkit["url"])
    updates = member.get_by_role("region", name="Hear about new versions")
    updates.get_by_role("button", name="E-mail me about new versions").click()
    journey.arrive(member, re.compile(re.escape(toolkit["url"])))
    expect(updates).to_contain_text("You will be e-mailed when a new version")

    # A visitor reads the toolkit page (the copy kept for visitors is now in the page cache).
    visitor = journey.page()
    journey.visit(visitor, toolkit["url"])
    expect(visitor.locator(".portal-toolkit__version")).to_contain_text(
        f"Version {toolkit['version']},"
    )

    # The editor opens the admin: the site's login, then the authenticator code.
    editor = journey.page()
    editor.goto(journey.url("/admin/"))
    journey.arrive(editor, re.compile(r"/accounts/login/\?next=/admin/"))
    log_in(journey, editor, EDITOR, totp_secret=editor_secret)
    journey.arrive(editor, "/admin/")

    # Pages → Home → Toolkits → the toolkit.
    editor.get_by_role("button", name="Pages").click()
    editor.get_by_role("link", name=re.compile(r"^Home\b")).first.click()
    journey.arrive(editor, re.compile(r"/admin/pages/\d+/$"))
    editor.get_by_role("link", name="Explore child pages of 'Toolkits'").click()
    journey.arrive(editor, re.compile(r"/admin/pages/\d+/$"))
    editor.get_by_role("link", name=TOOLKIT).click()
    journey.arrive(editor, re.compile(r"/admin/pages/\d+/edit/$"))

    # Raise the version, date it and say what changed; then publish.
    editor.get_by_role("textbox", name="Version*").fill(toolkit["next"])
    editor.get_by_role("textbox", name=re.compile(r"^Release date")).fill("2026-11-02")
    editor.keyboard.press("Escape")  # close the date picker
    change_log = editor.locator("[data-contentpath=change_log] [contenteditable=true]")
    change_log.click()
    editor.keyboard.press("ControlOrMeta+a")
    editor.keyboard.type(CHANGE)
    # The rich text editor copies its content into the form a moment after typing stops.
    expect(editor.locator("input[name=change_log]")).to_have_value(re.compile(re.escape(CHANGE)))
    mail.outbox.clear()
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish", exact=True).click()
    journey.arrive(editor, re.compile(r"/admin/pages/\d+/$"))
    expect(editor.get_by_role("status").or_(editor.locator(".messages"))).to_contain_text(
        f"'{TOOLKIT}' has been published"
    )

    # Exactly one e-mail, to the member, with the change log and an unsubscribe link.
    assert [message.to for message in mail.outbox] == [[SUBSCRIBER]]
    message = mail.outbox[0]
    assert message.subject == f"New version of {TOOLKIT}: version {toolkit['next']}"
    assert CHANGE in message.body, message.body
    assert "Released November 2, 2026." in message.body
    unsubscribe = link_path(message, r"/toolkit-updates/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")

    # The new version is on the page, the earlier one kept as superseded.
    member.reload()
    journey.check(member, "the toolkit page after publishing")
    expect(member.locator(".portal-toolkit__version")).to_contain_text(
        f"Version {toolkit['next']}, released November 2, 2026"
    )
    expect(member.get_by_role("main")).to_contain_text(CHANGE)
    expect(member.locator(".portal-toolkit__versions")).to_contain_text(
        f"Version {toolkit['version']}"
    )

    # Publishing emptied the page cache: the visitor sees the new version too.
    visitor.reload()
    journey.check(visitor, "the toolkit page after publishing, as a visitor")
    expect(visitor.locator(".portal-toolkit__version")).to_contain_text(
        f"Version {toolkit['next']}, released November 2, 2026"
    )

    # The member follows the e-mail's link and stops the e-mails.
    member.goto(journey.url(unsubscribe))
    journey.check(member, "the unsubscribe page")
    member.get_by_role("button", name="Unsubscribe").click()
    expect(member.get_by_role("status")).to_contain_text(
        f"You will no longer be e-mailed about “{TOOLKIT}”."
    )
    journey.check(member, "the unsubscribe page, done")
