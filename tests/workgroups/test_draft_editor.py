"""The draft editor in a clinician's words: only the fields a drafter needs, buttons and
confirmations that say where the draft goes, and the space's status words in the admin."""

from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.workgroups.test_drafts import add_url, approve, draft_form, edit_url, make_draft
from workgroups.models import DraftToolPage

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]


def message_after(response):
    """The confirmation this request queued (the last; earlier ones were not shown yet)."""
    return unescape([str(m.message) for m in get_messages(response.wsgi_request)][-1])


def text_of(markup):
    return " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())


def workflow_action(title, name):
    return {
        **draft_form(title, f"What {title} is for.", title),
        "action-workflow-action": "true",
        "workflow-action-name": name,
        "workflow-action-extra-data": "{}",
    }


def test_the_editor_shows_a_drafter_only_the_fields_a_draft_needs(work_group, people, clients):
    draft = make_draft(work_group, people["member"], "Handoff card")
    for url in (add_url(work_group.space), edit_url(draft)):
        html = clients["member"].get(url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        form = soup.find("form", id="page-edit-form")
        names = {field.get("name") for field in form.find_all(["input", "textarea", "select"])}
        assert {"title", "summary"} <= names
        for cms_field in ("slug", "seo_title", "search_description", "show_in_menus", "go_live_at"):
            assert cms_field not in names, (url, cms_field)
        tabs = text_of(str(soup.find(attrs={"role": "tablist"})))
        assert "Promote" not in tabs
        page_text = text_of(html)
        assert "as you'd like it to be seen by the public" not in page_text
        assert "The tool's name as clinicians will know it" in page_text
        assert "what the tool helps with, and who uses it" in page_text
    # Other pages keep Wagtail's promote fields.
    index_html = clients["staff"].get(edit_url(work_group.space.get_parent())).content.decode()
    assert 'name="slug"' in index_html


def test_a_draft_saved_without_an_address_gets_one_from_its_title(work_group, people, clients):
    data = draft_form("Sepsis huddle checklist", "For the huddle.", "Ask about infection.")
    del data["slug"]
    response = clients["member"].post(add_url(work_group.space), data)
    assert response.status_code == 302
    draft = DraftToolPage.objects.child_of(work_group.space).get()
    assert draft.slug == "sepsis-huddle-checklist"
    message = message_after(response)
    assert "“Sepsis huddle checklist” was saved. Only your work group can read it." in message
    assert "Page 'Sepsis huddle checklist' created" not in message
    # The confirmation leads to the draft's reading page in the space.
    space = work_group.space
    assert space.url + space.reverse_subpage("draft", args=[draft.pk]) in message

    data = draft_form("Sepsis huddle checklist", "For the morning huddle.", "Ask.")
    del data["slug"]
    response = clients["member"].post(edit_url(draft), data)
    message = message_after(response)
    assert "Your changes to “Sepsis huddle checklist” were saved." in message
    assert "has been updated" not in message


def test_a_drafter_sends_a_draft_to_the_chairs_and_is_told_so(work_group, people, clients):
    draft = make_draft(work_group, people["member"], "Handoff card")
    html = clients["member"].get(edit_url(draft)).content.decode()
    assert "Send to the chairs for review" in html
    assert "Submit to" not in text_of(html)
    response = clients["member"].post(
        edit_url(draft), draft_form("Handoff card", "For handoffs.", "x", action="action-submit")
    )
    assert response.status_code == 302
    message = message_after(response)
    assert "“Handoff card” was sent to the chairs for review." in message
    assert "moderation" not in message
    draft = DraftToolPage.objects.get(pk=draft.pk)
    assert draft.current_workflow_task.specific.groups.filter(pk=work_group.chairs_id).exists()
    # Adding a draft offers the same button.
    assert "Send to the chairs for review" in (
        clients["member"].get(add_url(work_group.space)).content.decode()
    )


def test_a_sole_chairs_draft_is_said_to_go_to_consortium_staff(work_group, people, clients):
    response = clients["chair"].post(
        add_url(work_group.space),
        draft_form("Chair's card", "For chairs.", "x", action="action-submit"),
    )
    message = message_after(response)
    assert "You are the group's only chair, so consortium staff review it." in message


def test_each_review_step_says_where_the_draft_goes_next(work_group, people, clients):
    draft = make_draft(work_group, people["member"], "Handoff card", submit=True)

    chair_html = clients["chair"].get(edit_url(draft)).content.decode()
    assert "Approve and send to consortium staff" in chair_html
    response = clients["chair"].post(edit_url(draft), workflow_action("Handoff card", "approve"))
    assert response.status_code == 302
    message = message_after(response)
    assert "Approved by the chairs; waiting for consortium review." in message
    assert "has been updated" not in message

    staff_html = clients["staff"].get(edit_url(draft)).content.decode()
    assert "Approve for the consortium" in staff_html
    assert "and Publish" not in staff_html
    response = clients["staff"].post(edit_url(draft), workflow_action("Handoff card", "approve"))
    message = message_after(response)
    assert "Approved by the consortium: “Handoff card” is now the group's approved version." in (
        message
    )
    assert DraftToolPage.objects.get(pk=draft.pk).live


def test_changes_requested_are_said_and_the_draft_is_sent_back(work_group, people, clients):
    draft = make_draft(work_group, people["member"], "Handoff card", submit=True)
    response = clients["chair"].post(
        edit_url(draft),
        {
            **workflow_action("Handoff card", "reject"),
            "workflow-action-extra-data": '{"comment": "Add the lactate step."}',
        },
    )
    message = message_after(response)
    assert "Changes requested: “Handoff card” goes back to the group" in message
    html = clients["member"].get(edit_url(draft)).content.decode()
    assert "Send the revised draft back for review" in html
    response = clients["member"].post(
        edit_url(draft), draft_form("Handoff card", "Revised.", "x", action="action-submit")
    )
    message = message_after(response)
    assert "“Handoff card” was sent to the chairs for review." in message


def test_the_admin_listing_says_what_the_space_says(work_group, people, clients):
    review = make_draft(work_group, people["member"], "In review card", submit=True)
    approved = approve(
        approve(
            make_draft(work_group, people["member"], "Approved card", submit=True), people["chair"]
        ),
        people["staff"],
    )
    make_draft(work_group, people["member"], "Plain draft")
    edited = approve(
        approve(
            make_draft(work_group, people["member"], "Edited card", submit=True), people["chair"]
        ),
        people["staff"],
    )
    edited.summary = "Edited after approval."
    edited.save_revision(user=people["member"])
    assert approved.live and review.current_workflow_state is not None

    explorer = clients["member"].get(reverse("wagtailadmin_explore", args=[work_group.space.pk]))
    rows = {
        text_of(str(row.find(class_="title"))): text_of(str(row))
        for row in BeautifulSoup(explorer.content, "html.parser").select("tbody tr")
    }

    def status_in(title):
        row = next(text for name, text in rows.items() if title in name)
        return row[row.index("Current page status:") :]

    assert status_in("Approved card") == "Current page status: Approved"
    assert status_in("In review card") == "Current page status: In work group review"
    assert status_in("Plain draft") == "Current page status: Draft"
    assert status_in("Edited card") == "Current page status: Approved, edited since"
    # The space's own list shows the same words.
    space = work_group.space
    listing = text_of(
        clients["member"].get(space.url + space.reverse_subpage("drafts")).content.decode()
    )
    assert "Approved" in listing and "In work group review" in listing
