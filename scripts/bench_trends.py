#!/usr/bin/env python3
"""Benchmark the trend data: a million-row tidy import, and the trend page over ten years.

    python scripts/with_postgres.py .venv/bin/python scripts/bench_trends.py [OPTIONS]

The requirement: importing one million tidy rows into PostgreSQL takes under a minute, and the
trend page for ten years of weekly data renders in a bounded number of queries. This script
prints the figures; it is not a test (timings on shared machines are noisy; the query bounds
are tested in tests/public_awareness/trends/test_query_bounds.py).

1. Import. Writes a tidy CSV of --rows rows (default 1,000,000) to a temporary file: the sepsis
   indicators for every state, DC and the nation, three strata, week after week for as many
   years as the rows need, with numerators and denominators, counts small enough to be
   suppressed and some footnotes. Times plan_import and apply_import, reports rows per second
   and peak memory (the process's maximum resident set size), and checks what was stored:
   every row, and exactly the small counts suppressed.
2. Trend page. Imports --weeks weeks (default 520, ten years) of one weekly indicator for every
   state and the nation, puts its chart for MA on a trend page, and requests the page and its
   CSV and JSON downloads with Django's test client, counting SQL queries and timing them.

Django settings come from DJANGO_SETTINGS_MODULE (default portal.settings.dev, with DEBUG off
unless the environment sets it) and the database from DATABASE_URL. It refuses SQLite unless
--allow-sqlite is given, and a database that already holds trend data. Everything it creates
is deleted at the end (--keep leaves it), bar the home page and site settings it makes for a
fresh database as load_demo_content would; under with_postgres.py the whole database is
throwaway anyway.

Options: --rows N, --weeks N, --repeat N (timed requests per URL, default 5), --seed N,
--profile (print a cProfile of the import), --show-queries, --keep, --allow-sqlite.
The exit status is 1 when the import misses the target or stores the wrong rows.
"""

import argparse
import cProfile
import gc
import logging
import math
import os
import platform
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_ROWS, IMPORT_TARGET_SECONDS = 1_000_000, 60
HEADER = "indicator,geography,stratum,period_start,period_end,numerator,denominator,value,footnote"
PERCENT_INDICATORS = ("SEP_1", "SEP_SH_3HR", "SEP_SH_6HR", "SEV_SEP_3HR", "SEV_SEP_6HR")
COUNT_INDICATOR = "septicemia_deaths"
STRATA = {"": 1.0, "age:18-64": 0.4, "age:65+": 0.6}  # share of the place's patients
FOOTNOTES = ("1", "2", "5", "1; 5", '"25, 26"')
FIRST_MONDAY = date(2004, 1, 5)
PAGE_INDICATOR = "BENCH_WEEKLY"
PAGE_STATE = "MA"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=TARGET_ROWS, help="tidy rows to import")
    parser.add_argument("--weeks", type=int, default=520, help="weeks on the trend page")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per URL")
    parser.add_argument("--seed", type=int, default=20240101)
    parser.add_argument("--profile", action="store_true", help="profile the import (slower)")
    parser.add_argument("--show-queries", action="store_true", help="print each request's SQL")
    parser.add_argument("--keep", action="store_true", help="leave the data and page in place")
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite all the same")
    args = parser.parse_args(argv)
    if args.rows < 1 or args.weeks < 1 or args.repeat < 1:
        parser.error("--rows, --weeks and --repeat must be positive")
    return args


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    # Without DEBUG, Django neither keeps every query's SQL nor re-reads templates: as served.
    os.environ.setdefault("DEBUG", "false")
    # The full-page cache would answer every timed request after the first (no queries, no
    # rendering): these benchmarks time the work itself. scripts/bench_server.py measures it.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # "Page created", "Published", ...
    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # WhiteNoise, no assets


# ---------------------------------------------------------------------------------------------
# Data


def geographies():
    from public_awareness.trends.parsers import STATE_CODES

    territories = {"AS", "GU", "MP", "PR", "VI", "NYC"}
    return sorted(set(STATE_CODES.values()) - territories)  # 50 states, DC and US


def size_of(geography, rng):
    """Weekly sepsis patients in a place: the nation is large, some states are very small."""
    if geography == "US":
        return 20_000
    return max(8, int(rng.lognormvariate(5.0, 1.0)))


def small_count(threshold, *numbers):
    """Whether the importer must suppress a row with these counts."""
    return any(n is not None and 1 <= n <= threshold for n in numbers)


