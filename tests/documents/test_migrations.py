"""The document model moved from the toolkits app to the documents app without moving a row:
run backwards to where toolkits held it, then forwards again, on the demo's database, every
document, file version, meeting attachment, search key, content type, permission and reference
index row is still there and points where it should."""

import pytest
from django.conf import settings
from django.core.management.sql import emit_pre_migrate_signal
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The rows a migration must keep are production's, and production runs PostgreSQL; on SQLite
# (development's demo, rebuilt at will) every test database is migrated from zero already.
# Running back and forth over every app's migrations costs half a minute a test.
on_postgresql_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="a migration keeping rows is tested where production keeps them: `make test` runs "
    "this in its PostgreSQL pass",
)
pytestmark = [pytest.mark.postgresql, on_postgresql_only]

BEFORE = [
    ("documents", None),
    ("toolkits", "0005_document_original_filename"),
    ("workgroups", "0007_staff_permissions_off_private_areas"),
    ("public_awareness", "0001_initial"),
    ("search", "0003_zero_result_hits"),
]


def migrate(targets):
    """Migrate to the targets [(app, migration or None), ...] as `manage.py migrate` would,
    with its pre_migrate signal, on which contenttypes adds the renaming of a renamed model's
    content type to the plan. (The command takes one target; its post_migrate work, making
    every content type and permission afresh, is not what these tests are about.)"""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(targets)
    emit_pre_migrate_signal(0, False, connection.alias, plan=plan)
    executor.migrate(targets, plan=plan)


def migrate_to_latest():
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def one(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def columns(table):
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def state(app, model):
    """What the database holds of the document model named (app, model)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s", [app, model]
        )
        found = cursor.fetchone()
    content_type = found[0] if found else None
    return {
        "documents": one("SELECT COUNT(*) FROM toolkits_toolkitdocument"),
        "version files": one("SELECT COUNT(*) FROM toolkits_toolkitversionfile"),
        "attachments": one("SELECT COUNT(*) FROM workgroups_meeting_attachments"),
        "search keys": one(
            "SELECT COUNT(*) FROM search_indexeddocument WHERE key LIKE %s", f"{app}.{model}:%"
        ),
        "permissions": one(
            "SELECT COUNT(*) FROM auth_permission WHERE content_type_id = %s "
            "AND codename IN (%s, %s, %s, %s)",
            content_type,
            *(f"{action}_{model}" for action in ("add", "change", "delete", "view")),
        ),
        "references": one(
            "SELECT COUNT(*) FROM wagtailcore_referenceindex WHERE to_content_type_id = %s",
            content_type,
        ),
    }


# Migrations need a real transaction; the demo is committed for this test (committed_demo), as
# for the browser's tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("committed_demo")
def test_the_document_model_moves_to_the_documents_app_keeping_every_row():
    after = state("documents", "portaldocument")
    assert all(after.values()), after  # the demo has some of each

    migrate(BEFORE)
    assert state("toolkits", "toolkitdocument") == after
    assert state("documents", "portaldocument")["search keys"] == 0
    assert "toolkitdocument_id" in columns("workgroups_meeting_attachments")

    migrate_to_latest()
    assert state("documents", "portaldocument") == after
    assert state("toolkits", "toolkitdocument")["search keys"] == 0
    assert (
        one(
            "SELECT COUNT(*) FROM django_content_type WHERE app_label = 'toolkits' "
            "AND model = 'toolkitdocument'"
        )
        == 0
    )
    assert "portaldocument_id" in columns("workgroups_meeting_attachments")
