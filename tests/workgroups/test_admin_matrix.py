"""The admin part of the authorization matrix: every admin door to a work group's draft and
files (the page API and its actions, searches, reports, histories, the document admin and
chooser, bulk actions, the page chooser) against every kind of visitor.

Each cell checks the exact status, whether the response shows one of the group's secrets (a
draft and a private file, by title, slug or file name), and whether anything changed. Each
cell runs in its own savepoint, rolled back afterwards, so every cell starts from the same
state: a chair's successful delete does not spoil the superuser's cell after it.

The hard rule, checked on top of the tables: those who may not see inside the group
(HIDDEN) never get a secret in any response, nor in the page the admin shows them next (where
Wagtail puts its messages), and never change anything.
"""

import json
from typing import Any, NamedTuple

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from portal.models import StandardPage
from tests.factories import UserFactory
from tests.workgroups.test_documents_admin import share
from tests.workgroups.test_drafts import make_draft
from workgroups import membership
from workgroups.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_work_groups", "no_admin_mfa")]

ROLES = [
    "anonymous",
    "outsider",
    "wagtail_editor",
    "moderator",
    "other_member",
    "observer",
    "member",
    "chair",
    "removed_member",
    "superuser",
]
# Those who may not see inside the group: no secret, no change, whatever they ask.
HIDDEN = {"anonymous", "outsider", "wagtail_editor", "other_member", "removed_member"}
# Those who see inside it in the admin (observers have no admin).
INSIDE = frozenset({"moderator", "member", "chair", "superuser"})
NOBODY = frozenset()
SUPERUSER = frozenset({"superuser"})

DRAFT_TITLE = "Quinupristin escalation card"
FILE_TITLE = "Quinupristin dosing table"
# Titles, the draft's slug and the file's name (share() names it after the title).
SECRETS = ("quinupristin escalation card", "quinupristin dosing table", "quinupristin-")


@pytest.fixture
def browsers(people, clients, work_group):
    """A client for every role: the conftest's, plus a consortium editor outside every group
    and a member removed after logging in (a stale session)."""
    result = dict(clients, moderator=clients["staff"])
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    result["wagtail_editor"] = Client()
    result["wagtail_editor"].force_login(editor)
    removed = UserFactory()
    membership.add_member(work_group, removed, Membership.Role.MEMBER)
    result["removed_member"] = Client()
    result["removed_member"].force_login(removed)
    membership.remove_member(
        Membership.objects.get(work_group=work_group, user=removed), actor=people["chair"]
    )
    return result


@pytest.fixture
def world(work_group, other_group, people):
    """The secrets: a draft in review (so workflow reports list it; saved last, so the page
    types report names it) and a file of the group; a public page and document beside them."""
    draft = make_draft(work_group, people["member"], DRAFT_TITLE, submit=True)
    first_revision = draft.latest_revision
    draft.summary = "Second thoughts."
    draft.save_revision(user=people["member"])
    public_collection = Collection.objects.get(name="Toolkit files")
    return {
        "draft": draft,
        "first_revision": first_revision,
        "space": work_group.space,
        "other_space": other_group.space,
        "document": share(work_group, people["member"], FILE_TITLE),
        "public_collection": public_collection,
        "public_document": get_document_model().objects.create(
            title="Lactate leaflet",
            file=ContentFile(b"%PDF-1.4\nleaflet", name="lactate-leaflet.pdf"),
            collection=public_collection,
        ),
        # A section Wagtail's Editors may edit.
        "public_page": StandardPage.objects.get(title="About the consortium"),
    }


# Requests: each takes (client, world) and returns the response.


def get(make_url):
    return lambda client, w: client.get(make_url(w))


def post(make_url, make_data=lambda w: {}):
    return lambda client, w: client.post(make_url(w), make_data(w))


def api_action(name, make_data=lambda w: {}):
    def send(client, w):
        url = reverse("wagtailadmin_api:pages:action", args=[w["draft"].pk, name])
        return client.post(url, json.dumps(make_data(w)), content_type="application/json")

    return send


def to_other_space(w):
    return {"destination_page_id": w["other_space"].pk}


