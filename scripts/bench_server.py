#!/usr/bin/env python3
"""Load benchmark: the portal under gunicorn with production settings, driven over loopback.

    .venv/bin/python scripts/bench_server.py [--quick] [OPTIONS]      # what `make bench` runs

1. Database: a throwaway PostgreSQL (the script runs itself again under
   scripts/with_postgres.py). `manage.py migrate`, `manage.py load_demo_content`, then the
   scaled data set of scripts/bench_data.py (1,000 toolkits, 200 awareness articles in three
   languages, 10,000 generated search documents in the index, 520 weeks of indicator data).
   The result is kept as a pg_dump (and a tar of the demo's uploads) in bench/cache/, named by
   a hash of what decides its content (the generators, demo content, models, migrations,
   search providers, the locked requirements and the options), and restored by later runs;
   --rebuild-data builds afresh, --no-cache neither reads nor writes it.
2. Static files: `manage.py collectstatic` into a temporary STATIC_ROOT (see bench_data.py).
3. Server: gunicorn, --workers 2 (gthread, 4 threads), on 127.0.0.1 with
   DJANGO_SETTINGS_MODULE=portal.settings.production, a random SECRET_KEY, file caches in a
   temporary directory (CACHE_URL, and PAGE_CACHE_URL for the full-page cache),
   SECURE_SSL_REDIRECT=false (the driver sends X-Forwarded-Proto: https as a TLS proxy would)
   and no search rate limit.
4. Load: scripts/bench_load.py, a separate process. First the static floor (a stylesheet
   through WhiteNoise) and the symptom page at 50 connections, side by side a second at a
   time; then a demo member browsing (a work group's home and a members-only download in turn,
   as a member with a session made in the database; never cached) at --member-connections (2)
   on the idle server; then the load-safety surge (200 connections on the cached symptom page
   for --surge-seconds, every worker's RSS before, at its peak and after) with the same member
   browsing at the same connections meanwhile: a person using the site while the public floods
   it. The member's load starts once the surge is measuring and stops before it ends, so every
   one of its requests met the surge; its p95 is compared with its idle p95 at the same
   connections (the target: under 4 x). Then, each for --duration seconds after a warm-up, at
   10 connections: the static floor, the symptom page, home, a toolkit page, the catalog with
   two facets, a search for a lay term and the trend page, each request with a query parameter
   of its own (?bench=N) so that the full-page cache misses, builds and stores the page as on
   any miss (with whatever else the portal caches warm), and the members-only download and the
   work group's home as the member. --cold measures those pages instead on a second server
   whose page cache keeps nothing at all (PAGE_CACHE_SECONDS=0; production refuses a dummy
   page cache). Whether a response came from a cache is observed, not assumed: the `Age`
   header.
5. Side by side: a bare Wagtail site, made before anything is measured in a temporary
   directory by `wagtail start` (Wagtail's own project template, from the installed package),
   migrated on SQLite, its static files collected, with Wagtail's production settings
   (DEBUG off; bare/settings/local.py, the template's place for them, gives a random
   SECRET_KEY and the allowed hosts). Its default home page is served by gunicorn with the
   portal's --workers, worker class and threads and driven like our pages (10 connections,
   --duration seconds, a query parameter of its own each time), just before them (the
   portal's server waiting, idle), so that both meet much the same machine. Each of our
   pages at 10 connections is then shown as a ratio to that page and to the static floor:
   figures that compare across machines, where requests a second alone do not. The target:
   the symptom guide and home page at 0.5 x the bare Wagtail page or better. If the bare site
   cannot be made or served, the benchmark says so and exits 1; the directory is deleted at
   the end.
6. Report: a table (requests per second, p50/p95/p99 latency, errors, the ratios to the
   static floor and to bare Wagtail at the same concurrency, time inside gunicorn from its
   access log, CPU per request of gunicorn and of PostgreSQL, share served from a cache, the
   CPU of the driver and of every other process on the machine), the issues' targets as met
   or MISSED, and the same as JSON in bench/results/<UTC time>.json. The member's phase under
   the surge has no CPU figures of its own (the surge's CPU includes its few requests).

Exit status 0 when the benchmark ran, even if targets are missed; 1 if it could not run or any
request failed (a status outside 2xx, a socket error or a timeout). Standard library only.
"""

