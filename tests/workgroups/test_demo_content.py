"""The demonstration work groups built by `load_demo_content`: three private groups with their
people, a draft in review with revisions and comments, an approved draft, meetings with minutes,
a discussion and shared files; demo accounts that log in with the README's password; and a
second load that changes nothing."""

import io

import docx
import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import Comment, PageViewRestriction, Revision

from tests.conftest import DEMO_LOAD_EMAILS
from workgroups import drafts
from workgroups.demo import content
from workgroups.models import (
    Activity,
    DraftToolPage,
    FileVersion,
    Meeting,
    Membership,
    Post,
    SharedFile,
    Thread,
    WorkGroup,
    WorkGroupIndexPage,
)

pytestmark = pytest.mark.django_db

NAMES = [
    "Emergency Department Recognition",
    "Post-Acute and Long-Term Care",
    "Public Awareness and Survivors",
]


@pytest.fixture
def site(demo_site):
    return demo_site


@pytest.fixture
def groups(site):
    return {group.slug: group for group in WorkGroup.objects.all()}


def user(key):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=content.PEOPLE[key][0])


def logged_in(key):
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": content.PEOPLE[key][0], "password": content.DEMO_PASSWORD},
    )
    assert response.status_code == 302, key
    return client


def test_three_private_groups_under_the_public_list(site, groups):
    index = WorkGroupIndexPage.objects.get()
    assert index.get_parent().pk == site.root_page_id
    assert index.slug == "work-groups"
    assert index.live
    assert sorted(group.name for group in groups.values()) == NAMES
    for group in groups.values():
        assert group.space.get_parent().pk == index.pk
        restriction = PageViewRestriction.objects.get(page=group.space)
        assert group.readers in restriction.groups.all()
        assert group.space.get_workflow() is not None


def test_people_have_roles_organizations_and_working_logins(groups):
    for spec in content.GROUPS:
        group = groups[spec["slug"]]
        roles = dict(Membership.objects.filter(work_group=group).values_list("user__email", "role"))
        expected = {
            content.PEOPLE[key][0]: role
            for role, keys in (
                ("chair", spec["chairs"]),
                ("member", spec["members"]),
                ("observer", spec["observers"]),
            )
            for key in keys
        }
        assert roles == expected
    maria = user("maria")
    assert maria.check_password(content.DEMO_PASSWORD)
    assert EmailAddress.objects.get(user=maria).verified
    assert maria.profile.member_organization.slug == "hospital-association"
    staff = user("rachel")
    assert staff.has_perm("workgroups.oversee_workgroups")


def test_a_draft_in_review_with_revisions_and_comments(groups):
    group = groups["emergency-department-recognition"]
    in_review = DraftToolPage.objects.child_of(group.space).get(slug="triage-sepsis-screening-tool")
    assert in_review.revisions.count() >= 3
    assert len({revision.user_id for revision in in_review.revisions.all()}) >= 2
    assert Comment.objects.filter(page=in_review).count() >= 2
    assert drafts.status_of(in_review, group) == drafts.Status.GROUP_REVIEW
    approved = DraftToolPage.objects.child_of(group.space).get(slug="ems-to-ed-sepsis-handoff")
    assert approved.live
    assert drafts.status_of(approved, group) == drafts.Status.APPROVED
    kinds = set(Activity.objects.filter(work_group=group).values_list("kind", flat=True))
    assert kinds >= {"draft", "comment", "post", "meeting", "file", "member"}


def test_meetings_discussions_and_files(groups):
    group = groups["emergency-department-recognition"]
    past = Meeting.objects.filter(work_group=group).exclude(minutes="").get()
    assert past.agenda
    assert past.attendees.count() == 4
    attachment = past.attachments.get()
    assert attachment.collection_id == group.collection_id
    assert Meeting.objects.filter(work_group=group, minutes="").exists()  # one to come

    thread = Thread.objects.get(work_group=group)
    assert Post.objects.filter(thread=thread).count() == 4

    wording = SharedFile.objects.get(work_group=group, title__startswith="Triage screening tool")
    versions = list(FileVersion.objects.filter(shared_file=wording).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].document_id != versions[1].document_id
    for version in FileVersion.objects.filter(shared_file__work_group=group):
        document = version.document
        assert document.collection_id == group.collection_id
        with document.file.open("rb") as handle:
            data = handle.read()
        if document.file.name.endswith(".pdf"):
            assert PdfReader(io.BytesIO(data)).pages[0].extract_text()
        else:
            assert docx.Document(io.BytesIO(data)).paragraphs[0].text
    for slug in groups:
        assert Thread.objects.filter(work_group=groups[slug]).exists()
        assert SharedFile.objects.filter(work_group=groups[slug]).exists()
        assert Meeting.objects.filter(work_group=groups[slug]).exists()


def test_the_demo_chair_sees_their_space_and_an_outsider_does_not(groups):
    ed = groups["emergency-department-recognition"].space
    assert logged_in("maria").get(ed.url).status_code == 200
    assert logged_in("pat").get(ed.url).status_code == 403
    assert logged_in("grace").get(ed.url).status_code == 403  # chair of another group
    assert Client().get(ed.url).status_code == 302
    response = logged_in("maria").get(ed.url + "drafts/")
    assert "Triage sepsis screening tool" in response.content.decode()
    # The public list is public.
    public = Client().get(WorkGroupIndexPage.objects.get().url)
    assert public.status_code == 200
    assert "Maria Alvarez" in public.content.decode()
    assert "Hospital Association" in public.content.decode()


def test_loading_emails_nobody(site):
    # Not the demo's example.org people, nor real moderators, about make-believe reviews.
    assert [email.subject for email in DEMO_LOAD_EMAILS] == []


def test_loading_again_changes_nothing(site):
    from django.contrib.auth import get_user_model

    from portal.demo import loader

    def counts():
        return {
            "groups": WorkGroup.objects.count(),
            "drafts": DraftToolPage.objects.count(),
            "revisions": Revision.objects.count(),
            "comments": Comment.objects.count(),
            "users": get_user_model().objects.count(),
            "memberships": Membership.objects.count(),
            "activities": Activity.objects.count(),
            "meetings": Meeting.objects.count(),
            "threads": Thread.objects.count(),
            "posts": Post.objects.count(),
            "files": SharedFile.objects.count(),
            "versions": FileVersion.objects.count(),
        }

    before = counts()
    loader.load_all(log=lambda *args: None)
    assert counts() == before
