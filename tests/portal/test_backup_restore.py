"""Backups and the restore procedure (scripts/backup.py, scripts/restore.py; issue 8).

The whole procedure runs once on the demo content that tests/conftest.py commits to the test
database: back up the test database and media, restore into a new database on the same server
and a new media directory, then serve pages and downloads from the restored copy in another
process, as production would, and compare what it serves with the originals. The refusals
(SQLite, a damaged backup, a non-empty database or media directory, a failed dump) are tested
with small hand-made backups, or the demo's real one where a broken check would otherwise go
on to restore it.
"""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.conf import settings

from scripts.pg_tools import find_bindir

pytestmark = pytest.mark.postgresql

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.py"
RESTORE = ROOT / "scripts" / "restore.py"
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
skip_unless_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="backup and restore are for PostgreSQL; `make test` runs this in its PostgreSQL pass",
)


def postgres_only(test):
    """Run on PostgreSQL only, with the test database set up (pytest-django creates it only
    for tests marked django_db; the scripts reach it from their own connections)."""
    return pytest.mark.django_db(skip_unless_postgres(test))


# An address nothing listens on: a script that reaches for the database fails at once.
UNREACHABLE_URL = "postgres://nobody@127.0.0.1:9/nothing"
# Variables of the portal that would change what the scripts or the served copy do.
PORTAL_VARIABLES = (
    "DATABASE_URL",
    "MEDIA_ROOT",
    "AWS_STORAGE_BUCKET_NAME",
    "CACHE_URL",
    "PAGE_CACHE_URL",
    "ELASTICSEARCH_URL",
    "TASKS_BACKEND",
    "EMAIL_URL",
    "DEBUG",
)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def run_script(script, *args, env=None):
    """Run one of the scripts as an operator would, with only the given portal variables."""
    environ = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    environ.update(env or {})
    return subprocess.run(  # noqa: S603 - the project's own scripts
        [sys.executable, str(script), *map(str, args)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
    )


def pg_bindir_args():
    """The programs beside the test server (scripts/with_postgres.py's), so that pg_dump and
    pg_restore are of its major version; elsewhere the scripts find their own."""
    bindir = find_bindir()
    return ["--pg-bindir", str(bindir)] if bindir else []


# -- the test server -------------------------------------------------------------------------


def server_settings():
    from django.db import connection

    return connection.settings_dict


def database_url(name):
    s = server_settings()
    credentials = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        credentials += ":" + quote(s["PASSWORD"], safe="")
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(name, safe='')}"


def connect(name):
    import psycopg

    s = server_settings()
    params = {"user": s["USER"], "password": s["PASSWORD"], "host": s["HOST"], "port": s["PORT"]}
    return psycopg.connect(dbname=name, autocommit=True, **{k: v for k, v in params.items() if v})


@contextmanager
def fresh_database(purpose):
    """A new, empty database on the test server, dropped afterwards."""
    from psycopg import sql

    name = f"test_{purpose}_{uuid.uuid4().hex[:8]}"
    with connect("postgres") as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with connect("postgres") as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def relations(name):
    with connect(name) as conn:
        rows = conn.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]


def row_counts(name, tables):
    from psycopg import sql

    with connect(name) as conn:
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


# -- the procedure on the demo content ---------------------------------------------------------


def key_tables():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from documents.models import PortalDocument
    from toolkits.models import ToolkitPage
    from workgroups.models import Membership

    return {
        "pages": Page._meta.db_table,
        "documents": PortalDocument._meta.db_table,
        "toolkits": ToolkitPage._meta.db_table,
        "work-group memberships": Membership._meta.db_table,
        "users": get_user_model()._meta.db_table,
    }


def describe_original():
    """What the restored copy must serve: page paths and titles, a public and a members-only
    document with the SHA-256 of their files as they are on disk now, and a member to log in."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale, Site

    from portal.access import MEMBERS_GROUP_NAME
    from public_awareness.models import SymptomGuidePage
    from toolkits.models import ToolkitPage, ToolkitResource

    home = Site.objects.get(is_default_site=True).root_page.specific
    guide = SymptomGuidePage.objects.get(locale=Locale.get_default())
    guide_es = guide.get_translation(Locale.objects.get(language_code="es"))
    toolkit = ToolkitPage.objects.live().public().order_by("path").first()
    resources = ToolkitResource.objects.filter(page__live=True).select_related("document")
    public = next(r.document for r in resources if not r.document.members_only)
    members = next(r.document for r in resources if r.document.members_only)
    member = (
        get_user_model()
        .objects.filter(groups__name=MEMBERS_GROUP_NAME, is_active=True)
        .order_by("pk")
        .first()
    )

    def file_sha256(document):
        return sha256((Path(settings.MEDIA_ROOT) / document.file.name).read_bytes())

    return {
        "pages": {
            "home": {"path": home.url, "title": home.title},
            "guide": {"path": guide.url, "title": guide.title},
            "guide_es": {"path": guide_es.url, "title": guide_es.title},
            "toolkit": {"path": toolkit.url, "title": toolkit.title},
        },
        "documents": {
            "public": {"path": public.url, "sha256": file_sha256(public)},
            "members": {"path": members.url, "sha256": file_sha256(members)},
        },
        "member": member.pk,
    }


# Runs in a separate process on the restored database and media. The development settings
# with DEBUG off serve documents through Wagtail's serve view with every privacy hook, as
# production does; the test settings would not do here, as they put MEDIA_ROOT in a fresh
# temporary directory whatever the environment says.
SERVE_RESTORED = """
import hashlib, json, sys
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()  # lets the test client's 'testserver' host in
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape

