#!/usr/bin/env python3
"""Restore a backup made by scripts/backup.py into a new, empty database and media directory.

    python scripts/restore.py --from BACKUP_DIR [--database-url URL] [--media-root PATH]
                              [--pg-bindir DIR]

DATABASE_URL and MEDIA_ROOT come from the environment unless given as options. Nothing is
changed unless every check passes first:
  - every file listed in the backup's manifest.json has its recorded size and SHA-256;
  - the database named by DATABASE_URL exists and is empty (no tables, views or sequences):
    create a fresh one first (`createdb`); this script never overwrites a database;
  - MEDIA_ROOT is empty or does not exist (when the backup holds media);
  - pg_restore can read the archive.
Then the media are unpacked and the database restored with pg_restore --no-owner
--no-privileges --exit-on-error --single-transaction; if the database restore fails, it leaves
the database empty and the unpacked media are removed again. Finally `manage.py migrate --check
--plan` (run with this Python and the environment's DJANGO_SETTINGS_MODULE) says whether the
code's migrations match the restored database, listing any the backup predates.

Exit status 0 when restored, 1 on any failure. Standard library only.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from backup_format import DUMP, FORMAT, MANIFEST, MEDIA, sha256
from pg_tools import (
    PgError,
    client_bindir,
    libpq_env,
    parse_database_url,
    program_version,
    run,
    server_version,
    user_relations,
)

PROG = "restore"
ROOT = Path(__file__).resolve().parent.parent


def log(message):
    print(f"{PROG}: {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="restore.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--from", dest="source", required=True, help="a backup directory made by backup.py"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--media-root", default=os.environ.get("MEDIA_ROOT", ""))
    parser.add_argument("--pg-bindir", help="directory of pg_restore and psql")
    return parser.parse_args(argv)


def read_manifest(source):
    """The manifest, after checking every file it lists against its size and checksum."""
    if not source.is_dir():
        raise PgError(f"{source} is not a directory")
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise PgError(f"{source} has no {MANIFEST}: not a backup made by backup.py") from None
    except ValueError as error:
        raise PgError(f"{source / MANIFEST} is not valid JSON: {error}") from None
    if manifest.get("format") != FORMAT:
        raise PgError(f"{source / MANIFEST} is not a {FORMAT} manifest")
    files = manifest.get("files") or {}
    if DUMP not in files:
        raise PgError(f"the manifest lists no {DUMP}")
    if manifest["media"]["storage"] == "filesystem" and MEDIA not in files:
        raise PgError(f"the manifest lists no {MEDIA}")
    for name, expected in files.items():
        path = source / name
        if Path(name).name != name or not path.is_file():
            raise PgError(f"{path} is missing")
        if path.stat().st_size != expected["size"]:
            raise PgError(
                f"{path} has {path.stat().st_size} bytes, the manifest says {expected['size']}: "
                "the backup is damaged or incomplete"
            )
        if sha256(path) != expected["sha256"]:
            raise PgError(
                f"{path} does not match its SHA-256 checksum in the manifest: the backup is "
                "damaged; nothing was restored"
            )
    return manifest


def check_media_target(manifest, media_root):
    """The directory to unpack media into (empty or missing), or None when the backup holds
    no media (they were in object storage)."""
    if MEDIA not in manifest["files"]:
        bucket = manifest["media"].get("bucket")
        log(
            f"the backup holds no media: they were in the object storage bucket {bucket!r}, "
            "which is restored with the storage's own tools (see docs/backup-and-restore.md)"
        )
        return None
    if not media_root:
        raise PgError("no media directory: set MEDIA_ROOT or pass --media-root")
    root = Path(media_root).resolve()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise PgError(
            f"MEDIA_ROOT {root} is not empty: restore media only into an empty or new "
            "directory; nothing was restored"
        )
    return root


def check_database(bindir, db, env):
    """The target server's version, after making sure the database exists and is empty."""
    try:
        server_text, server_major = server_version(bindir, env)
    except PgError as error:
        raise PgError(
            f"cannot connect to database {db['name']!r}: {error}\n"
            "Create a new, empty database for the restore first (e.g. createdb "
            f"{db['name']}) and check DATABASE_URL"
        ) from None
    relations = user_relations(bindir, env)
    if relations:
        shown = ", ".join(relations[:5]) + (", ..." if len(relations) > 5 else "")
        raise PgError(
            f"database {db['name']!r} is not empty: it has {len(relations)} tables, views or "
            f"sequences ({shown}). Restore only into a new, empty database (createdb a fresh "
            "one and point DATABASE_URL at it); nothing was restored"
        )
    return server_text, server_major


