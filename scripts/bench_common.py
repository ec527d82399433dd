"""What the benchmark scripts share: a throwaway database, Django set up as served, percentiles.

A benchmark runs on a database it may fill and forget: by default a SQLite file in a temporary
directory; with --postgres the script runs itself again under scripts/with_postgres.py (a
throwaway cluster) with --database-from-env, which uses DATABASE_URL as it is. Standard
library only until setup_django() is called.
"""

import logging
import os
import shutil
import statistics
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def add_database_arguments(parser):
    """--postgres, --database-from-env and --keep-sqlite."""
    parser.add_argument("--postgres", action="store_true", help="run on a throwaway PostgreSQL")
    parser.add_argument(
        "--database-from-env", action="store_true", help="use DATABASE_URL (must be throwaway)"
    )
    parser.add_argument("--keep-sqlite", action="store_true", help="leave the SQLite file")


def check_database_arguments(parser, args):
    if args.postgres and args.database_from_env:
        parser.error("--postgres starts its own database: leave out --database-from-env")


def rerun_under_postgres(script, argv):
    """The script again, inside scripts/with_postgres.py; returns its exit status."""
    rest = [a for a in argv if a != "--postgres"]
    command = [
        sys.executable,
        str(ROOT / "scripts" / "with_postgres.py"),
        sys.executable,
        str(Path(script).resolve()),
        "--database-from-env",
        *rest,
    ]
    return subprocess.call(command)  # noqa: S603 - our own scripts, with our own arguments


def setup_django(directory, args, sqlite_name, quiet=()):
    """Django on the throwaway database (a SQLite file `sqlite_name` in `directory` unless
    --database-from-env), media in `directory`, DEBUG off unless the environment sets it;
    the loggers named in `quiet` (and Wagtail's) say only warnings."""
    if not args.database_from_env:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / sqlite_name}"
    os.environ["MEDIA_ROOT"] = str(Path(directory) / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    # Without DEBUG, Django neither keeps every query's SQL nor re-reads templates: as served.
    os.environ.setdefault("DEBUG", "false")
    # The full-page cache would answer every timed request after the first (no queries, no
    # rendering): these benchmarks time the work itself. scripts/bench_server.py measures it.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    for name in ("wagtail", *quiet):  # "Page created", "Published", ...
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # WhiteNoise, no assets


def clean_up(directory, args, sqlite_name):
    """Close the connections and delete the temporary directory (but for the SQLite file
    with --keep-sqlite, whose path is printed)."""
    from django.db import connections

    connections.close_all()
    if args.keep_sqlite and not args.database_from_env:
        shutil.rmtree(Path(directory) / "media", ignore_errors=True)
        print(f"\nThe SQLite database is kept: {Path(directory) / sqlite_name}")
    else:
        shutil.rmtree(directory, ignore_errors=True)


def database_label():
    from django.db import connection

    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"PostgreSQL {major}.{minor}"
    return f"{connection.display_name} {connection.Database.sqlite_version}"


def database_bytes():
    """The size of the whole database in bytes (None when it cannot be told)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return pages * cursor.fetchone()[0]
    return None


def percentile(timings, p):
    return statistics.quantiles(timings, n=100, method="inclusive")[p - 1]


def spread(timings):
    """How many, p50, p95 and max of a list of seconds."""
    return {
        "n": len(timings),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 95),
        "max": max(timings),
    }