spec = json.load(sys.stdin)

def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content

anonymous = Client(raise_request_exception=False)
member = Client(raise_request_exception=False)
user = get_user_model().objects.filter(pk=spec["member"]).first()
if user is not None:  # else the members' download is refused, and the test says so
    member.force_login(user)
served = {"pages": {}, "documents": {}}
for key, page in spec["pages"].items():
    response = anonymous.get(page["path"])
    html = body(response).decode()
    served["pages"][key] = {
        "status": response.status_code,
        "has_title": page["title"] in html or escape(page["title"]) in html,
    }
for key, client in (("public", anonymous), ("members_anonymous", anonymous), ("members", member)):
    response = client.get(spec["documents"][key.split("_")[0]]["path"])
    served["documents"][key] = {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "sha256": hashlib.sha256(body(response)).hexdigest(),
    }
print("SERVED " + json.dumps(served))
"""


def serve_restored(url, media_root, original):
    env = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DEBUG="false",
        DATABASE_URL=url,
        MEDIA_ROOT=str(media_root),
    )
    result = subprocess.run(  # noqa: S603 - this Python with the script above
        [sys.executable, "-c", SERVE_RESTORED],
        cwd=ROOT,
        env=env,
        input=json.dumps(original),
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("SERVED ")]
    if result.returncode != 0 or not lines:
        return {"error": result.stderr[-3000:]}
    return json.loads(lines[-1].removeprefix("SERVED "))


@pytest.fixture(scope="module")
def procedure(django_db_setup, django_db_blocker, tmp_path_factory):
    """Back up the test database and media, restore into a new database and media directory,
    and serve from the restored copy; each step runs only when the one before it succeeded."""
    with django_db_blocker.unblock():
        original = describe_original()
        test_database = server_settings()["NAME"]
        tables = key_tables()
    # Counted from another connection, as pg_dump sees them: the demo must be committed.
    original_counts = row_counts(test_database, tables.values())
    work = tmp_path_factory.mktemp("backup-restore")
    outcome = SimpleNamespace(
        original=original,
        tables=tables,
        original_counts=original_counts,
        media_root=Path(settings.MEDIA_ROOT),
        backups=work / "backups",
        backup=None,
        backup_dir=None,
        restore=None,
        restored_media=work / "restored-media",
        served=None,
        restored_counts=None,
    )
    outcome.backup = run_script(
        BACKUP,
        "--output",
        outcome.backups,
        *pg_bindir_args(),
        env={"DATABASE_URL": database_url(test_database), "MEDIA_ROOT": str(outcome.media_root)},
    )
    if outcome.backup.returncode != 0:
        yield outcome
        return
    [outcome.backup_dir] = outcome.backups.iterdir()
    with fresh_database("restored") as restored:
        url = database_url(restored)
        outcome.restore = run_script(
            RESTORE,
            "--from",
            outcome.backup_dir,
            *pg_bindir_args(),
            env={"DATABASE_URL": url, "MEDIA_ROOT": str(outcome.restored_media)},
        )
        if outcome.restore.returncode == 0:
            outcome.restored_counts = row_counts(restored, tables.values())
            outcome.served = serve_restored(url, outcome.restored_media, original)
        yield outcome


def restored(procedure):
    """The outcome, once backup and restore have succeeded and the copy could be served."""
    assert procedure.backup.returncode == 0, procedure.backup.stderr
    assert procedure.restore.returncode == 0, procedure.restore.stdout + procedure.restore.stderr
    assert "error" not in procedure.served, procedure.served["error"]
    return procedure


@postgres_only
def test_demo_content_is_committed_for_pg_dump_to_see(procedure):
    counts = procedure.original_counts
    assert all(counts[table] > 0 for table in procedure.tables.values()), counts


@postgres_only
def test_backup_writes_dump_media_and_manifest(procedure):
    assert procedure.backup.returncode == 0, procedure.backup.stderr
    backup_dir = procedure.backup_dir
    assert backup_dir.name.startswith("portal-backup-")
    assert sorted(p.name for p in backup_dir.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar.gz",
    ]
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    for name, entry in manifest["files"].items():
        data = (backup_dir / name).read_bytes()
        assert entry == {"sha256": sha256(data), "size": len(data)}
    assert (backup_dir / "database.dump").read_bytes().startswith(b"PGDMP")
    database = manifest["database"]
    assert database["name"] == server_settings()["NAME"]
    assert database["server_version"][0].isdigit()
    assert database["migrations"]["applied"] > 50
    assert database["migrations"]["latest"]["toolkits"]
    on_disk = [p for p in procedure.media_root.rglob("*") if p.is_file()]
    assert manifest["media"]["storage"] == "filesystem"
    assert manifest["media"]["files"] == len(on_disk) > 0
    assert manifest["created"].endswith("Z")


@postgres_only
def test_restore_reports_that_code_and_backup_match(procedure):
    out = restored(procedure).restore.stdout
    assert "checksums verified" in out
    assert "code and backup match" in out


@postgres_only
def test_restored_copy_has_the_same_rows(procedure):
    restored(procedure)
    assert procedure.restored_counts == procedure.original_counts


@postgres_only
def test_restored_copy_serves_the_pages(procedure):
    served = restored(procedure).served["pages"]
    for key in ("home", "guide", "guide_es", "toolkit"):
        assert served[key] == {"status": 200, "has_title": True}, key


@postgres_only
def test_restored_copy_serves_downloads_byte_for_byte(procedure):
    served = restored(procedure).served["documents"]
    documents = procedure.original["documents"]
    assert served["public"]["status"] == 200
    assert served["public"]["sha256"] == documents["public"]["sha256"]
    # Privacy came back with the data: anonymous visitors are sent to log in ...
    assert served["members_anonymous"]["status"] == 302
    assert "login" in served["members_anonymous"]["location"]
    # ... and a member gets the file as it was.
    assert served["members"]["status"] == 200
    assert served["members"]["sha256"] == documents["members"]["sha256"]


@postgres_only
def test_backup_with_media_in_object_storage_says_so_and_skips_them(django_db_blocker, tmp_path):
    with django_db_blocker.unblock():
        url = database_url(server_settings()["NAME"])
    result = run_script(
        BACKUP,
        "--output",
        tmp_path,
        *pg_bindir_args(),
        env={"DATABASE_URL": url, "AWS_STORAGE_BUCKET_NAME": "portal-uploads"},
    )
    assert result.returncode == 0, result.stderr
    assert "s3://portal-uploads" in result.stdout and "not copied" in result.stdout
    [backup_dir] = tmp_path.iterdir()
    assert sorted(p.name for p in backup_dir.iterdir()) == ["database.dump", "manifest.json"]
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["media"]["storage"] == "object"
    assert manifest["media"]["bucket"] == "portal-uploads"


# -- refusals ----------------------------------------------------------------------------------


def make_backup(directory, *, dump=b"PGDMP not really a dump", media=True):
    """A backup directory with a manifest whose checksums match its files (the files
    themselves are not real: every refusal tested here comes before they are read)."""
    directory.mkdir(parents=True)
    files = {"database.dump": dump}
    if media:
        files["media.tar.gz"] = b"\x1f\x8b not really a tar"
    for name, data in files.items():
        (directory / name).write_bytes(data)
    manifest = {
        "format": "sepsis-portal-backup/1",
        "created": "2026-05-20T12:00:00Z",
        "database": {"name": "portal", "server_version": "16.4", "migrations": None},
        "media": {"storage": "filesystem", "files": 0} if media else {"storage": "object"},
        "files": {
            name: {"sha256": sha256(data), "size": len(data)} for name, data in files.items()
        },
    }
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return directory


def real_backup(procedure):
    assert procedure.backup.returncode == 0, procedure.backup.stderr
    return procedure.backup_dir


def test_backup_refuses_sqlite_and_writes_nothing(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    result = run_script(
        BACKUP,
        "--output",
        tmp_path / "backups",
        env={"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "MEDIA_ROOT": str(media)},
    )
    assert result.returncode == 1
    assert "SQLite" in result.stderr and "PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "backups").exists()


def test_restore_refuses_sqlite(tmp_path):
    backup = make_backup(tmp_path / "backup")
    result = run_script(
        RESTORE,
        "--from",
        backup,
        env={"DATABASE_URL": "sqlite:///db.sqlite3", "MEDIA_ROOT": str(tmp_path / "media")},
    )
    assert result.returncode == 1
    assert "SQLite" in result.stderr
    assert not (tmp_path / "media").exists()


@pytest.mark.parametrize(
    ("damaged", "damage", "message"),
    [
        ("database.dump", lambda data: data[:-1] + b"!", "SHA-256"),
        ("media.tar.gz", lambda data: b"?" + data[1:], "SHA-256"),
        ("database.dump", lambda data: data[:-5], "bytes"),
    ],
    ids=["dump-changed", "media-changed", "dump-truncated"],
)
def test_damaged_backup_fails_before_anything_is_touched(tmp_path, damaged, damage, message):
    backup = make_backup(tmp_path / "backup")
    path = backup / damaged
    path.write_bytes(damage(path.read_bytes()))
    # The database is not even there: a restore that reached for it first would say so.
    result = run_script(
        RESTORE,
        "--from",
        backup,
        env={"DATABASE_URL": UNREACHABLE_URL, "MEDIA_ROOT": str(tmp_path / "media")},
    )
    assert result.returncode == 1
    assert damaged in result.stderr and message in result.stderr
    assert "nothing was restored" in result.stderr or "damaged" in result.stderr
    assert not (tmp_path / "media").exists()


def test_restore_refuses_media_root_that_is_not_empty(tmp_path):
    backup = make_backup(tmp_path / "backup")
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "kept.pdf").write_bytes(b"%PDF-1.4 kept")
    result = run_script(
        RESTORE, "--from", backup, env={"DATABASE_URL": UNREACHABLE_URL, "MEDIA_ROOT": str(media)}
    )
    assert result.returncode == 1
    assert "is not empty" in result.stderr
    assert [p.name for p in media.rglob("*")] == ["documents", "kept.pdf"]


@postgres_only
def test_restore_refuses_a_database_with_any_table_and_changes_nothing(procedure, tmp_path):
    """With the demo's real backup, which would restore cleanly beside an unrelated table."""
    backup = real_backup(procedure)
    media = tmp_path / "media"
    media.mkdir()
    with fresh_database("nonempty") as name:
        with connect(name) as conn:
            conn.execute("CREATE TABLE leftover (note text)")
            conn.execute("INSERT INTO leftover VALUES ('from an earlier attempt')")
        result = run_script(
            RESTORE,
            "--from",
            backup,
            *pg_bindir_args(),
            env={"DATABASE_URL": database_url(name), "MEDIA_ROOT": str(media)},
        )
        assert result.returncode == 1
        assert "is not empty" in result.stderr and "public.leftover" in result.stderr
        assert relations(name) == ["public.leftover"]
        assert row_counts(name, ["leftover"]) == {"leftover": 1}
    assert list(media.iterdir()) == []