import argparse
import datetime
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

from bench_common import ROOT, rerun_under_postgres
from bench_report import report, write_json

PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WAGTAIL = str(Path(sys.executable).with_name("wagtail"))
CACHE_DIR = ROOT / "bench" / "cache"
RESULTS_DIR = ROOT / "bench" / "results"
ACCESS_LOG_FORMAT = "%({x-bench}i)s %(s)s %(D)s %(p)s"
RSS_BOUND_MB = 50  # growth allowed per worker over the surge
MEMBER_CONNECTIONS = 2  # a person browsing, not a second surge
PAGE_CONNECTIONS = 10  # our pages', one after another, and bare Wagtail's
BARE_PROJECT = "bare"  # the bare Wagtail site's project name (`wagtail start bare DIR`)
# What Wagtail's project template leaves to the deployment (its production settings import
# settings/local.py when there is one): written into the temporary copy only.
BARE_LOCAL_SETTINGS = '''"""Written by the portal's scripts/bench_server.py for one run."""

import os

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
'''
DATA_OPTIONS = ("toolkits", "awareness", "documents", "weeks")
# What decides the built database besides the options: files of the apps that match these.
DATA_PARTS = {"demo", "demo_data", "migrations", "models", "management"}
DATA_NAMES = {"models.py", "search.py", "indexing.py", "contract.py", "sync.py"}
DATA_SCRIPTS = (
    "bench_data.py",
    "bench_search.py",
    "bench_trends.py",
    "bench_common.py",
    "catalog_scale.py",
)
APPS = ("portal", "public_awareness", "toolkits", "workgroups", "search")


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short phases: does it work?")
    parser.add_argument("--duration", type=float, help="seconds measured per URL class (10)")
    parser.add_argument("--warmup", type=float, help="seconds of warm-up per URL class (2)")
    parser.add_argument("--surge-seconds", type=float, help="seconds of the surge (60)")
    parser.add_argument("--surge-connections", type=int, default=200, help="(200)")
    parser.add_argument(
        "--member-connections",
        type=int,
        default=MEMBER_CONNECTIONS,
        help=f"the signed-in member's, idle and during the surge ({MEMBER_CONNECTIONS})",
    )
    parser.add_argument(
        "--rss-bound-mb",
        type=float,
        default=RSS_BOUND_MB,
        help=f"growth of each worker's RSS allowed over the surge ({RSS_BOUND_MB})",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--worker-class", default="gthread", help="gunicorn's; gthread keeps connections open"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        help="served with persistent database connections (DATABASE_URL ?conn_max_age=N); "
        "by default each request opens one, as DATABASE_URL without it does",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="measure uncached pages on a second server whose page cache keeps nothing "
        "(PAGE_CACHE_SECONDS=0) rather than as page-cache misses",
    )
    parser.add_argument("--only", action="append", help="run only these phases (by label)")
    parser.add_argument("--toolkits", type=int, default=1000)
    parser.add_argument("--awareness", type=int, default=200)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=520)
    parser.add_argument("--rebuild-data", action="store_true", help="ignore a cached database")
    parser.add_argument("--no-cache", action="store_true", help="neither use nor keep one")
    parser.add_argument("--json", help="where to write the results (bench/results/<time>.json)")
    parser.add_argument(
        "--database-from-env", action="store_true", help="use DATABASE_URL (must be throwaway)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.duration = args.duration or (3 if quick else 10)
    args.warmup = args.warmup if args.warmup is not None else (1 if quick else 2)
    args.surge_seconds = args.surge_seconds or (5 if quick else 60)
    if member_seconds(args) < 1:
        parser.error("--surge-seconds: at least 3, so that the member's load fits inside it")
    return args


def member_seconds(args):
    """How long the member's load is measured during the surge: the surge's measured time
    less a quarter of it (at least 2 s) for starting the member's driver and its first answers
    (slow under the surge), so that it ends before the surge does."""
    return args.surge_seconds - max(2, args.surge_seconds / 4)


# ---------------------------------------------------------------------------------------------
# Environment and data


def server_environment(work):
    """The environment of every Django process: production settings, made safe to run here."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key == "DATABASE_URL" or not key.startswith(("DJANGO_", "DATABASE", "CACHE"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            # Shared by the workers, as production requires; no Redis or memcached here.
            "CACHE_URL": f"filecache://{work / 'cache'}",
            "PAGE_CACHE_URL": f"filecache://{work / 'page-cache-A'}",
            "SEARCH_RATE_LIMIT": "1000000/m",
            "MEDIA_ROOT": str(work / "media"),
            "STATIC_ROOT": str(work / "static"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run(command, env, what, cwd=ROOT):
    """Run a command to completion; its output is shown only if it fails."""
    began = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own commands
        command, env=env, cwd=cwd, capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"bench: {what} failed (exit status {result.returncode})")
    if result.stderr.strip():
        for line in result.stderr.strip().splitlines():
            if "WARNING" in line:
                log(line)
    log(f"{what}: {seconds:.1f} s")
    return result.stdout, seconds


def data_key(args):
    """A hash of what decides the built database."""
    digest = hashlib.sha256()
    files = [ROOT / "requirements" / "base.txt", *(ROOT / "scripts" / s for s in DATA_SCRIPTS)]
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            parts = set(path.relative_to(ROOT).parts[1:-1])
            relevant = parts & DATA_PARTS or path.name in DATA_NAMES
            if relevant and path.is_file() and "__pycache__" not in parts:
                files.append(path)
    for path in sorted(files):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps({o: getattr(args, o) for o in DATA_OPTIONS}).encode())
    digest.update(postgres_program("pg_dump", "--version").encode())
    return digest.hexdigest()[:16]


def postgres_program(name, *arguments):
    """Run one of PostgreSQL's client programs (the cluster's own version); its output."""
    from with_postgres import find_bindir

    bindir = find_bindir()
    program = str(bindir / name) if bindir and (bindir / name).exists() else name
    result = subprocess.run(  # noqa: S603
        [program, *arguments], capture_output=True, text=True, check=True
    )
    return result.stdout


def build_data(args, env):
    """Migrations, demo content and the scaled data set; returns timings."""
    manage = [PYTHON, "manage.py"]
    timings = {}
    _, timings["migrate_s"] = run([*manage, "migrate", "--no-input"], env, "migrate")
    _, timings["demo_s"] = run([*manage, "load_demo_content"], env, "load_demo_content")
    options = [f"--{o}={getattr(args, o)}" for o in DATA_OPTIONS]
    # No background work while building: the search index is rebuilt at the end anyway.
    quiet = {**env, "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    out, timings["scaled_data_s"] = run(
        [PYTHON, "scripts/bench_data.py", "build", *options], quiet, "scaled data set"
    )
    return {"timings": timings, "figures": json.loads(out.strip().splitlines()[-1])}


def load_data(args, env, work):
    """The database and uploads: restored from bench/cache/ or built (and cached)."""
    began = time.perf_counter()
    key = data_key(args)
    dump, media = CACHE_DIR / f"{key}.dump", CACHE_DIR / f"{key}.media.tar"
    url = env["DATABASE_URL"]
    if not args.no_cache and not args.rebuild_data and dump.exists() and media.exists():
        log(f"restoring the data set from {dump.relative_to(ROOT)}")
        postgres_program(
            "pg_restore", "--no-owner", "--no-privileges", "-j", "2", "-d", url, str(dump)
        )
        with tarfile.open(media) as tar:
            tar.extractall(work / "media", filter="data")
        postgres_program("vacuumdb", "--analyze-only", "--quiet", "--dbname", url)
        data = {"source": "restored", "key": key}
    else:
        data = {"source": "built", "key": key, **build_data(args, env)}
        if not args.no_cache:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            for old in CACHE_DIR.glob("*"):
                old.unlink()  # one data set is kept: the latest
            partial = dump.with_suffix(".partial")
            postgres_program("pg_dump", "--format=custom", "-Z", "1", "-d", url, "-f", str(partial))
            with tarfile.open(media, "w") as tar:
                tar.add(work / "media", arcname=".")
            partial.rename(dump)
            log(f"cached the data set as {dump.relative_to(ROOT)} ({dump.stat().st_size >> 20} MB)")
    data["seconds"] = round(time.perf_counter() - began, 1)
    log(f"data set {data['source']} in {data['seconds']:.0f} s")
    return data


# ---------------------------------------------------------------------------------------------
# CPU accounting, from /proc: the machine is shared, so say who used it.

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def process_cpu(pid, with_reaped=True):
    """Seconds of CPU of a process, its live descendants and (with_reaped) the children it has
    reaped: a gunicorn worker that exited, a PostgreSQL backend whose connection closed."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(stat[11]) + int(stat[12])  # utime, stime
    if with_reaped:
        ticks += int(stat[13]) + int(stat[14])  # cutime, cstime
    return ticks / CLOCK_TICKS + sum(process_cpu(child) for child in children(pid))


