#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster.

    python scripts/with_postgres.py CMD [ARGS...]

Creates a cluster in a temporary directory (trust authentication, listening only on
127.0.0.1 at a free port and on a unix socket inside that directory, durability switched
off for speed), creates a database, runs CMD with DATABASE_URL pointing at it, then stops
the cluster and deletes the directory, whatever happens. The exit status is CMD's.

The PostgreSQL programs are taken from PATH, else from the newest
/usr/lib/postgresql/*/bin. When none are found the run is skipped (exit 0), except when
the environment variable CI is set, where that is an error (exit 1). PostgreSQL refuses
to run as root: under root the server runs as the `postgres` user (or `nobody`).

Standard library only.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pg_tools import find_bindir

DB_NAME = "portal"
PROG = "with_postgres"
START_ATTEMPTS = 3


class Interrupted(Exception):
    """A termination signal arrived (SIGTERM or SIGHUP)."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def log(message):
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self, bindir):
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.user = self._server_user()
        self.tmp = None
        self.port = None
        self.started = False

    def _server_user(self):
        if not self.as_root:
            return pwd.getpwuid(os.geteuid()).pw_name
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
            except KeyError:
                continue
            return name
        raise SystemExit(f"{PROG}: running as root, but there is no 'postgres' or 'nobody' user")

    @property
    def datadir(self):
        return self.tmp / "data"

    @property
    def logfile(self):
        return self.tmp / "postgres.log"

    def program(self, name):
        path = self.bindir / name
        return str(path) if path.exists() else (shutil.which(name) or name)

    def run(self, args, check=True):
        """Run a PostgreSQL program as the server's user, capturing its output."""
        if self.as_root:
            if shutil.which("runuser"):
                args = ["runuser", "-u", self.user, "--", *args]
            else:
                entry = pwd.getpwnam(self.user)
                args = [
                    "setpriv",
                    f"--reuid={entry.pw_uid}",
                    f"--regid={entry.pw_gid}",
                    "--init-groups",
                    *args,
                ]
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("PG") and not key.startswith("LC_")
        }
        env["LC_ALL"] = "C"
        result = subprocess.run(  # noqa: S603
            args,
            cwd=self.tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed with exit status {result.returncode}:\n{result.stdout}"
            )
        return result

    def create(self):
        parent = None
        if self.as_root:
            # The server's user must be able to reach the directory: not under /root.
            parent = tempfile.gettempdir()
            if os.stat(parent).st_mode & 0o001 == 0:
                parent = "/tmp"  # noqa: S108
        self.tmp = Path(tempfile.mkdtemp(prefix="with-postgres-", dir=parent))
        if self.as_root:
            entry = pwd.getpwnam(self.user)
            os.chown(self.tmp, entry.pw_uid, entry.pw_gid)
        self.run(
            [
                self.program("initdb"),
                "--pgdata",
                str(self.datadir),
                "--username",
                self.user,
                "--auth",
                "trust",
                "--encoding",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]
        )
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.tmp}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "100",
        }
        with open(self.datadir / "postgresql.conf", "a") as conf:
            conf.write("\n# with_postgres.py: a throwaway test cluster\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def start(self):
        for attempt in range(1, START_ATTEMPTS + 1):
            self.port = free_port()
            result = self.run(
                [
                    self.program("pg_ctl"),
                    "start",
                    "--pgdata",
                    str(self.datadir),
                    "--log",
                    str(self.logfile),
                    "--wait",
                    "--timeout",
                    "60",
                    "-o",
                    f"-p {self.port}",
                ],
                check=False,
            )
            self.started = True  # stop() is harmless when the server did not start
            if result.returncode == 0:
                return
            server_log = self.logfile.read_text() if self.logfile.exists() else ""
            # Another process may have taken the port since we picked it: try another.
            if attempt < START_ATTEMPTS and "could not bind" in server_log:
                self.stop()
                continue
            raise RuntimeError(f"pg_ctl start failed:\n{result.stdout}\n{server_log}")

    def create_database(self):
        self.run(
            [
                self.program("createdb"),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--username",
                self.user,
                DB_NAME,
            ]
        )

    @property
    def url(self):
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{DB_NAME}"

    def stop(self):
        if not self.started:
            return
        self.started = False
        pg_ctl = self.program("pg_ctl")
        for mode in ("fast", "immediate"):
            stopped = self.run(
                [pg_ctl, "stop", "--pgdata", str(self.datadir), "--mode", mode, "--wait"],
                check=False,
            )
            status = self.run([pg_ctl, "status", "--pgdata", str(self.datadir)], check=False)
            if stopped.returncode == 0 or status.returncode == 3:  # 3: not running
                return
        log(f"could not stop the server:\n{stopped.stdout}")

    def remove(self):
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            if self.tmp.exists():
                log(f"could not delete {self.tmp}")
            self.tmp = None


def run_command(cmd, env):
    """Run CMD; on Ctrl-C or a termination signal let it finish or end it first."""
    try:
        child = subprocess.Popen(cmd, env=env)  # noqa: S603
    except OSError as error:
        log(f"cannot run {cmd[0]}: {error.strerror}")
        return 127
    try:
        return child.wait()
    except KeyboardInterrupt:
        # The child, in the same process group, received the SIGINT too.
        signum = signal.SIGINT
    except Interrupted as interrupted:
        signum = interrupted.signum
        child.send_signal(signum)
    try:
        returncode = child.wait(timeout=30)
    except subprocess.TimeoutExpired:
        child.kill()
        returncode = child.wait()
    if returncode > 0:
        return returncode  # the command's own answer to the interruption
    return 128 + (-returncode or signum)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            log(
                "PostgreSQL binaries (initdb, pg_ctl) not found on PATH or under "
                "/usr/lib/postgresql/*/bin; CI must run the PostgreSQL tests "
                "(apt-get install postgresql)"
            )
            return 1
        print(
            "PostgreSQL binaries not found; skipped the PostgreSQL run "
            "(apt-get install postgresql)",
            flush=True,
        )
        return 0

    def on_signal(signum, frame):
        raise Interrupted(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    cluster = Cluster(bindir)
    try:
        began = time.monotonic()
        cluster.create()
        cluster.start()
        cluster.create_database()
        log(
            f"PostgreSQL from {bindir} on 127.0.0.1:{cluster.port}, database {DB_NAME!r}, "
            f"ready in {time.monotonic() - began:.1f}s"
        )
        return run_command(argv, {**os.environ, "DATABASE_URL": cluster.url})
    except RuntimeError as error:
        log(str(error))
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    except Interrupted as interrupted:
        return 128 + interrupted.signum
    finally:
        # Nothing may interrupt the clean-up.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)
        cluster.stop()
        cluster.remove()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
