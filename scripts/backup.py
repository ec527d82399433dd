#!/usr/bin/env python3
"""Back up the portal's PostgreSQL database and uploaded media.

    python scripts/backup.py --output DIR [--database-url URL] [--media-root PATH]
                             [--pg-bindir DIR]

Writes DIR/portal-backup-<UTC time>/ holding
  database.dump   pg_dump --format=custom --no-owner --no-privileges (restore with restore.py)
  media.tar.gz    the files under MEDIA_ROOT (documents, images), when uploads are on disk
  manifest.json   when and what was backed up: database name, server version, migrations
                  applied, and the SHA-256 and size of each file

DATABASE_URL and MEDIA_ROOT come from the environment unless given as options. When
AWS_STORAGE_BUCKET_NAME is set, uploads live in object storage: they are not copied (back the
bucket up with its versioning or replication, or `aws s3 sync`; see
docs/backup-and-restore.md). SQLite, the development default, is refused.

The backup is written under a hidden temporary name and renamed only when complete, so a
failed or interrupted backup leaves nothing that looks like a backup. pg_dump must be of the
server's major version or newer: by default the one on PATH, else the newest under
/usr/lib/postgresql/*/bin; --pg-bindir names another. Standard library only.
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

from backup_format import DUMP, FORMAT, MANIFEST, MEDIA, sha256
from pg_tools import (
    PgError,
    applied_migrations,
    client_bindir,
    libpq_env,
    parse_database_url,
    program_version,
    run,
    server_version,
)

PROG = "backup"


def log(message):
    print(f"{PROG}: {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="backup.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", required=True, help="directory the backup is written into")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--media-root", default=os.environ.get("MEDIA_ROOT", ""))
    parser.add_argument("--pg-bindir", help="directory of pg_dump and psql")
    return parser.parse_args(argv)


def media_source(args):
    """('filesystem', Path) or ('object', bucket name)."""
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if bucket:
        return "object", bucket
    if not args.media_root:
        raise PgError("no media directory: set MEDIA_ROOT or pass --media-root")
    root = Path(args.media_root).resolve()
    if not root.is_dir():
        raise PgError(f"MEDIA_ROOT {root} is not a directory")
    return "filesystem", root


def migration_summary(applied):
    if applied is None:
        return None
    return {
        "applied": sum(len(names) for names in applied.values()),
        "latest": {app: names[-1] for app, names in sorted(applied.items())},
    }


def archive_media(root, target):
    """media.tar.gz of everything under root, named relative to it; (files, bytes)."""
    files = size = 0
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        for child in sorted(root.iterdir()):
            tar.add(child, arcname=child.name)
        for member in tar.getmembers():
            if member.isfile():
                files += 1
                size += member.size
    return files, size


def final_name(output, created):
    stamp = created.strftime("%Y%m%dT%H%M%SZ")
    candidate = output / f"portal-backup-{stamp}"
    number = 2
    while candidate.exists():  # two backups within a second
        candidate = output / f"portal-backup-{stamp}-{number}"
        number += 1
    return candidate


def backup(args):
    db = parse_database_url(args.database_url)
    storage, media = media_source(args)
    bindir = client_bindir(args.pg_bindir, ("pg_dump", "psql"))
    env = libpq_env(db)

    try:
        server_text, server_major = server_version(bindir, env)
    except PgError as error:
        raise PgError(f"cannot connect to database {db['name']!r}: {error}") from None
    dump_text, dump_major = program_version(bindir, "pg_dump")
    if dump_major < server_major:
        raise PgError(
            f"{dump_text} cannot dump a PostgreSQL {server_text} server: use pg_dump "
            f"{server_major} or newer (--pg-bindir /usr/lib/postgresql/{server_major}/bin)"
        )
    migrations = migration_summary(applied_migrations(bindir, env))

    output = Path(args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    created = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    # mkdtemp makes it readable by its owner only: a backup holds password hashes.
    work = Path(tempfile.mkdtemp(prefix=".incomplete-portal-backup-", dir=output))
    try:
        log(f"dumping database {db['name']!r} (PostgreSQL {server_text}) with {dump_text}")
        run(
            [
                str(bindir / "pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={work / DUMP}",
            ],
            env,
        )
        if storage == "filesystem":
            log(f"archiving media from {media}")
            files, size = archive_media(media, work / MEDIA)
            media_info = {
                "storage": "filesystem",
                "root": str(media),
                "files": files,
                "bytes": size,
            }
        else:
            log(
                f"media are in the object storage bucket {media!r} and are not copied: back it "
                "up with the storage's own versioning or replication, or `aws s3 sync "
                f"s3://{media} DIR` (see docs/backup-and-restore.md)"
            )
            media_info = {"storage": "object", "bucket": media, "backed_up": False}

        manifest = {
            "format": FORMAT,
            "created": created.isoformat().replace("+00:00", "Z"),
            "database": {
                "name": db["name"],
                "host": db["host"] or None,
                "port": db["port"],
                "server_version": server_text,
                "pg_dump_version": dump_text,
                "migrations": migrations,
            },
            "media": media_info,
            "files": {
                path.name: {"sha256": sha256(path), "size": path.stat().st_size}
                for path in sorted(work.iterdir())
            },
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        target = final_name(output, created)
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    total = sum(entry["size"] for entry in manifest["files"].values())
    log(f"wrote {target} ({total / 1e6:.1f} MB)")
    return target


def main(argv):
    args = parse_args(argv)
    try:
        backup(args)
    except PgError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; no backup was written", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