def api_pages(query):
    return get(lambda w: reverse("wagtailadmin_api:pages:listing") + "?" + query(w))


def draft_url(name):
    return lambda w: reverse(name, args=[w["draft"].pk])


def document_url(name, key="document"):
    return lambda w: reverse(name, args=[w[key].pk])


def bulk_url(app, model, key):
    def make(w):
        return reverse("wagtail_bulk_action", args=[app, model, "delete"]) + f"?id={w[key].pk}"

    return make


class Row(NamedTuple):
    send: Any  # (client, world) -> response
    status: dict  # role -> status code
    shown: frozenset = NOBODY  # roles whose response shows a secret
    changes: frozenset = NOBODY  # roles whose request changes something


def row(*statuses):
    return dict(zip(ROLES, statuses, strict=True))


# Columns: anonymous, outsider, wagtail_editor, moderator, other_member, observer, member,
# chair, removed_member, superuser. Anonymous users are sent to log in (302, the page API
# too); logged-in users without the admin (outsiders, observers, removed members) get the
# portal's 403; a group's page named in a page view is 404 to those who may not see it; the
# page API and bulk actions answer 404 for pages and documents the user may not see.
ADMIN_404 = row(302, 403, 404, 200, 404, 403, 200, 200, 403, 200)
# The page API's actions on a draft: refused (403) to everyone who may see it.
API_REFUSED = row(302, 403, 404, 403, 404, 403, 403, 403, 403, 403)
# Searches and reports list what each user's page permissions reach: 200 for every admin user.
LISTED = row(302, 403, 200, 200, 200, 403, 200, 200, 403, 200)
# Wagtail's document views redirect users without a permission there to the dashboard.
DOCUMENT_EDITING = row(302, 403, 302, 302, 302, 403, 302, 302, 403, 200)