def machine_cpu():
    """Seconds of CPU the whole machine has been busy (all cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / CLOCK_TICKS  # less idle and iowait


def postmaster(database_url):
    """The throwaway cluster's server process: the postgres listening on the URL's port."""
    from urllib.parse import urlsplit

    port = str(urlsplit(database_url).port)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if argv[0].endswith(b"postgres") and port.encode() in argv:
                return int(entry.name)
    return None


# ---------------------------------------------------------------------------------------------
# gunicorn


class Server:
    """One gunicorn master with its workers, logging each request's time by phase: the portal's
    by default; another WSGI application (`app`, importable from `cwd`) on the same settings."""

    def __init__(self, name, env, args, work, app="portal.wsgi", cwd=ROOT, health="/health/"):
        self.name, self.env, self.args, self.work = name, env, args, work
        self.app, self.cwd, self.health_path = app, cwd, health
        self.access_log = work / f"access-{name}.log"
        self.error_log = work / f"error-{name}.log"
        self.process = None
        self.port = None
        # PostgreSQL's CPU is counted when the application uses the throwaway cluster.
        url = env.get("DATABASE_URL")
        self.postmaster = postmaster(url) if url else None

    @property
    def command(self):
        return [
            GUNICORN,
            self.app,
            "--workers",
            str(self.args.workers),
            "--worker-class",
            self.args.worker_class,
            *(["--threads", str(self.args.threads)] if self.args.worker_class == "gthread" else []),
            "--bind",
            f"127.0.0.1:{self.port or 'PORT'}",
        ]

    def start(self):
        from with_postgres import free_port

        self.port = free_port()
        logs = [
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            str(self.error_log),
        ]
        self.process = subprocess.Popen(  # noqa: S603
            [*self.command, *logs], env=self.env, cwd=self.cwd, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: gunicorn {self.name} did not start:\n{self.log_tail()}")
            status = self.health()
            if status == 200 and len(self.workers()) == self.args.workers:
                return self
            time.sleep(0.3)
        self.stop()
        raise SystemExit(
            f"bench: gunicorn {self.name} did not answer {self.health_path} with 200 in 90 s "
            f"(last answer: {status or 'none'}):\n{self.log_tail()}"
        )

    def log_tail(self):
        return self.error_log.read_text()[-3000:] if self.error_log.exists() else ""

    def health(self):
        import http.client

        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            connection.request("GET", self.health_path, headers={"X-Forwarded-Proto": "https"})
            return connection.getresponse().status
        except OSError:
            return None

    def workers(self):
        """The worker processes' ids: the master's children."""
        return children(self.process.pid)

    def cpu(self):
        """CPU seconds so far: gunicorn's, PostgreSQL's and the machine's."""
        return {
            "gunicorn": process_cpu(self.process.pid),
            "postgres": process_cpu(self.postmaster) if self.postmaster else 0.0,
            "machine": machine_cpu(),
        }

    def rss(self):
        """Each worker's resident set size in MB (VmRSS of /proc/<pid>/status)."""
        sizes = {}
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1]) / 1024
            except OSError:
                continue
        return sizes

    def server_times(self, label):
        """Milliseconds each request of a phase took inside gunicorn, from its access log."""
        times = []
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                fields = line.split()
                if len(fields) == 4 and fields[0] == label:
                    times.append(int(fields[2]) / 1000)
        return times

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def drive(server, classes, args, connections, duration=None, warmup=None, **concurrent):
    """URL classes through scripts/bench_load.py, side by side when there are several: their
    figures, with the time each request took inside gunicorn (access log) and the CPU that the
    server, PostgreSQL and everything else on the machine used in each class's slices.

    While another load runs on the same server: `measuring` (a threading.Event) is set when
    this one's clock starts; `window` (a dict) receives when the clock ran ("from", "to":
    time.monotonic()); with `shared_cpu` no CPU is attributed to these classes (the counters
    cannot tell the two loads apart)."""
    measuring, shared_cpu = concurrent.get("measuring"), concurrent.get("shared_cpu", False)
    window = concurrent.get("window", {})
    spec = server.work / f"classes-{classes[0]['label']}.json"  # loads may run together
    spec.write_text(json.dumps(classes))
    command = [
        PYTHON,
        str(ROOT / "scripts" / "bench_load.py"),
        "--port",
        str(server.port),
        "--spec",
        str(spec),
        "--connections",
        str(connections),
        "--duration",
        str(duration or args.duration),
        "--warmup",
        str(args.warmup if warmup is None else warmup),
    ]
    driver = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
    used = {c["label"]: dict.fromkeys(("gunicorn", "postgres", "machine"), 0.0) for c in classes}
    label, last, output = None, None, ""
    for line in driver.stdout:
        if line.startswith(("slice ", "stopped")):
            if "from" not in window:
                window["from"] = time.monotonic()
                if measuring is not None:
                    measuring.set()
            window["to"] = time.monotonic()
            now = server.cpu()
            if label is not None:
                for key in now:
                    used[label][key] += now[key] - last[key]
            label, last = line.split()[-1], now
        else:
            output = line
    if driver.wait() != 0 or not output:
        raise SystemExit(f"bench: the driver failed on {', '.join(used)}")
    time.sleep(0.2)  # gunicorn logs a request just after answering it
    results = []
    for figures, url_class in zip(json.loads(output), classes, strict=True):
        times = server.server_times(figures["label"])
        cpu = used[figures["label"]]
        per_request = 1000 / figures["requests"] if figures["requests"] and not shared_cpu else None
        others = cpu["machine"] - cpu["gunicorn"] - cpu["postgres"] - figures["driver_cpu_s"]
        figures.update(
            description=url_class["description"],
            server=server.name,
            server_mean_ms=round(sum(times) / len(times), 2) if times else None,
            server_p95_ms=round(sorted(times)[int(0.95 * (len(times) - 1))], 2) if times else None,
            gunicorn_cpu_ms=per_request and round(cpu["gunicorn"] * per_request, 2),
            # None where PostgreSQL is not the application's database (bare Wagtail's SQLite
            # runs inside gunicorn's workers).
            postgres_cpu_ms=per_request
            and server.postmaster
            and round(cpu["postgres"] * per_request, 2),
            others_cpu_share=None
            if shared_cpu
            else round(max(0.0, others) / figures["seconds"], 2),
        )
        log(
            f"{figures['label']}: {figures['rps']:.0f} rps, p95 {figures['p95_ms']} ms, "
            f"{figures['errors']} errors"
        )
        results.append(figures)
    return results


