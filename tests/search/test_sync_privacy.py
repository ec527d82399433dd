"""The index follows privacy and publication: a toolkit's files go and come back with the
toolkit, privacy set on a page or collection re-indexes everything beneath it, and a removed
work-group member stops finding the group's items at once."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from portal.access import MEMBERS_GROUP_NAME
from public_awareness.models import AwarenessIndexPage, SymptomGuidePage
from search.contract import MEMBERS, PUBLIC
from search.models import IndexedDocument
from search.sync import providers_for
from tests.factories import UserFactory
from toolkits.models import ToolkitPage, ToolkitResource
from workgroups import membership
from workgroups.models import Membership, WorkGroup

pytestmark = [pytest.mark.usefixtures("demo_index"), pytest.mark.postgresql]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit work (the indexing tasks) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def key(instance):
    return f"{instance._meta.label_lower}:{instance.pk}"


def access_of(instance):
    row = IndexedDocument.objects.filter(key=key(instance)).first()
    return row.access if row else None


@pytest.fixture
def public_toolkit_file():
    """A live toolkit and a public file offered only on it."""
    for resource in ToolkitResource.objects.select_related("document", "page"):
        document = resource.document
        if (
            access_of(document) == PUBLIC
            and document.toolkit_resources.count() == 1
            and resource.page.live
        ):
            return resource.page.specific, document
    raise AssertionError("the demo has no public file on a single toolkit")


def test_files_leave_and_return_with_their_toolkit(committed, public_toolkit_file):
    toolkit, document = public_toolkit_file
    with committed():
        toolkit.unpublish()
    assert access_of(toolkit) is None and access_of(document) is None
    with committed():
        toolkit.save_revision().publish()
    assert access_of(toolkit) == PUBLIC and access_of(document) == PUBLIC


def test_a_file_stays_while_another_live_toolkit_offers_it(committed, public_toolkit_file):
    toolkit, document = public_toolkit_file
    other = ToolkitPage.objects.live().exclude(pk=toolkit.pk).first()
    with committed():
        other.resources.create(document=document)
        other.save_revision().publish()
    with committed():
        toolkit.unpublish()
    assert access_of(document) == PUBLIC
    # An editor takes the file off the other toolkit and publishes it.
    other = ToolkitPage.objects.get(pk=other.pk)
    other.resources = [r for r in other.resources.all() if r.document_id != document.pk]
    with committed():
        other.save_revision().publish()
    assert access_of(document) is None


def test_page_privacy_reindexes_the_whole_subtree(committed, public_toolkit_file):
    index = AwarenessIndexPage.objects.get(locale__language_code="en-us")
    guide = SymptomGuidePage.objects.get(locale__language_code="en-us")
    assert access_of(guide) == PUBLIC
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.LOGIN
        )
    assert access_of(index) is None and access_of(guide) is None
    with committed():
        restriction.delete()
    assert access_of(guide) == PUBLIC

    toolkit, document = public_toolkit_file
    with committed():
        PageViewRestriction.objects.create(
            page=toolkit, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert access_of(toolkit) is None and access_of(document) is None


def test_collection_privacy_changes_a_files_access(committed, public_toolkit_file):
    _toolkit, document = public_toolkit_file
    collection = Collection.objects.get(pk=document.collection_id)
    with committed():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get(name=MEMBERS_GROUP_NAME))
    assert access_of(document) == MEMBERS
    with committed():
        restriction.groups.add(Group.objects.get(name="Editors"))
        restriction.groups.remove(Group.objects.get(name=MEMBERS_GROUP_NAME))
    assert access_of(document) is None  # open to some other group: never guessed public
    with committed():
        restriction.delete()
    assert access_of(document) == PUBLIC


def test_a_removed_member_stops_finding_the_groups_items_at_once(client):
    group = WorkGroup.objects.order_by("pk").first()
    user = UserFactory()
    added, _created = membership.add_member(group, user, Membership.Role.MEMBER)
    client.force_login(user)
    own = f"workgroup:{group.pk}"

    def group_hits():
        results = client.get("/search/", {"q": "triage", "language": "any"}).context["results"]
        return [hit for hit in results.results if hit.content_type == "workgroup"]

    assert group_hits()
    assert IndexedDocument.objects.filter(access=own).exists()
    membership.remove_member(added, actor=None)
    assert group_hits() == []


def test_toolkit_resources_are_not_indexed_themselves():
    # A resource row's deletion must re-check its file, never remove the file's document.
    assert providers_for(ToolkitResource) == []
