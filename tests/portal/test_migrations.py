"""The member organization models took the American spelling without losing a row: run
backwards to the British names, then forwards again, on the demo's database, and every
organization, profile link, group permission, download, care setting, collaborative site and
implementation example (in the toolkit pages' bodies and their revisions) is still there, and
the toolkit pages' revisions keep their license under the field's new name."""

# ruff: noqa: S608 (the names put into the SQL are this module's own, spelled both ways)
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection

from tests.documents.test_migrations import (
    columns,
    migrate,
    migrate_to_latest,
    on_postgresql_only,
    one,
)

pytestmark = [pytest.mark.postgresql, on_postgresql_only]

BEFORE = [
    ("portal", "0001_initial"),
    ("toolkits", "0006_documents_app"),
    ("collaborative", "0005_pooled_figures"),
]


def state(spelling):
    """What the database holds under the names spelled `organisation` or `organization`."""
    org = f"member{spelling}"
    return {
        "organizations": one(f"SELECT COUNT(*) FROM portal_{org}"),
        "categories": one(f"SELECT COUNT(*) FROM portal_{spelling}category"),
        "confirmed profiles": one(
            f"SELECT COUNT(*) FROM portal_userprofile WHERE {spelling}_id IS NOT NULL"
        ),
        "care settings": one(f"SELECT COUNT(*) FROM toolkits_caresetting_{spelling}s"),
        "downloads": one(
            f"SELECT COUNT(*) FROM toolkits_downloadevent WHERE {spelling}_id IS NOT NULL"
        ),
        "sites": one(
            f"SELECT COUNT(*) FROM collaborative_collaborativesite WHERE {spelling}_id > 0"
        ),
        "group permissions": one(
            "SELECT COUNT(*) FROM auth_group_permissions gp JOIN auth_permission p "
            "ON p.id = gp.permission_id JOIN django_content_type ct ON ct.id = p.content_type_id "
            "WHERE ct.app_label = 'portal' AND ct.model = %s AND p.codename IN (%s, %s, %s, %s)",
            org,
            *(f"{action}_{org}" for action in ("add", "change", "delete", "view")),
        ),
    }


def stored_bodies():
    """(table, column, id, text) of every toolkit page's body and every revision's content."""
    content_type = one(
        "SELECT id FROM django_content_type WHERE app_label = 'toolkits' AND model = 'toolkitpage'"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT page_ptr_id, CAST(body AS TEXT) FROM toolkits_toolkitpage")
        rows = [("toolkits_toolkitpage", "body", "page_ptr_id", *row) for row in cursor.fetchall()]
        cursor.execute(
            "SELECT id, CAST(content AS TEXT) FROM wagtailcore_revision WHERE content_type_id = %s",
            [content_type],
        )
        rows += [("wagtailcore_revision", "content", "id", *row) for row in cursor.fetchall()]
    return rows


def child_named(key):
    """The stored example blocks' child `key`, in a body or in a revision's encoded body."""
    return re.compile(rf'\\?"{key}\\?": ')


def revisions_with_field(name):
    """Toolkit page revisions that keep a field called name."""
    field = re.compile(rf'^\{{.*"{name}": ')
    return sum(
        bool(field.match(text))
        for table, *_, text in stored_bodies()
        if table != "toolkits_toolkitpage"
    )


def bodies_naming(key):
    return sum(len(child_named(key).findall(text)) for *_, text in stored_bodies())


def respell_bodies(old, new):
    """Store the implementation examples as a database from before the rename holds them."""
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        for table, column, key, pk, text in stored_bodies():
            respelled = child_named(old).sub(lambda m: m.group(0).replace(old, new), text)
            cursor.execute(
                f"UPDATE {table} SET {column} = {cast} WHERE {key} = %s", [respelled, pk]
            )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("committed_demo")
def test_the_organization_models_are_renamed_keeping_every_row():
    # The consortium's staff may manage the directory (the demo's groups hold no such right).
    Group.objects.get(name="Moderators").permissions.add(
        *Permission.objects.filter(
            content_type__app_label="portal", codename__endswith="organization"
        )
    )
    after = state("organization")
    assert all(after.values()), after  # the demo has some of each
    examples = bodies_naming("organization")
    licensed = revisions_with_field("license")
    assert examples and licensed

    migrate(BEFORE)
    assert state("organisation") == after
    assert "requested_organisation_id" in columns("portal_userprofile")
    respell_bodies("organization", "organisation")
    assert bodies_naming("organization") == 0
    assert revisions_with_field("licence") == licensed

    migrate_to_latest()
    assert state("organization") == after
    assert "requested_organization_id" in columns("portal_userprofile")
    assert bodies_naming("organization") == examples
    assert bodies_naming("organisation") == 0
    assert revisions_with_field("license") == licensed
    assert revisions_with_field("licence") == 0