def write_rows(out, indicator_codes, places, strata, weeks, limit, threshold, rng):
    """Write up to ``limit`` tidy rows; returns (rows written, rows with a small count)."""
    written = small = 0
    sizes = {geography: size_of(geography, rng) for geography in places}
    for indicator in indicator_codes:
        percent = indicator != COUNT_INDICATOR
        for geography in places:
            for stratum, share in strata.items():
                base = sizes[geography] * share
                rate = rng.uniform(0.45, 0.75)
                for week in range(weeks):
                    if written == limit:
                        return written, small
                    start = FIRST_MONDAY + timedelta(weeks=week)
                    end = start + timedelta(days=6)
                    footnote = rng.choice(FOOTNOTES) if rng.random() < 0.03 else ""
                    if percent:
                        denominator = max(1, int(rng.gauss(base, math.sqrt(base))))
                        drift = rate + 0.05 * math.sin(week / 26)
                        numerator = min(denominator, max(0, int(denominator * drift)))
                        # One row in ten gives only the counts, as some publishers do.
                        value = "" if rng.random() < 0.1 else f"{100 * numerator / denominator:.1f}"
                        missed = denominator - numerator
                        is_small = small_count(threshold, numerator, denominator, missed)
                        cells = (str(numerator), str(denominator), value)
                    else:
                        deaths = max(0, int(rng.gauss(base / 20, math.sqrt(base / 20) + 1)))
                        is_small = small_count(threshold, deaths)
                        cells = ("", "", str(deaths))
                    small += is_small
                    out.write(
                        f"{indicator},{geography},{stratum},{start.isoformat()},"
                        f"{end.isoformat()},{','.join(cells)},{footnote}\n"
                    )
                    written += 1
    return written, small


def bulk_file(directory, rows, threshold, seed):
    """A realistic big release: (path, rows, rows with a small count, weeks, places)."""
    indicator_codes = (*PERCENT_INDICATORS, COUNT_INDICATOR)
    places = geographies()
    weeks = math.ceil(rows / (len(indicator_codes) * len(places) * len(STRATA)))
    path = Path(directory) / f"bench-{rows}-rows.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        written, small = write_rows(
            out, indicator_codes, places, STRATA, weeks, rows, threshold, rng
        )
    return path, written, small, weeks, len(places)


def page_file(directory, weeks, threshold, seed):
    """``weeks`` weeks of one percent indicator, everyone, every state and the nation."""
    path = Path(directory) / f"bench-page-{weeks}-weeks.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(HEADER + "\n")
        rng = random.Random(seed + 1)  # noqa: S311 - test data, not secrets
        everyone = {"": 1.0}
        write_rows(out, [PAGE_INDICATOR], geographies(), everyone, weeks, math.inf, threshold, rng)
    return path


# ---------------------------------------------------------------------------------------------
# Measuring