@postgres_only
def test_restore_refuses_the_live_database(procedure, django_db_blocker, tmp_path):
    """Pointed by mistake at the database in use (here the test database with the demo), the
    restore refuses and the data stays as it was."""
    with django_db_blocker.unblock():
        name = server_settings()["NAME"]
        tables = list(key_tables().values())
    before = row_counts(name, tables)
    result = run_script(
        RESTORE,
        "--from",
        real_backup(procedure),
        *pg_bindir_args(),
        env={"DATABASE_URL": database_url(name), "MEDIA_ROOT": str(tmp_path / "media")},
    )
    assert result.returncode == 1
    assert "is not empty" in result.stderr
    assert row_counts(name, tables) == before
    assert not (tmp_path / "media").exists()


@postgres_only
def test_failed_dump_leaves_no_backup_directory(django_db_setup, django_db_blocker, tmp_path):
    """pg_dump fails half-way (a stand-in that writes part of a dump, then fails): the partial
    backup is removed and the error is pg_dump's own."""
    real = find_bindir() or find_bindir(("pg_dump", "psql"))
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "psql").symlink_to(real / "psql")
    fake = bindir / "pg_dump"
    fake.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = --version ] && exec "{real / "pg_dump"}" --version\n'
        'for arg; do case "$arg" in --file=*) echo PGDMP-partial > "${arg#--file=}";; esac; done\n'
        'echo "pg_dump: error: connection lost" >&2; exit 1\n'
    )
    fake.chmod(0o755)
    with django_db_blocker.unblock():
        url = database_url(server_settings()["NAME"])
    media = tmp_path / "media"
    media.mkdir()
    output = tmp_path / "backups"
    result = run_script(
        BACKUP,
        "--output",
        output,
        "--pg-bindir",
        bindir,
        env={"DATABASE_URL": url, "MEDIA_ROOT": str(media)},
    )
    assert result.returncode == 1
    assert "connection lost" in result.stderr
    assert list(output.iterdir()) == []
