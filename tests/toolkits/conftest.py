"""Fixtures of the toolkits tests: the catalog, file collections and a toolkit with a public
and a members-only file. Most tests (marked `bare`) run without the demo, on what they build."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from portal.access import members_group
from tests.factories import MemberOrganizationFactory
from toolkits.models import ToolkitIndexPage, ToolkitPage

from .helpers import MEMBERS_DOCX, PUBLIC_PDF, document


@pytest.fixture
def catalog(home_page):
    existing = ToolkitIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing
    index = ToolkitIndexPage(title="Toolkits test", slug="toolkits-test", introduction="All.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def collections():
    """(public, members-only) collections; consortium editors may open members' files too."""
    root = Collection.get_first_root_node()
    public = root.add_child(name="Toolkit files (test)")
    private = root.add_child(name="Members-only files (test)")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([members_group(), Group.objects.get(name="Editors")])
    return public, private


@pytest.fixture
def toolkit(catalog, collections):
    public, private = collections
    page = ToolkitPage(
        title="Time zero in the emergency department",
        slug="time-zero",
        summary="Recording time zero.",
        recommendation="<p>Screen at triage.</p>",
        rationale="<p>Minutes matter.</p>",
        version="1.0",
        release_date=datetime.date(2026, 3, 2),
        license="cc-by-4.0",
    )
    catalog.add_child(instance=page)
    page.resources.create(document=document("Time zero guide", PUBLIC_PDF, "guide.pdf", public))
    page.resources.create(
        document=document("Time zero checklist", MEMBERS_DOCX, "checklist.docx", private)
    )
    page.save_revision().publish()
    return ToolkitPage.objects.get(pk=page.pk)


@pytest.fixture
def organization():
    return MemberOrganizationFactory(name="Worcester Community Hospital")