def peak_rss_bytes():
    """The process's peak resident set size so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def megabytes(n):
    return f"{n / 2**20:,.0f} MB"


def check_database(args):
    from django.db import connection

    from public_awareness.trends.models import DataRelease, Observation

    if connection.vendor == "sqlite" and not args.allow_sqlite:
        sys.exit(
            "bench_trends: the database is SQLite. The targets are for PostgreSQL: run\n"
            "    python scripts/with_postgres.py .venv/bin/python scripts/bench_trends.py\n"
            "or pass --allow-sqlite to measure SQLite all the same."
        )
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        began = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        print(f"Applied {len(pending)} migrations in {time.perf_counter() - began:.1f} s.")
    if Observation.objects.exists() or DataRelease.objects.exists():
        sys.exit(
            "bench_trends: this database already holds trend data, which the benchmark would "
            "revise. Run it on an empty database, e.g. under scripts/with_postgres.py."
        )


def database_label():
    from django.db import connection

    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        return f"PostgreSQL {major}.{minor}"
    return f"{connection.display_name} {connection.Database.sqlite_version}"


def bench_import(args, directory, created):
    from django.conf import settings
    from django.db.models import F, Q

    from public_awareness.trends.importing import apply_import, plan_import
    from public_awareness.trends.models import Observation

    threshold = settings.PORTAL_SUPPRESSION_THRESHOLD
    began = time.perf_counter()
    path, rows, small, weeks, places = bulk_file(directory, args.rows, threshold, args.seed)
    generated = time.perf_counter() - began
    data = path.read_bytes()
    print(
        f"Generated {path.name}: {rows:,} rows, {megabytes(len(data))}, {places} places x "
        f"{len(PERCENT_INDICATORS) + 1} indicators x {len(STRATA)} strata x up to {weeks} weeks, "
        f"{small:,} small counts ({generated:.1f} s)."
    )
    gc.collect()
    baseline = peak_rss_bytes()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    began = time.perf_counter()
    plan = plan_import(data, path.name)
    planned = time.perf_counter()
    if not plan.ok:
        sys.exit(f"bench_trends: the generated file did not parse: {plan.errors[:5]}")
    peak_after_plan = peak_rss_bytes()
    apply_import(plan)
    applied = time.perf_counter()
    if profiler:
        profiler.disable()
    peak_after_apply = peak_rss_bytes()
    created["releases"].append(plan.release.pk)
    new, revised = len(plan.new), len(plan.revised)
    release = plan.release
    del plan, data
    gc.collect()

    stored = Observation.objects.filter(release=release)
    counts = {"stored": stored.count(), "suppressed": stored.filter(suppressed=True).count()}
    small_range = (1, threshold)
    leaked = (
        stored.annotate(missed=F("denominator") - F("numerator"))
        .filter(
            Q(numerator__range=small_range)
            | Q(denominator__range=small_range)
            | Q(missed__range=small_range)
            | Q(indicator__unit="count", value__range=small_range)
        )
        .count()
    )
    result = {
        "rows": rows,
        "plan": planned - began,
        "apply": applied - planned,
        "total": applied - began,
        "baseline": baseline,
        "peak_plan": peak_after_plan,
        "peak_apply": peak_after_apply,
        "new": new,
        "revised": revised,
        "small": small,
        "leaked": leaked,
        **counts,
    }
    if profiler:
        print("\nProfile of plan_import + apply_import (top 25 by cumulative time):")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    return result


def add_weekly_indicator(directory, weeks, seed, created):
    """PAGE_INDICATOR with ``weeks`` weeks of data for every state and the nation, footnotes
    1 and 5 and a phase half way for PAGE_STATE; returns the Indicator. The release and the
    footnotes made are added to ``created`` (lists under "releases" and "footnotes").
    scripts/bench_data.py puts it on the demo's trend page for the load benchmark."""
    from django.conf import settings

    from public_awareness.trends.importing import import_release
    from public_awareness.trends.models import Footnote, Indicator, Phase

    indicator = Indicator.objects.create(
        code=PAGE_INDICATOR,
        name="Benchmark: sepsis bundle followed each week",
        definition="Share of patients whose care followed every step of the bundle.",
        unit="percent",
        direction="higher_is_better",
        source="bench_trends.py",
        target=65,
    )
    for code, text in (("1", "Fewer cases than usual."), ("5", "Results are not available.")):
        footnote, made = Footnote.objects.get_or_create(code=code, defaults={"text": text})
        if made:
            created["footnotes"].append(footnote.pk)
    path = page_file(directory, weeks, settings.PORTAL_SUPPRESSION_THRESHOLD, seed)
    plan = import_release(path.read_bytes(), path.name)
    if not plan.ok:
        sys.exit(f"bench_trends: the page's data did not import: {plan.errors[:5]}")
    created["releases"].append(plan.release.pk)
    middle = date.fromordinal(FIRST_MONDAY.toordinal() + 7 * (weeks // 2))
    Phase.objects.create(
        indicator=indicator, geography=PAGE_STATE, start=middle, reason="New screening protocol"
    )
    return indicator


def bench_page(args, directory, created):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.demo import loader
    from public_awareness.trends.models import TrendPage
    from public_awareness.trends.series import format_value, load_series

    # The portal's home page and site settings, made as load_demo_content makes them if this
    # is a fresh database (and then kept, like Wagtail's own initial site).
    site, home = loader.ensure_site_and_home()
    loader.ensure_settings(site)
    indicator = add_weekly_indicator(directory, args.weeks, args.seed, created)

    page = home.add_child(
        instance=TrendPage(
            title="Benchmark trends",
            slug="bench-trends",
            introduction="Ten years of weekly data.",
            body=[
                (
                    "indicator_chart",
                    {"indicator": indicator, "geography": PAGE_STATE, "compare": True},
                )
            ],
        )
    )
    page.save_revision().publish()
    created["page"] = page.pk

    series = load_series(indicator, PAGE_STATE)
    latest = format_value(series.latest.value, indicator.unit)
    points = len(series.points)
    page_url = page.get_url()
    query = f"?geography={PAGE_STATE}"
    urls = {
        "trend page": (page_url, f"Latest {latest}"),
        f"data/{PAGE_INDICATOR}.csv": (
            page_url + page.reverse_subpage("indicator_csv", args=[PAGE_INDICATOR]) + query,
            series.points[-1].period_end.isoformat(),
        ),
        f"data/{PAGE_INDICATOR}.json": (
            page_url + page.reverse_subpage("indicator_json", args=[PAGE_INDICATOR]) + query,
            f'"period_end": "{series.points[-1].period_end.isoformat()}"',
        ),
    }
    host = site.hostname if site.hostname != "*" else "localhost"
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    client = Client(HTTP_HOST=host, SERVER_PORT=str(site.port))
    results = []
    for label, (url, expected) in urls.items():
        first = client.get(url)  # also warms the template and URL caches
        if first.status_code != 200 or expected not in first.content.decode():
            sys.exit(f"bench_trends: {url} answered {first.status_code} without {expected!r}")
        timings, queries = [], []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - began)
            queries.append(len(captured.captured_queries))
            assert response.status_code == 200
        if args.show_queries:
            print(f"\nSQL of {url}:")
            for query in captured.captured_queries:
                print(f"  {query['sql'][:160]}")
        results.append(
            {
                "label": label,
                "url": url,
                "queries": max(queries),
                "steady": min(queries) == max(queries),
                "median": statistics.median(timings),
                "best": min(timings),
                "bytes": len(response.content),
            }
        )
    return {"points": points, "latest": latest, "requests": results}


def clean_up(created):
    from public_awareness.trends.models import (
        DataRelease,
        Footnote,
        Indicator,
        Observation,
        TrendPage,
    )

    if created.get("page"):
        TrendPage.objects.filter(pk=created["page"]).delete()
    if created["releases"]:
        Observation.objects.filter(release__in=created["releases"]).delete()
        DataRelease.objects.filter(pk__in=created["releases"]).delete()
    new_codes = set(Indicator.objects.values_list("code", flat=True)) - created["codes_before"]
    Indicator.objects.filter(code__in=new_codes).delete()  # with their phases
    Footnote.objects.filter(pk__in=created["footnotes"]).delete()


# ---------------------------------------------------------------------------------------------
# Report


def report(args, imported, page):
    rows = imported["rows"]
    print()
    print(
        f"Trend data benchmark: {database_label()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    print()
    print(f"Import of {rows:,} tidy rows")
    print(f"  {'step':<14}{'seconds':>9}{'rows/s':>12}")
    for step in ("plan", "apply", "total"):
        name = {"plan": "plan_import", "apply": "apply_import", "total": "total"}[step]
        seconds = imported[step]
        print(f"  {name:<14}{seconds:>9.1f}{rows / seconds:>12,.0f}")
    met = imported["total"] < IMPORT_TARGET_SECONDS
    if rows == TARGET_ROWS:
        verdict = "MET" if met else "NOT MET"
    else:
        met, verdict = True, f"not judged: it is for {TARGET_ROWS:,} rows"
    print(f"  target, a million rows in under {IMPORT_TARGET_SECONDS} s: {verdict}")
    print(
        f"  peak memory (max RSS): {megabytes(imported['peak_plan'])} after planning, "
        f"{megabytes(imported['peak_apply'])} after applying "
        f"(before the import: {megabytes(imported['baseline'])})"
    )
    checks = [
        (imported["stored"] == rows, f"{imported['stored']:,} observations stored"),
        (
            imported["suppressed"] == imported["small"],
            f"{imported['suppressed']:,} suppressed (expected {imported['small']:,})",
        ),
        (imported["leaked"] == 0, f"{imported['leaked']} small counts stored"),
    ]
    for ok, text in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {text}")

    print()
    requests = f"{args.repeat} timed request" + ("s" if args.repeat > 1 else "")
    print(
        f"Trend page: one chart, {page['points']} weekly points for {PAGE_STATE} and the nation, "
        f"with the state comparison (latest {page['latest']}); {requests} each"
    )
    print(f"  {'request':<26}{'queries':>8}{'median ms':>11}{'best ms':>9}{'bytes':>10}")
    for r in page["requests"]:
        queries = f"{r['queries']}" + ("" if r["steady"] else "*")
        print(
            f"  {r['label']:<26}{queries:>8}{r['median'] * 1000:>11.0f}"
            f"{r['best'] * 1000:>9.0f}{r['bytes']:>10,}"
        )
    if not all(r["steady"] for r in page["requests"]):
        print("  * the query count varied between requests; the highest is shown")
    failed = not met or not all(ok for ok, _ in checks)
    return 1 if failed else 0


def main(argv=None):
    args = parse_args(argv)
    setup_django()
    check_database(args)
    from public_awareness.trends.models import Indicator

    created = {
        "releases": [],
        "footnotes": [],
        "codes_before": set(Indicator.objects.values_list("code", flat=True)),
    }
    try:
        with tempfile.TemporaryDirectory(prefix="bench-trends-") as directory:
            imported = bench_import(args, directory, created)
            page = bench_page(args, directory, created)
    finally:
        if not args.keep:
            began = time.perf_counter()
            clean_up(created)
            print(f"Removed what the benchmark created ({time.perf_counter() - began:.1f} s).")
    return report(args, imported, page)


if __name__ == "__main__":
    sys.exit(main())
