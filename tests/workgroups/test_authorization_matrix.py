"""Every work-group URL against every kind of visitor, with the exact status each must get.

Rows are URLs (the space and each part of it, objects of another group reached through this
group's space, files, feeds, invitation links and the admin's edit views); columns are
anonymous, logged-in outsider, member of another group, observer, member, chair, consortium
staff (Moderators) and superuser. A cell that leaks (200 where it must not be) fails, and so
does one that locks out someone who belongs.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Comment

from workgroups.invitations import hash_token
from workgroups.models import (
    CalendarFeed,
    DraftToolPage,
    FileVersion,
    Invitation,
    Meeting,
    Membership,
    Post,
    SharedFile,
    Thread,
)

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]

ROLES = [
    "anonymous",
    "outsider",
    "other_member",
    "observer",
    "member",
    "chair",
    "staff",
    "superuser",
]
INVITATION_TOKEN = "matrix-invitation-token-of-enough-length-0123456789"


@pytest.fixture
def world(work_group, other_group, people):
    """One of everything in the group, made by its member, and a thread of the other group."""
    member = people["member"]
    thread = Thread.objects.create(work_group=work_group, title="Triage wording", author=member)
    post = Post.objects.create(thread=thread, author=member, body="Shall we say 'fever'?")
    other_thread = Thread.objects.create(
        work_group=other_group, title="Discharge checklist", author=people["other_member"]
    )
    Post.objects.create(thread=other_thread, author=people["other_member"], body="Private.")
    start = timezone.now() + datetime.timedelta(days=3)
    meeting = Meeting.objects.create(
        work_group=work_group,
        title="Monthly review",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        created_by=member,
    )
    document = get_document_model().objects.create(
        title="Draft screening card",
        file=ContentFile(b"%PDF-1.4\nscreening card", name="card.pdf"),
        collection=work_group.collection,
    )
    shared = SharedFile.objects.create(work_group=work_group, title="Card", created_by=member)
    FileVersion.objects.create(shared_file=shared, number=1, document=document, uploaded_by=member)
    approved = DraftToolPage(title="Approved card", slug="approved-card", summary="Done.")
    work_group.space.add_child(instance=approved)
    approved.save_revision().publish()
    draft = DraftToolPage(title="Card in progress", slug="card-in-progress", live=False)
    work_group.space.add_child(instance=draft)
    draft.save_revision(user=member)
    Invitation.objects.create(
        work_group=work_group,
        email="invitee@example.org",
        role=Membership.Role.MEMBER,
        token_hash=hash_token(INVITATION_TOKEN),
        invited_by=people["chair"],
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    other_start = timezone.now() + datetime.timedelta(days=4)
    other_meeting = Meeting.objects.create(
        work_group=other_group,
        title="Discharge review",
        starts_at=other_start,
        ends_at=other_start + datetime.timedelta(hours=1),
        created_by=people["other_member"],
    )
    other_draft = DraftToolPage(title="Discharge card", slug="discharge-card", live=False)
    other_group.space.add_child(instance=other_draft)
    other_draft.save_revision(user=people["other_member"])
    space = work_group.space.url
    return {
        "other_meeting": other_meeting,
        "other_draft": other_draft,
        "space": space,
        "thread": thread,
        "post": post,
        "other_thread": other_thread,
        "meeting": meeting,
        "shared": shared,
        "document": document,
        "approved": approved,
        "draft": draft,
        "other_space": other_group.space.url,
        "membership": Membership.objects.get(work_group=work_group, user=people["observer"]),
        "other_membership": Membership.objects.get(user=people["other_member"]),
    }


def row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


VIEWERS = row(302, 403, 403, 200, 200, 200, 200, 200)
# An object of another group, asked for through this group's space: those who may see inside
# learn nothing (404); the rest are stopped at the space's door first.
FOREIGN = row(302, 403, 403, 404, 404, 404, 404, 404)

GET_MATRIX = {
    "space home": (lambda w: w["space"], VIEWERS),
    "discussions": (lambda w: w["space"] + "discussions/", VIEWERS),
    "thread": (lambda w: w["space"] + f"discussions/{w['thread'].pk}/", VIEWERS),
    "other group's thread": (
        lambda w: w["space"] + f"discussions/{w['other_thread'].pk}/",
        FOREIGN,
    ),
    # Only the author edits a post.
    "edit post": (
        lambda w: w["space"] + f"discussions/posts/{w['post'].pk}/edit/",
        row(302, 403, 403, 403, 200, 403, 403, 403),
    ),
    "meetings": (lambda w: w["space"] + "meetings/", VIEWERS),
    "meeting": (lambda w: w["space"] + f"meetings/{w['meeting'].pk}/", VIEWERS),
    # Its creator, chairs and staff edit a meeting.
    "edit meeting": (
        lambda w: w["space"] + f"meetings/{w['meeting'].pk}/edit/",
        row(302, 403, 403, 403, 200, 200, 200, 200),
    ),
    # Every reader of the group downloads a meeting's calendar file.
    "meeting calendar file": (
        lambda w: w["space"] + f"meetings/{w['meeting'].pk}/calendar/",
        VIEWERS,
    ),
    "other group's meeting calendar file": (
        lambda w: w["space"] + f"meetings/{w['other_meeting'].pk}/calendar/",
        FOREIGN,
    ),
    # Cancelling is for those who edit the meeting (the page asks for confirmation).
    "cancel meeting": (
        lambda w: w["space"] + f"meetings/{w['meeting'].pk}/cancel/",
        row(302, 403, 403, 403, 200, 200, 200, 200),
    ),
    # Hiding a post asks chairs and staff to confirm first.
    "hide post": (
        lambda w: w["space"] + f"discussions/posts/{w['post'].pk}/hide/",
        row(302, 403, 403, 403, 403, 200, 200, 200),
    ),
    "files": (lambda w: w["space"] + "files/", VIEWERS),
    "file": (lambda w: w["space"] + f"files/{w['shared'].pk}/", VIEWERS),
    "file download": (lambda w: w["document"].url, VIEWERS),
    "drafts": (lambda w: w["space"] + "drafts/", VIEWERS),
    # A draft's reading page, with its comments, for every reader of the group.
    "draft reading page": (lambda w: w["space"] + f"drafts/{w['draft'].pk}/", VIEWERS),
    "other group's draft reading page": (
        lambda w: w["space"] + f"drafts/{w['other_draft'].pk}/",
        FOREIGN,
    ),
    "approved draft": (lambda w: w["approved"].url, VIEWERS),
    "members": (lambda w: w["space"] + "members/", VIEWERS),
    # Personal settings are for those who belong.
    "settings": (lambda w: w["space"] + "settings/", row(302, 403, 403, 200, 200, 200, 403, 403)),
    "other group's space": (
        lambda w: w["other_space"],
        row(302, 403, 200, 403, 403, 403, 200, 200),
    ),
    # The admin: editors of this group (members, chairs) and staff edit its drafts; observers
    # and outsiders have no admin; to another group's editor the group's pages do not exist.
    "admin: edit draft": (
        lambda w: f"/admin/pages/{w['draft'].pk}/edit/",
        row(302, 403, 404, 403, 200, 200, 200, 200),
    ),
    "admin: draft's history": (
        lambda w: f"/admin/pages/{w['draft'].pk}/history/",
        row(302, 403, 404, 403, 200, 200, 200, 200),
    ),
    "admin: space in the explorer": (
        lambda w: f"/admin/pages/{w['draft'].get_parent().pk}/",
        row(302, 403, 404, 403, 200, 200, 200, 200),
    ),
    # The page chooser browses only into one's own group's space (another group's: 404).
    "admin: space in the page chooser": (
        lambda w: f"/admin/choose-page/{w['draft'].get_parent().pk}/",
        row(302, 403, 404, 403, 200, 200, 200, 200),
    ),
    # Reports list what the user's page permissions reach (tests/workgroups/test_admin_matrix.py
    # checks that another group's draft is never among them).
    "admin: page types report": (
        lambda w: "/admin/reports/page-types-usage/",
        row(302, 403, 200, 403, 200, 200, 200, 200),
    ),
    # The membership audit log is for staff (Wagtail refuses editors with a redirect).
    "admin: work group history": (
        lambda w: f"/admin/snippets/workgroups/workgroup/history/{w['membership'].work_group_id}/",
        row(302, 403, 302, 403, 302, 302, 200, 200),
    ),
}


@pytest.mark.parametrize("url_name", GET_MATRIX)
def test_get(clients, world, url_name):
    make_url, expected = GET_MATRIX[url_name]
    url = make_url(world)
    got = {role: clients[role].get(url).status_code for role in ROLES}
    assert got == expected, url


POST_MATRIX = {
    # Without the confirmation, the confirmation page is shown again and nothing is hidden.
    "hide post, unconfirmed": (
        lambda w: (w["space"] + f"discussions/posts/{w['post'].pk}/hide/", {}),
        row(302, 403, 403, 403, 403, 200, 200, 200),
    ),
    "hide post": (
        lambda w: (w["space"] + f"discussions/posts/{w['post'].pk}/hide/", {"confirm": "yes"}),
        row(302, 403, 403, 403, 403, 302, 302, 302),
    ),
    # Members and chairs comment on a draft; observers and staff outside the group read.
    "comment on a draft": (
        lambda w: (
            w["space"] + f"drafts/{w['draft'].pk}/",
            {"about": "title", "text": "Clearer wording, please."},
        ),
        row(302, 403, 403, 403, 302, 302, 403, 403),
    ),
    "reply": (
        lambda w: (w["space"] + f"discussions/{w['thread'].pk}/", {"body": "Agreed."}),
        row(302, 403, 403, 403, 302, 302, 403, 403),
    ),
    "change a role": (
        lambda w: (
            w["space"] + f"members/{w['membership'].pk}/",
            {"action": "role", "role": "observer"},
        ),
        row(302, 403, 403, 403, 403, 302, 302, 302),
    ),
    "another group's membership": (
        lambda w: (
            w["space"] + f"members/{w['other_membership'].pk}/",
            {"action": "remove", "confirm": "yes"},
        ),
        FOREIGN,
    ),
    "promote a draft": (
        lambda w: (f"/admin/workgroups/drafts/{w['approved'].pk}/promote/", {"target": "new"}),
        None,  # checked separately below: the GET tells enough
    ),
}


@pytest.mark.parametrize("url_name", [name for name, (_u, e) in POST_MATRIX.items() if e])
def test_post(clients, world, url_name):
    make, expected = POST_MATRIX[url_name]
    url, data = make(world)
    got = {}
    for role in ROLES:
        got[role] = clients[role].post(url, data).status_code
    assert got == expected, url


def test_replies_from_those_refused_wrote_nothing(clients, world):
    thread = world["thread"]
    for role in ("anonymous", "outsider", "other_member", "observer", "staff"):
        clients[role].post(world["space"] + f"discussions/{thread.pk}/", {"body": f"By {role}"})
    assert not Post.objects.filter(thread=thread, body__startswith="By ").exists()


def test_comments_from_those_refused_wrote_nothing(clients, world):
    draft = world["draft"]
    for role in ("anonymous", "outsider", "other_member", "observer", "staff"):
        clients[role].post(
            world["space"] + f"drafts/{draft.pk}/", {"about": "title", "text": f"By {role}"}
        )
    assert not Comment.objects.filter(page=draft, text__startswith="By ").exists()


@pytest.mark.parametrize(
    ("role", "status"),
    list(row(302, 403, 403, 403, 302, 302, 302, 302).items()),
)
def test_cancelling_a_meeting(clients, world, role, status):
    meeting = world["meeting"]
    url = world["space"] + f"meetings/{meeting.pk}/cancel/"
    assert clients[role].post(url).status_code == status
    meeting.refresh_from_db()
    assert meeting.is_cancelled == (status == 302 and role != "anonymous")


def test_promotion_is_for_staff_only(clients, world):
    url = f"/admin/workgroups/drafts/{world['approved'].pk}/promote/"
    got = {role: clients[role].get(url).status_code for role in ROLES}
    assert got == row(302, 403, 403, 403, 403, 403, 200, 200)


def test_invitation_link_is_for_its_address_only(clients, world):
    url = f"/work-group-invitations/{INVITATION_TOKEN}/"
    got = {role: clients[role].get(url).status_code for role in ROLES}
    # Anyone may read what the link is for; only the invited address may accept it, and none
    # of these people has it.
    assert got == row(200, 403, 403, 403, 403, 403, 403, 403)
    for role in ROLES[1:]:
        assert clients[role].post(url).status_code == 403
    assert Invitation.objects.get(token_hash=hash_token(INVITATION_TOKEN)).accepted_at is None


def test_each_calendar_feed_holds_only_its_owners_groups(clients, people, world):
    """Staff and superusers see inside every space, but their feed is their own memberships."""
    for role in ROLES[1:]:
        feed = CalendarFeed.objects.create(user=people[role])
        response = clients["anonymous"].get(f"/work-group-calendar/{feed.token}.ics")
        assert response.status_code == 200
        has_meeting = (
            b"Monthly review" in b"".join(response.streaming_content)
            if (response.streaming)
            else b"Monthly review" in response.content
        )
        assert has_meeting == (role in {"observer", "member", "chair"}), role
    assert clients["anonymous"].get("/work-group-calendar/not-a-token.ics").status_code == 404


def test_a_removed_member_loses_every_door_at_once(clients, people, world):
    member = people["member"]
    feed = CalendarFeed.objects.create(user=member)
    Membership.objects.filter(user=member, work_group__space__isnull=False).exclude(
        work_group=world["other_thread"].work_group
    ).delete()
    client = clients["member"]
    for url in (
        world["space"],
        world["space"] + f"discussions/{world['thread'].pk}/",
        world["document"].url,
        world["approved"].url,
        f"/admin/pages/{world['draft'].pk}/edit/",
    ):
        assert client.get(url).status_code == 403, url
    ics = client.get(f"/work-group-calendar/{feed.token}.ics")
    body = b"".join(ics.streaming_content) if ics.streaming else ics.content
    assert b"Monthly review" not in body