def surge(server, phase, args, member=None):
    """The load-safety phase: many connections on the cached symptom page, with each worker's
    RSS before, at its highest while the surge lasts, and after. With `member` (a URL class),
    also the member's figures (or None): their load on the same server, started once the
    surge's clock runs and measured for member_seconds(args) once each of its connections has
    had an answer, so that it ends before the surge does (`within_surge` says whether it did).
    Its pages were warmed up on the idle server just before (member-idle): no warm-up time."""
    before = server.rss()
    peak = dict(before)
    driver, browsing, failures = {}, {}, []
    measuring = threading.Event()
    surge_window, member_window = {}, {}

    def go():
        try:
            [figures] = drive(
                server,
                [phase],
                args,
                args.surge_connections,
                args.surge_seconds,
                measuring=measuring,
                window=surge_window,
            )
            driver.update(figures)
        except SystemExit as failure:  # a thread's SystemExit would vanish
            failures.append(str(failure))

    def browse():
        while not measuring.wait(0.05):
            if not thread.is_alive():
                return  # the surge never started measuring: said below
        try:
            [figures] = drive(
                server,
                [member],
                args,
                args.member_connections,
                member_seconds(args),
                warmup=0,
                window=member_window,
                shared_cpu=True,
            )
            browsing.update(figures)
        except SystemExit as failure:
            failures.append(str(failure))

    thread = threading.Thread(target=go)
    threads = [thread, *([threading.Thread(target=browse)] if member else [])]
    for each in threads:
        each.start()
    while thread.is_alive():
        for pid, mb in server.rss().items():
            peak[pid] = max(peak.get(pid, 0), mb)
        thread.join(0.5)
    for each in threads:
        each.join()
    if failures:
        raise SystemExit("\n".join(failures))
    if not driver:
        raise SystemExit("bench: the surge did not run")
    if member and not browsing:
        raise SystemExit("bench: the member's load during the surge did not run")
    if member:
        browsing["within_surge"] = (
            surge_window["from"] <= member_window["from"]
            and member_window["to"] <= surge_window["to"]
        )
    after = server.rss()
    workers = []
    for pid in sorted(set(before) | set(after)):
        workers.append(
            {
                "pid": pid,
                "rss_before_mb": round(before[pid], 1) if pid in before else None,
                "rss_peak_mb": round(peak.get(pid, 0), 1),
                "rss_after_mb": round(after[pid], 1) if pid in after else None,
            }
        )
    restarted = set(before) != set(after)
    growth = [
        w["rss_after_mb"] - w["rss_before_mb"]
        for w in workers
        if w["rss_before_mb"] is not None and w["rss_after_mb"] is not None
    ]
    figures = {
        **driver,
        "workers": workers,
        "workers_restarted": restarted,
        "rss_bound_mb": args.rss_bound_mb,
        "rss_growth_mb": round(max(growth), 1) if growth else None,
    }
    return figures, (browsing or None)


