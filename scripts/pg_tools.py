"""What the scripts that drive PostgreSQL's own programs share: finding those programs, reading
DATABASE_URL into libpq's environment variables, and running psql queries.

Standard library only: with_postgres.py, backup.py and restore.py import it as a sibling
module (they are run as scripts, so their own directory is on sys.path).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

# The schemes django-environ reads as PostgreSQL (portal/settings/base.py uses env.db()).
POSTGRES_SCHEMES = {"postgres", "postgresql", "psql", "pgsql", "postgis"}
# Query parameters of a database URL that libpq also reads from its environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
}


class PgError(Exception):
    """A problem to report to the operator as it is (no traceback)."""


def find_bindir(programs=("initdb", "pg_ctl")):
    """The directory holding all of `programs` (initdb and pg_ctl unless told), or None.

    PATH first, then the newest /usr/lib/postgresql/*/bin (Debian keeps the server's programs
    there, off PATH). Client programs must be at least the server's major version, and those
    beside the server are."""
    found = [shutil.which(name) for name in programs]
    if all(found):
        # Follow symlinks (such as /usr/local/bin/initdb) to the real installation,
        # where the other programs sit beside it.
        real = Path(found[0]).resolve().parent
        if all((real / name).exists() for name in programs):
            return real
        return Path(found[0]).parent

    def version(path):
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.name)) or (0,)

    candidates = [
        d
        for d in Path("/usr/lib/postgresql").glob("*/bin")
        if all((d / name).exists() for name in programs)
    ]
    return max(candidates, key=version) if candidates else None


def client_bindir(explicit, programs):
    """The directory of the client programs the operator named with --pg-bindir, else found."""
    if explicit:
        bindir = Path(explicit)
        missing = [name for name in programs if not (bindir / name).exists()]
        if missing:
            raise PgError(f"--pg-bindir {bindir} has no {', '.join(missing)}")
        return bindir
    bindir = find_bindir(programs)
    if bindir is None:
        raise PgError(
            f"PostgreSQL client programs ({', '.join(programs)}) not found on PATH or under "
            "/usr/lib/postgresql/*/bin: install the client of the server's major version "
            "(e.g. apt-get install postgresql-client-16) or name its directory with --pg-bindir"
        )
    return bindir


def major_version(text):
    """15 from 'pg_dump (PostgreSQL) 15.18 (Debian ...)', '15.18' or '150018'."""
    match = re.search(r"\d+", text)
    if not match:
        raise PgError(f"cannot read a PostgreSQL version from {text!r}")
    number = int(match.group())
    # server_version_num: 150018 is 15.18; before 10 it was 90624 (9.6).
    if number >= 10000:
        return number // 10000
    return number


def program_version(bindir, name):
    out = run([str(bindir / name), "--version"], os.environ.copy()).stdout
    return out.strip(), major_version(out.split(")", 1)[-1] if ")" in out else out)


def parse_database_url(url):
    """The parts of a PostgreSQL DATABASE_URL, read as django-environ reads them.

    Refuses SQLite (the development default) and any other engine with PgError."""
    if not url:
        raise PgError("no database: set DATABASE_URL or pass --database-url")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite" or url.startswith("sqlite:"):
        raise PgError(
            "DATABASE_URL is SQLite, the development default: backup and restore are for "
            "PostgreSQL, which production runs on. Copy db.sqlite3 and media/ to keep a "
            "development database."
        )
    if scheme not in POSTGRES_SCHEMES:
        raise PgError(f"DATABASE_URL must be a PostgreSQL URL (postgres://...), not {scheme}://")
    hostinfo = parts.netloc.rsplit("@", 1)[-1]
    if "," in hostinfo:
        raise PgError("DATABASE_URL names several hosts: give the primary's address alone")
    try:
        port = parts.port
    except ValueError as error:
        raise PgError(f"DATABASE_URL has a bad port: {error}") from None
    host = unquote(parts.hostname or "")  # %2F-quoted socket directories
    name = unquote(parts.path[1:])
    if name.startswith("/"):  # postgres:////run/postgresql/portal: a socket directory
        host, name = name.rsplit("/", 1)
    if not name:
        raise PgError("DATABASE_URL names no database (postgres://user@host:5432/NAME)")
    return {
        "host": host,
        "port": port,
        "user": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "name": name,
        "options": dict(parse_qsl(parts.query)),
    }


def libpq_env(db):
    """The environment for pg_dump, pg_restore and psql to reach database `db`. The password
    travels in PGPASSWORD, never in a command line that `ps` would show; what the URL leaves
    out, libpq's own variables (and ~/.pgpass) may still supply."""
    env = os.environ.copy()
    values = {
        "PGHOST": db["host"],
        "PGPORT": str(db["port"] or ""),
        "PGUSER": db["user"],
        "PGPASSWORD": db["password"],
        "PGDATABASE": db["name"],
    }
    for key, value in db["options"].items():
        if key in LIBPQ_OPTIONS:
            values[LIBPQ_OPTIONS[key]] = value
    env.update({key: value for key, value in values.items() if value})
    env["PGAPPNAME"] = "portal-backup"
    return env


def run(args, env, *, stdin=subprocess.DEVNULL):
    """Run a program, capturing its output; PgError with its message when it fails."""
    try:
        result = subprocess.run(  # noqa: S603 - PostgreSQL's own programs
            args, env=env, stdin=stdin, capture_output=True, text=True
        )
    except OSError as error:
        raise PgError(f"cannot run {args[0]}: {error.strerror}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PgError(f"{Path(args[0]).name} failed (exit status {result.returncode}): {detail}")
    return result


def psql_rows(bindir, env, sql):
    """The rows of one query, as lists of strings (unaligned, tab-separated, no psqlrc)."""
    out = run(
        [
            str(bindir / "psql"),
            "--no-psqlrc",
            "--no-align",
            "--tuples-only",
            "--quiet",
            "--field-separator=\t",
            "--set=ON_ERROR_STOP=1",
            "--command",
            sql,
        ],
        env,
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def server_version(bindir, env):
    """The server's version string (e.g. '16.4') and major version."""
    rows = psql_rows(
        bindir,
        env,
        "SELECT current_setting('server_version'), current_setting('server_version_num')",
    )
    text, number = rows[0]
    return text.split()[0], major_version(number)


# Relations that make a database "not empty": anything outside the system schemas.
USER_RELATIONS_SQL = """
SELECT n.nspname || '.' || c.relname
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
ORDER BY 1
"""


def user_relations(bindir, env):
    return [row[0] for row in psql_rows(bindir, env, USER_RELATIONS_SQL)]


def applied_migrations(bindir, env):
    """{app: [migration, ...]} from django_migrations, or None when the table is missing."""
    exists = psql_rows(bindir, env, "SELECT to_regclass('django_migrations') IS NOT NULL")
    if exists[0][0] != "t":
        return None
    applied = {}
    for app, name in psql_rows(
        bindir, env, "SELECT app, name FROM django_migrations ORDER BY app, applied, id"
    ):
        applied.setdefault(app, []).append(name)
    return applied