ROWS = {
    # The page API: a draft, a space's children and descendants, and a search.
    "API: the draft": Row(get(draft_url("wagtailadmin_api:pages:detail")), ADMIN_404, INSIDE),
    # child_of/descendant_of a page the user may not explore: "parent page doesn't exist".
    "API: child_of the space": Row(
        api_pages(lambda w: f"child_of={w['space'].pk}"),
        row(302, 403, 400, 200, 400, 403, 200, 200, 403, 200),
        INSIDE,
    ),
    "API: descendant_of the space": Row(
        api_pages(lambda w: f"descendant_of={w['space'].pk}"),
        row(302, 403, 400, 200, 400, 403, 200, 200, 403, 200),
        INSIDE,
    ),
    "API: search": Row(api_pages(lambda w: "search=Quinupristin"), LISTED, INSIDE),
    # Contrast: a public section. A group's editors explore only their own space.
    "API: a public section page": Row(
        get(lambda w: reverse("wagtailadmin_api:pages:detail", args=[w["public_page"].pk])),
        row(302, 403, 200, 200, 404, 403, 404, 404, 403, 200),
    ),
    # The page API's actions. A draft is published only by its workflow's final approval
    # and unpublished only by staff when live (it is not); it never leaves its space.
    "API: publish": Row(api_action("publish"), API_REFUSED),
    "API: unpublish": Row(api_action("unpublish"), API_REFUSED),
    # Chairs and consortium staff delete drafts; members do not.
    "API: delete": Row(
        api_action("delete"),
        row(302, 403, 404, 204, 404, 403, 403, 204, 403, 204),
        changes=frozenset({"moderator", "chair", "superuser"}),
    ),
    "API: copy to another group's space": Row(api_action("copy", to_other_space), API_REFUSED),
    "API: move to another group's space": Row(api_action("move", to_other_space), API_REFUSED),
    # Reverting is editing: a new revision (still unpublished, still in the space).
    "API: revert_to_page_revision": Row(
        api_action("revert_to_page_revision", lambda w: {"revision_id": w["first_revision"].pk}),
        ADMIN_404,
        INSIDE,
        changes=INSIDE,
    ),
    # Needs simple_translation's submit_translation (only superusers hold it); the space has
    # no Spanish translation, so even the superuser's is refused (400).
    "API: copy_for_translation": Row(
        api_action("copy_for_translation", lambda w: {"locale": "es"}),
        row(302, 403, 404, 403, 404, 403, 403, 403, 403, 400),
    ),
    # With copy_parents the space would be translated first: a copy of the draft out of its
    # space, which no one may make (work groups' pages are never translated).
    "API: copy_for_translation with its parents": Row(
        api_action("copy_for_translation", lambda w: {"locale": "es", "copy_parents": True}),
        API_REFUSED,
    ),
    "API: create_alias in another group's space": Row(
        api_action("create_alias", to_other_space), API_REFUSED
    ),
    # The draft is no alias: those who may edit it are told so (400).
    "API: convert_alias": Row(
        api_action("convert_alias"), row(302, 403, 404, 400, 404, 403, 400, 400, 403, 400)
    ),
    # Searches, reports and histories.
    "page search": Row(
        get(lambda w: reverse("wagtailadmin_pages:search") + "?q=Quinupristin"), LISTED, INSIDE
    ),
    # The draft is the last edited draft tool: named to those who may explore it only.
    "page types usage report": Row(
        get(lambda w: reverse("wagtailadmin_reports:page_types_usage")), LISTED, INSIDE
    ),
    "workflow report": Row(get(lambda w: reverse("wagtailadmin_reports:workflow")), LISTED, INSIDE),
    "workflow tasks report": Row(
        get(lambda w: reverse("wagtailadmin_reports:workflow_tasks")), LISTED, INSIDE
    ),
    "site history": Row(
        get(lambda w: reverse("wagtailadmin_reports:site_history")), LISTED, INSIDE
    ),
    "draft's history": Row(get(draft_url("wagtailadmin_pages:history")), ADMIN_404, INSIDE),
    "draft's workflow history": Row(
        get(draft_url("wagtailadmin_pages:workflow_history")), ADMIN_404, INSIDE
    ),
    # Contrast: Editors and staff edit public sections; a group's editors do not.
    "edit a public section page": Row(
        get(lambda w: reverse("wagtailadmin_pages:edit", args=[w["public_page"].pk])),
        row(302, 403, 200, 200, 302, 403, 302, 302, 403, 200),
    ),
    # The document admin. Staff and Editors hold document permissions on public collections
    # only; a group's editors only choose their group's files; superusers hold everything.
    "documents listing": Row(
        # Newest first: the group's file is on the first page however many the demo holds.
        get(lambda w: reverse("wagtaildocs:index") + "?ordering=-created_at"),
        row(302, 403, 200, 200, 302, 403, 302, 302, 403, 200),
        SUPERUSER,
    ),
    # Moderators choose from every collection (choose on the root), the group's editors from
    # their own.
    "document chooser": Row(get(lambda w: reverse("wagtaildocs_chooser:choose")), LISTED, INSIDE),
    "document chooser: chosen": Row(
        get(document_url("wagtaildocs_chooser:chosen")),
        row(302, 403, 302, 200, 302, 403, 200, 200, 403, 200),
        INSIDE,
    ),
    "document usage": Row(
        get(document_url("wagtaildocs:document_usage")), DOCUMENT_EDITING, SUPERUSER
    ),
    "document edit": Row(get(document_url("wagtaildocs:edit")), DOCUMENT_EDITING, SUPERUSER),
    # Into a public collection, where anyone could download it. Wagtail lets a superuser
    # (who holds every permission on every collection) do it; nobody else.
    "document edit: POST to a public collection": Row(
        post(
            document_url("wagtaildocs:edit"),
            lambda w: {
                "title": FILE_TITLE,
                "collection": w["public_collection"].pk,
                "language": w["document"].language,
            },
        ),
        row(302, 403, 302, 302, 302, 403, 302, 302, 403, 302),
        changes=SUPERUSER,
    ),
    # A file version's document is protected by its reference: refused even to superusers.
    "document delete: POST": Row(
        post(document_url("wagtaildocs:delete")),
        row(302, 403, 302, 302, 302, 403, 302, 302, 403, 302),
    ),
    # Contrast: a public collection's document.
    "edit a public document": Row(
        get(document_url("wagtaildocs:edit", "public_document")),
        row(302, 403, 200, 200, 302, 403, 302, 302, 403, 200),
    ),
    # Bulk actions: an id the user may not see is 404; those who see it get Wagtail's
    # confirmation (which lists what they may not delete too).
    "bulk delete page: GET": Row(get(bulk_url("wagtailcore", "page", "draft")), ADMIN_404, INSIDE),
    "bulk delete page: POST": Row(
        post(bulk_url("wagtailcore", "page", "draft")),
        row(302, 403, 404, 302, 404, 403, 302, 302, 403, 302),
        changes=frozenset({"moderator", "chair", "superuser"}),
    ),
    "bulk delete document: GET": Row(
        get(bulk_url("documents", "portaldocument", "document")), ADMIN_404, INSIDE
    ),
    "bulk delete document: POST": Row(
        post(bulk_url("documents", "portaldocument", "document")),
        row(302, 403, 404, 302, 404, 403, 302, 302, 403, 302),
    ),
    # The page chooser.
    "page chooser: browse the space": Row(
        get(lambda w: reverse("wagtailadmin_choose_page_child", args=[w["space"].pk])),
        ADMIN_404,
        INSIDE,
    ),
    "page chooser: chosen": Row(
        get(lambda w: reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={w['draft'].pk}"),
        ADMIN_404,
        INSIDE,
    ),
    "page chooser: search": Row(
        get(lambda w: reverse("wagtailadmin_choose_page_search") + "?q=Quinupristin"),
        LISTED,
        INSIDE,
    ),
}

# Running a cell


def state(w):
    """Everything a refused request must leave alone."""
    Document = get_document_model()
    return {
        "pages": Page.objects.count(),
        "secret pages": list(
            Page.objects.filter(title__contains="Quinupristin")
            .order_by("pk")
            .values_list("pk", "path", "live", "latest_revision_id", "alias_of_id")
        ),
        "documents": list(
            Document.objects.filter(title__contains="Quinupristin")
            .order_by("pk")
            .values_list("pk", "title", "collection_id", "file")
        ),
    }


def assert_still_private(w):
    """True after every cell, whoever acted: drafts stay unpublished in their space, and the
    group's file stays (its deletion is refused to everyone)."""
    for path, live in Page.objects.filter(title__contains="Quinupristin").values_list(
        "path", "live"
    ):
        assert path.startswith(w["space"].path) and path != w["space"].path
        assert not live
    assert get_document_model().objects.filter(pk=w["document"].pk).exists()


def text_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def shows_secret(response):
    text = text_of(response).lower()
    return any(secret in text for secret in SECRETS)


def run_cell(client, w, name, role):
    """(status, shows a secret, changed anything), in a savepoint rolled back afterwards."""
    with transaction.atomic():
        before = state(w)
        response = ROWS[name].send(client, w)
        shown = shows_secret(response)
        if role in HIDDEN:
            # Wagtail shows its messages on the next page: they name nothing either.
            shown = shown or shows_secret(client.get(reverse("wagtailadmin_home")))
        changed = state(w) != before
        assert_still_private(w)
        transaction.set_rollback(True)
    return response.status_code, shown, changed


def expected_cell(name, role):
    entry = ROWS[name]
    return entry.status[role], role in entry.shown, role in entry.changes


@pytest.mark.parametrize("name", ROWS)
def test_admin_row(browsers, world, name):
    got = {role: run_cell(browsers[role], world, name, role) for role in ROLES}
    assert got == {role: expected_cell(name, role) for role in ROLES}
    for role in HIDDEN & set(got):
        assert got[role][1:] == (False, False), role  # the hard rule, whatever the table says


def test_the_tables_never_expect_a_leak():
    """A cell may not be 'fixed' by writing the leak into the table."""
    for name, entry in ROWS.items():
        assert set(entry.status) == set(ROLES), name
        assert not (entry.shown | entry.changes) & HIDDEN, name
        assert (entry.shown | entry.changes) <= set(ROLES), name


def test_cell_count():
    """How many role x route cells this module checks; it must not shrink unnoticed."""
    n = sum(len(entry.status) for entry in ROWS.values())
    print(f"admin matrix: {n} cells ({len(ROWS)} routes x {len(ROLES)} roles)")
    assert n == len(ROWS) * len(ROLES) == 38 * 10
