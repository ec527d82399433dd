"""A draft tool is published only by the final approval of its review workflow: consortium
staff, who may publish anything else, get no "Publish" for a draft in the editor, and a
crafted publish (from the editor, the add view, a bulk action or the page API) publishes
nothing (workgroups.page_permissions)."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests.workgroups.test_drafts import add_url, approve, draft_form, edit_url, make_draft
from workgroups.models import DraftToolPage

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]


def published(page):
    return PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").exists()


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_the_editor_offers_staff_no_publish_for_a_draft(clients, work_group, people, role):
    draft = make_draft(work_group, people["member"], "Handoff card")
    page = clients[role].get(edit_url(draft)).content.decode()
    assert 'name="action-publish"' not in page
    # Nor when adding a draft to the space.
    add = clients[role].get(add_url(work_group.space)).content.decode()
    assert 'name="action-publish"' not in add
    # Other pages keep it.
    index = work_group.space.get_parent()
    assert 'name="action-publish"' in clients[role].get(edit_url(index)).content.decode()


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_a_crafted_publish_of_a_draft_publishes_nothing(clients, work_group, people, role):
    draft = make_draft(work_group, people["member"], "Handoff card")
    response = clients[role].post(
        edit_url(draft),
        draft_form("Handoff card", "Edited by staff.", "x", action="action-publish"),
    )
    # Wagtail's editor publishes only for those its permission tester lets publish: the
    # edit is saved as a draft.
    assert response.status_code == 302
    draft = DraftToolPage.objects.get(pk=draft.pk)
    assert not draft.live and not published(draft)
    # The edit is kept, as a revision for the workflow to review.
    assert draft.get_latest_revision_as_object().summary == "Edited by staff."

    clients[role].post(
        add_url(work_group.space),
        draft_form("Sepsis huddle", "New.", "x", action="action-publish"),
    )
    added = DraftToolPage.objects.child_of(work_group.space).get(slug="sepsis-huddle")
    assert not added.live and not published(added)
    assert added.first_published_at is None


def test_a_bulk_publish_of_drafts_publishes_nothing(clients, work_group, people):
    draft = make_draft(work_group, people["member"], "Handoff card")
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    clients["staff"].post(f"{bulk}?id={draft.pk}", {"include_descendants": ""})
    # Nor by publishing the space with its descendants.
    clients["staff"].post(f"{bulk}?id={work_group.space.pk}", {"include_descendants": "on"})
    draft = DraftToolPage.objects.get(pk=draft.pk)
    assert not draft.live and not published(draft)


def test_approval_at_the_consortium_step_still_publishes(clients, work_group, people):
    draft = approve(
        make_draft(work_group, people["member"], "Handoff card", submit=True), people["chair"]
    )
    assert draft.current_workflow_task.name == "Consortium approval"
    page = clients["staff"].get(edit_url(draft)).content.decode()
    assert 'name="action-publish"' not in page
    assert "Approve for the consortium" in page  # its approval publishes the draft
    response = clients["staff"].post(
        edit_url(draft),
        {
            **draft_form("Handoff card", "What Handoff card is for.", "Handoff card"),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )
    assert response.status_code == 302
    draft = DraftToolPage.objects.get(pk=draft.pk)
    assert draft.live and published(draft)
    assert draft.current_workflow_state is None