# ---------------------------------------------------------------------------------------------
# Phases


def phases(targets):
    """The URL classes by phase: "floor_pair" (at 50 connections, side by side), "member_idle"
    and "member_surge" (the signed-in member browsing, on the idle server and during the
    surge), "surge", "pages" (at PAGE_CONNECTIONS, one after another) and "bare" (bare
    Wagtail's home page, on its own server)."""
    cookie = [f"Cookie: {targets['cookie']}"]
    static = {"urls": [targets["static"]], "description": "static file (WhiteNoise): the floor"}
    symptom = {"urls": [targets["symptom"]], "description": "symptom page"}
    # A person reading their work group's home and downloading a members-only file, in turn.
    member = {"urls": [targets["work_group"], targets["member_document"]], "headers": cookie}
    pages = [
        {"label": "static-10", **static},
        {"label": "symptom-10", **symptom, "description": "symptom page, uncached"},
        {"label": "home-10", "urls": [targets["home"]], "description": "home page"},
        {"label": "toolkit-10", "urls": targets["toolkits"], "description": "toolkit pages"},
        {
            "label": "catalog-10",
            "urls": [targets["catalog"]],
            "description": "catalog, two facets",
        },
        {"label": "search-10", "urls": [targets["search"]], "description": "search, lay term"},
        {"label": "trend-10", "urls": [targets["trend"]], "description": "trend page"},
        {
            "label": "download-10",
            "urls": [targets["member_document"]],
            "headers": cookie,
            "description": "members-only download, as a member",
        },
        {
            "label": "work-group-10",
            "urls": [targets["work_group"]],
            "headers": cookie,
            "description": "work group home, as a member",
        },
    ]
    return {
        "floor_pair": [
            {"label": "static-50", **static},
            {"label": "symptom-cached-50", **symptom, "description": "symptom page, page cache on"},
        ],
        "member_idle": {
            "label": "member-idle",
            **member,
            "description": "a member: work group home and download, idle server",
        },
        "member_surge": {
            "label": "member-surge",
            **member,
            "description": "a member: work group home and download, during the surge",
        },
        "surge": {
            "label": "surge",
            **symptom,
            "description": "load safety: symptom page, page cache on",
        },
        "pages": pages,
        "bare": {
            "label": "bare-wagtail-10",
            "urls": ["/"],
            "description": "bare Wagtail's home page (wagtail start)",
            "unique": True,
        },
    }


