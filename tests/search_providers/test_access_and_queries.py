"""Access tokens of each kind of user, and documents() in a fixed number of queries."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import PortalDocument
from portal.access import members_group
from search.contract import MEMBERS, PUBLIC, access_tokens, providers, workgroup_token
from tests.factories import StandardPageFactory, UserFactory
from toolkits.models import ToolkitIndexPage, ToolkitPage
from workgroups import membership
from workgroups.models import Membership, Post, Thread, WorkGroup

pytestmark = pytest.mark.postgresql


def test_access_tokens_of_each_kind_of_user(demo_site):
    groups = list(WorkGroup.objects.order_by("pk"))
    outsider = UserFactory()
    member_staff = UserFactory()
    member_staff.groups.add(members_group())
    in_group = UserFactory()
    membership.add_member(groups[0], in_group, Membership.Role.OBSERVER)
    staff = UserFactory()
    staff.groups.add(Group.objects.get(name="Moderators"))
    superuser = UserFactory(is_superuser=True, is_staff=True)
    every_group = {workgroup_token(group.pk) for group in groups}

    assert access_tokens(AnonymousUser()) == {PUBLIC}
    assert access_tokens(outsider) == {PUBLIC}
    assert access_tokens(member_staff) == {PUBLIC, MEMBERS}
    assert access_tokens(in_group) == {PUBLIC, workgroup_token(groups[0].pk)}
    assert access_tokens(staff) == {PUBLIC} | every_group
    assert access_tokens(superuser) == {PUBLIC, MEMBERS} | every_group

    removed = Membership.objects.get(work_group=groups[0], user=in_group)
    membership.remove_member(removed, actor=staff)
    in_group = type(in_group).objects.get(pk=in_group.pk)
    assert access_tokens(in_group) == {PUBLIC}
    in_group.is_active = False
    assert access_tokens(in_group) == {PUBLIC}


def count_queries():
    with CaptureQueriesContext(connection) as captured:
        total = sum(1 for each in providers() for _ in each.documents())
    return total, len(captured)


def add_content(home_page, n):
    """n more standard pages, toolkits with two files each, and threads with posts."""
    catalog = ToolkitIndexPage.objects.first()
    toolkit = ToolkitPage.objects.get(slug="ed-sepsis-recognition-time-zero")
    existing = toolkit.resources.first().document
    group = WorkGroup.objects.first()
    for i in range(n):
        StandardPageFactory(parent=home_page, title=f"More {i}").save_revision().publish()
        page = ToolkitPage(
            title=f"Toolkit {i}",
            slug=f"scale-toolkit-{i}",
            summary="More.",
            recommendation="<p>Do it.</p>",
            rationale="<p>Because.</p>",
            release_date=datetime.date(2026, 1, 1),
        )
        catalog.add_child(instance=page)
        page.care_settings.set(toolkit.care_settings.all())
        page.audiences.set(toolkit.audiences.all())
        for j in range(2):
            document = PortalDocument.objects.create(
                title=f"File {i}.{j}", file=existing.file.name, collection=existing.collection
            )
            page.resources.create(document=document)
        page.save_revision().publish()
        thread = Thread.objects.create(work_group=group, title=f"Thread {i}")
        Post.objects.bulk_create(Post(thread=thread, body=f"Post {k}") for k in range(3))


def test_documents_take_a_fixed_number_of_queries(home_page):
    count_queries()  # warm caches (site root paths, content types)
    before, queries = count_queries()
    add_content(home_page, 5)
    after, more_queries = count_queries()
    assert after >= before + 5 * 4
    assert more_queries == queries