def conninfo_dbname(name):
    """pg_restore --dbname takes a connection string; quote the name as libpq reads it."""
    escaped = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"dbname='{escaped}'"


def unpack_media(archive, root):
    created = not root.exists()
    root.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            # The "data" filter refuses absolute paths, links out of root and device files.
            tar.extractall(root, filter="data")
    except BaseException:
        remove_media(root, created)
        raise
    return created


def remove_media(root, created):
    """Undo unpack_media: the directory was empty (or missing) before."""
    if created:
        shutil.rmtree(root, ignore_errors=True)
        return
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def check_migrations(database_url, media_root):
    """Run `manage.py migrate --check --plan` on the restored database; True when the code's
    migrations are all applied, False when some are not (listed), PgError when it cannot run."""
    env = {**os.environ, "DATABASE_URL": database_url}
    if media_root:
        env["MEDIA_ROOT"] = str(media_root)
    result = subprocess.run(  # noqa: S603 - this Python running the project's manage.py
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--check", "--plan"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        log("migrations: every migration of this code is applied; code and backup match")
        return True
    if "Planned operations:" not in result.stdout:
        detail = (result.stderr or result.stdout).strip().splitlines()[-10:]
        raise PgError(
            "the database and media are restored, but the migration check could not run:\n"
            + "\n".join(detail)
        )
    # Migration lines start in the first column; their operations are indented.
    pending = [
        line for line in result.stdout.splitlines()[1:] if line.strip() and not line.startswith(" ")
    ]
    shown = pending[:20] + ([f"... and {len(pending) - 20} more"] if len(pending) > 20 else [])
    log(
        f"migrations: the backup predates {len(pending)} migrations of this code; run "
        "`manage.py migrate` before serving the site:\n  " + "\n  ".join(shown)
    )
    return False


def restore(args):
    source = Path(args.source).resolve()
    manifest = read_manifest(source)
    log(f"backup of {manifest['created']}: checksums verified")
    db = parse_database_url(args.database_url)
    media_root = check_media_target(manifest, args.media_root)
    bindir = client_bindir(args.pg_bindir, ("pg_restore", "psql"))
    env = libpq_env(db)
    server_text, server_major = check_database(bindir, db, env)
    restore_text, restore_major = program_version(bindir, "pg_restore")
    if restore_major < server_major:
        raise PgError(
            f"{restore_text} is older than the PostgreSQL {server_text} server: use pg_restore "
            f"{server_major} or newer (--pg-bindir /usr/lib/postgresql/{server_major}/bin)"
        )
    # Reads the archive's header and table of contents: an archive from a newer pg_dump, or
    # a damaged one, is refused here rather than half-way.
    run([str(bindir / "pg_restore"), "--list", str(source / DUMP)], env)

    created = None
    if media_root is not None:
        log(f"unpacking media into {media_root}")
        created = unpack_media(source / MEDIA, media_root)
    log(f"restoring database {db['name']!r} (PostgreSQL {server_text}) with {restore_text}")
    try:
        run(
            [
                str(bindir / "pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={conninfo_dbname(db['name'])}",
                str(source / DUMP),
            ],
            env,
        )
    except BaseException as error:
        if media_root is not None:
            remove_media(media_root, created)
        if isinstance(error, PgError):
            raise PgError(
                f"{error}\nThe restore ran in one transaction: the database is as it was, "
                "and the unpacked media were removed again"
            ) from None
        raise
    log("database and media restored")
    return check_migrations(args.database_url, media_root)


def main(argv):
    args = parse_args(argv)
    try:
        restore(args)
    except (PgError, OSError, tarfile.TarError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    log(
        "next: rebuild the search index (`manage.py search_index rebuild`) and see "
        "docs/backup-and-restore.md for what a backup does not hold"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