def wanted(args, label):
    return not args.only or label in args.only


def measure(args, env, work, targets, bare_site=None):
    """Every phase, in order; with `bare_site` (bare_wagtail()'s), bare Wagtail's just before
    our pages at PAGE_CONNECTIONS."""
    classes = phases(targets)
    results = {"phases": [], "surge": None}
    if args.conn_max_age is not None:
        separator = "&" if "?" in env["DATABASE_URL"] else "?"
        url = f"{env['DATABASE_URL']}{separator}conn_max_age={args.conn_max_age}"
        env = {**env, "DATABASE_URL": url}
    with Server("A", env, args, work) as server:
        results["gunicorn"] = " ".join(server.command)
        # Side by side, a second at a time: the ratio is not at the mercy of whatever else
        # the (shared) machine does in one of them only.
        pair = [c for c in classes["floor_pair"] if wanted(args, c["label"])]
        if pair:
            results["phases"] += drive(server, pair, args, 50)
        # The member's idle figures at the same connections as during the surge: what the
        # surge adds, not what more connections add.
        if wanted(args, "member-idle"):
            results["phases"] += drive(
                server, [classes["member_idle"]], args, args.member_connections
            )
        if wanted(args, "surge"):
            member = classes["member_surge"] if wanted(args, "member-surge") else None
            log(
                f"surge: {args.surge_connections} connections for {args.surge_seconds:g} s"
                + (f", a member's {args.member_connections} meanwhile" if member else "")
            )
            results["surge"], during = surge(server, classes["surge"], args, member)
            if during:
                results["phases"].append(during)
        if not args.cold:
            if bare_site:
                results["phases"] += measure_bare(args, work, bare_site, classes["bare"], results)
            # Each request a URL of its own: the full-page cache misses, builds and stores
            # the page, with whatever else the portal keeps in its caches warm, as a miss is
            # in production.
            for url_class in classes["pages"]:
                if wanted(args, url_class["label"]):
                    unique = url_class["label"] != "static-10" and "headers" not in url_class
                    results["phases"] += drive(
                        server, [{**url_class, "unique": unique}], args, PAGE_CONNECTIONS
                    )
            results["uncached_method"] = (
                "pages requested with a query parameter of their own each time (?bench=N): "
                "the page cache misses, and builds and stores each one"
            )
    if args.cold:
        # A server whose page cache keeps nothing at all (PAGE_CACHE_SECONDS=0).
        env_b = {
            **env,
            "PAGE_CACHE_URL": f"filecache://{work / 'page-cache-B'}",
            "PAGE_CACHE_SECONDS": "0",
        }
        with Server("B", env_b, args, work) as server:
            if bare_site:
                results["phases"] += measure_bare(args, work, bare_site, classes["bare"], results)
            for url_class in classes["pages"]:
                if wanted(args, url_class["label"]):
                    results["phases"] += drive(server, [url_class], args, PAGE_CONNECTIONS)
        results["uncached_method"] = (
            "a second server whose page cache keeps nothing (PAGE_CACHE_SECONDS=0), whole pages "
            "or parts"
        )
    return results


