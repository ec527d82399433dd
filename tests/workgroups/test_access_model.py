"""The work groups' rules as Wagtail's permission model carries them: who deletes a draft, how
a draft is published, who approves it, and what Wagtail's Editors and Moderators may do with a
group's pages through every door of the admin (its views, its page API's actions)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import TaskState

from tests.factories import UserFactory
from tests.workgroups.test_drafts import approve, edit_url, make_draft
from workgroups import membership
from workgroups.models import Activity, DraftToolPage, Membership, Promotion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_work_groups", "no_admin_mfa")]


def api_action(client, page, action, data=None):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        json.dumps(data or {}),
        content_type="application/json",
    )


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def exists(page):
    return DraftToolPage.objects.filter(pk=page.pk).exists()


# Deleting drafts


def test_a_member_cannot_delete_another_members_draft_by_any_door(work_group, people, clients):
    draft = make_draft(work_group, people["chair"], "Time zero card", submit=True)
    member = clients["member"]
    # The editor's delete view (Wagtail refuses with its redirect), the page API and bulk.
    assert member.get(delete_url(draft)).status_code == 302
    member.post(delete_url(draft))
    assert api_action(member, draft, "delete").status_code == 403
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    member.post(f"{bulk}?id={draft.pk}")
    assert exists(draft)
    # Nor their own: deleting is for chairs.
    own = make_draft(work_group, people["member"], "My card")
    member.post(delete_url(own))
    assert exists(own)
    assert f'href="{delete_url(own)}"' not in member.get(edit_url(own)).content.decode()


def test_a_chair_deletes_a_draft_after_a_confirmation_and_the_stream_says_so(
    work_group, people, clients
):
    draft = make_draft(work_group, people["member"], "Time zero card", submit=True)
    chair = clients["chair"]
    confirmation = chair.get(delete_url(draft))
    assert confirmation.status_code == 200
    assert "Time zero card" in confirmation.content.decode()
    assert chair.post(delete_url(draft)).status_code == 302
    assert not exists(draft)

    entries = Activity.objects.filter(work_group=work_group, kind=Activity.Kind.DRAFT)
    latest = entries.order_by("-pk").first()
    assert latest.summary == f"{people['chair'].get_full_name()} deleted the draft “Time zero card”"
    assert latest.actor == people["chair"]
    # The draft's earlier entries keep their words but lead nowhere now.
    assert not entries.filter(url=f"drafts/{draft.pk}/").exists()
    home = clients["member"].get(work_group.space.url).content.decode()
    assert "started a draft: “Time zero card”" in home or "Time zero card" in home
    assert f"drafts/{draft.pk}/" not in home


def test_staff_delete_drafts_through_the_page_api_too(work_group, people, clients):
    draft = make_draft(work_group, people["member"], "Time zero card")
    assert api_action(clients["staff"], draft, "delete").status_code == 204
    assert not exists(draft)
    assert Activity.objects.filter(
        work_group=work_group, summary__contains="deleted the draft “Time zero card”"
    ).exists()


def test_a_draft_made_into_a_toolkit_is_kept(work_group, people, clients):
    from workgroups import drafts

    draft = make_draft(work_group, people["member"], "Time zero card", submit=True)
    draft = approve(approve(draft, people["chair"]), people["staff"])
    drafts.promote(draft, user=people["staff"])
    assert Promotion.objects.filter(draft=draft).exists()
    for role in ("chair", "staff", "superuser"):
        clients[role].post(delete_url(draft))
        assert exists(draft), role


def test_an_archived_groups_drafts_are_not_deleted(work_group, people, clients):
    from tests.workgroups.helpers import archive

    draft = make_draft(work_group, people["member"], "Time zero card")
    archive(work_group)
    for role in ("chair", "staff"):
        clients[role].post(delete_url(draft))
        assert exists(draft), role


# Publishing only through the workflow


def test_a_moderator_cannot_publish_a_draft_in_review_through_the_page_api(
    work_group, people, clients
):
    draft = make_draft(work_group, people["member"], "Time zero card", submit=True)
    draft = approve(draft, people["chair"])  # now at consortium approval, the staff's step
    response = api_action(clients["staff"], draft, "publish")
    assert response.status_code == 403
    draft = DraftToolPage.objects.get(pk=draft.pk)
    assert not draft.live
    assert draft.current_workflow_task.name == "Consortium approval"
    # So an observer does not read it as an approved tool.
    assert clients["observer"].get(draft.url).status_code == 404


def test_the_page_api_cannot_move_copy_or_unpublish_drafts_out_of_their_space(
    work_group, other_group, people, clients
):
    draft = make_draft(work_group, people["member"], "Time zero card")
    for role in ("staff", "chair", "member"):
        response = api_action(
            clients[role], draft, "copy", {"destination_page_id": other_group.space.pk}
        )
        assert response.status_code in (403, 404), role
        response = api_action(
            clients[role], draft, "move", {"destination_page_id": other_group.space.pk}
        )
        assert response.status_code in (403, 404), role
    assert not DraftToolPage.objects.child_of(other_group.space).exists()
    assert DraftToolPage.objects.get(pk=draft.pk).get_parent().pk == work_group.space.pk
    # A copy inside the group's own space is a new draft of the same group (unpublished:
    # drafts are published only by approval).
    response = api_action(
        clients["member"],
        draft,
        "copy",
        {"destination_page_id": work_group.space.pk, "keep_live": False},
    )
    assert response.status_code == 201
    assert DraftToolPage.objects.child_of(work_group.space).count() == 2


def test_nobody_moves_copies_deletes_or_unrestricts_a_space(work_group, people, clients):
    space = work_group.space
    for role in ("staff", "superuser"):
        client = clients[role]
        api_action(client, space, "delete")
        api_action(client, space, "unpublish")
        api_action(client, space, "copy", {"destination_page_id": space.get_parent().pk})
        client.post(reverse("wagtailadmin_pages:set_privacy", args=[space.pk]), {})
    space.refresh_from_db()
    assert space.live
    assert space.view_restrictions.count() == 1
    copies = space.get_parent().get_children().filter(title=space.title)
    assert list(copies.values_list("pk", flat=True)) == [space.pk]


# Separation of duties


def workflow_action(client, page, task_state, action="approve"):
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": ""},
    )


def test_a_chair_cannot_approve_her_own_submission(work_group, people, clients):
    draft = make_draft(work_group, people["chair"], "Time zero card", submit=True)
    task_state = draft.current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(draft, people["chair"]) == []
    workflow_action(clients["chair"], draft, task_state)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    # Not awaiting her review either.
    assert not TaskState.objects.reviewable_by(people["chair"]).filter(pk=task_state.pk).exists()


def test_with_one_chair_consortium_staff_approve_the_groups_step(work_group, people, clients):
    draft = make_draft(work_group, people["chair"], "Time zero card", submit=True)
    task_state = draft.current_workflow_task_state
    assert TaskState.objects.reviewable_by(people["staff"]).filter(pk=task_state.pk).exists()
    workflow_action(clients["staff"], draft, task_state)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    draft = DraftToolPage.objects.get(pk=draft.pk)
    assert draft.current_workflow_task.name == "Consortium approval"


def test_with_another_chair_it_is_theirs_and_not_the_staffs(work_group, people, clients):
    second = UserFactory()
    membership.add_member(work_group, second, Membership.Role.CHAIR)
    draft = make_draft(work_group, people["chair"], "Time zero card", submit=True)
    task_state = draft.current_workflow_task_state
    assert not TaskState.objects.reviewable_by(people["staff"]).filter(pk=task_state.pk).exists()
    workflow_action(clients["staff"], draft, task_state)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    clients["second"] = clients["anonymous"].__class__()
    clients["second"].force_login(second)
    workflow_action(clients["second"], draft, task_state)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_staff_who_submitted_a_draft_do_not_give_it_consortium_approval(
    work_group, people, clients
):
    draft = make_draft(work_group, people["staff"], "Time zero card", submit=True)
    draft = approve(draft, people["chair"])
    task_state = draft.current_workflow_task_state
    workflow_action(clients["staff"], draft, task_state)
    assert not DraftToolPage.objects.get(pk=draft.pk).live
    other_staff = UserFactory()
    other_staff.groups.add(Group.objects.get(name="Moderators"))
    client = clients["anonymous"].__class__()
    client.force_login(other_staff)
    workflow_action(client, draft, task_state)
    assert DraftToolPage.objects.get(pk=draft.pk).live


def test_the_dashboard_names_who_submitted_a_draft_not_who_saved_it_last(
    work_group, people, clients
):
    second = UserFactory(first_name="Second", last_name="Chair")
    membership.add_member(work_group, second, Membership.Role.CHAIR)
    draft = make_draft(work_group, people["member"], "Time zero card", submit=True)
    # The chair edits the draft under review.
    draft.summary = "Edited in review."
    draft.save_revision(user=second)
    client = clients["chair"]
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("Awaiting your review") :]
    assert people["member"].get_full_name() in panel
    assert "Second Chair" not in panel