# ---------------------------------------------------------------------------------------------
# Bare Wagtail, side by side


def measure_bare(args, work, bare_site, url_class, results):
    """Bare Wagtail's home page on its own gunicorn, measured just before our pages (while the
    portal's server waits, idle) so that both meet much the same machine: it is shared."""
    directory, env = bare_site
    server = Server(
        "bare-wagtail", env, args, work, app=f"{BARE_PROJECT}.wsgi", cwd=directory, health="/"
    )
    with server:
        figures = drive(server, [url_class], args, PAGE_CONNECTIONS)
        results["bare_wagtail"] = {
            "wagtail": metadata.version("wagtail"),
            "database": "SQLite",
            "gunicorn": " ".join(server.command),
        }
    return figures


def bare_wagtail(work):
    """A bare Wagtail site in `work`, by Wagtail's own project template: (its directory, the
    environment to serve it with). Made before anything is measured, so that a failure is said
    at once; run() exits with the command's output if a step fails."""
    directory = work / "bare-wagtail"
    directory.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE", "CACHE", "PYTHONPATH"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": f"{BARE_PROJECT}.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "PYTHONUNBUFFERED": "1",
        }
    )
    run([WAGTAIL, "start", BARE_PROJECT, str(directory)], env, "bare Wagtail: wagtail start")
    (directory / BARE_PROJECT / "settings" / "local.py").write_text(BARE_LOCAL_SETTINGS)
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--no-input"], env, "bare Wagtail: migrate (SQLite)", directory)
    # Its production settings keep a manifest of static files, which templates need.
    run([*manage, "collectstatic", "--no-input"], env, "bare Wagtail: collectstatic", directory)
    return directory, env


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if not args.database_from_env:
        from with_postgres import find_bindir

        if find_bindir() is None:  # with_postgres.py would skip the run and answer 0
            log("PostgreSQL's programs are needed (apt-get install postgresql)")
            return 1
        return rerun_under_postgres(__file__, argv)
    started = datetime.datetime.now(datetime.UTC)
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="bench-server-"))
    try:
        env = server_environment(work)
        bare_site = bare_wagtail(work) if wanted(args, "bare-wagtail-10") else None
        data = load_data(args, env, work)
        run(
            [PYTHON, "scripts/bench_data.py", "collectstatic", "--supplement", str(work / "extra")],
            env,
            "collectstatic",
        )
        run(
            [PYTHON, "scripts/bench_data.py", "prepare", "--out", str(work / "targets.json")],
            env,
            "targets",
        )
        targets = json.loads((work / "targets.json").read_text())
        results = measure(args, env, work, targets, bare_site)
        results.update(
            postgres=targets["database"],
            started_utc=started.isoformat(timespec="seconds"),
            wall_s=round(time.perf_counter() - began, 1),
            data=data,
            targets_urls={k: v for k, v in targets.items() if k != "cookie"},
            options={k: v for k, v in vars(args).items() if k != "database_from_env"},
            environment={
                k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "CACHE_URL", "PAGE_CACHE_URL")
            },
        )
        failed = report(results, args)
        path = Path(args.json) if args.json else RESULTS_DIR / f"{started:%Y%m%dT%H%M%SZ}.json"
        write_json(results, path)
        log(f"results written to {path}")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
