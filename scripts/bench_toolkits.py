#!/usr/bin/env python3
"""Benchmark the toolkit catalog: a thousand toolkits with five thousand files.

    .venv/bin/python scripts/bench_toolkits.py [OPTIONS]              # throwaway SQLite
    .venv/bin/python scripts/bench_toolkits.py --postgres [OPTIONS]   # throwaway PostgreSQL

Builds a fresh database: migrations, the demonstration content (load_demo_content), then
--toolkits live toolkits (default 1,000) with --files files each (default 5) in the demo's
catalog, made by build_catalog (scripts/catalog_scale.py). Then it requests, with Django's
test client,
the catalog with no filter, one filter, several facets, a language, sorted by title, a later
page and all of these at once, and a sample of toolkit pages: each URL once to warm caches and
then --repeat times timed. It prints the build's figures and a table of SQL queries, median
(p50), p95 and slowest latency and response size per request.

This is not a test: timings on shared machines are noisy. The catalog's fixed number of
queries and its counts are tested in tests/toolkits/test_catalog_scale.py; here a catalog
whose query count changes with the filters makes the exit status 1, and so does an error page.

The database is never one you keep: by default a SQLite file in a temporary directory, deleted
at the end (--keep-sqlite leaves it and prints its path); with --postgres the script runs itself
again under scripts/with_postgres.py, which makes a throwaway cluster. --database-from-env uses
DATABASE_URL as it is (what --postgres does inside with_postgres.py); that database must be
empty of toolkits, and what the benchmark adds stays there. Uploaded demo files go to a
temporary MEDIA_ROOT. Django settings come from DJANGO_SETTINGS_MODULE (default
portal.settings.dev, with DEBUG off unless the environment sets it).

Options: --toolkits N, --files N, --repeat N (timed requests per URL, default 30), --seed N,
--postgres, --database-from-env, --keep-sqlite, --show-queries (print one request's SQL per URL).
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from urllib.parse import urlencode

from bench_common import (
    add_database_arguments,
    check_database_arguments,
    clean_up,
    database_label,
    percentile,
    rerun_under_postgres,
    setup_django,
)

SQLITE_NAME = "bench-toolkits.sqlite3"

TOOLKIT_SAMPLE = 20  # toolkit pages requested in turn


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--toolkits", type=int, default=1000, help="toolkits to build")
    parser.add_argument("--files", type=int, default=5, help="files per toolkit")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--seed", type=int, default=20250101)
    add_database_arguments(parser)
    parser.add_argument("--show-queries", action="store_true", help="print each URL's SQL")
    args = parser.parse_args(argv)
    if args.toolkits < 1 or args.files < 1 or args.repeat < 2:
        parser.error("--toolkits and --files must be positive and --repeat at least 2")
    check_database_arguments(parser, args)
    return args


# ---------------------------------------------------------------------------------------------
# Building


def build(args):
    """Migrate, load the demo, build the big catalog; returns (catalog, figures)."""
    from django.core.management import call_command

    figures = {}
    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    figures["migrate"] = time.perf_counter() - began

    from portal.demo import loader
    from scripts.catalog_scale import build_catalog
    from toolkits.models import ToolkitIndexPage, ToolkitPage

    if ToolkitPage.objects.exists():
        sys.exit(
            "bench_toolkits: this database already holds toolkits. Run the benchmark on a "
            "throwaway database: leave out --database-from-env, or use --postgres."
        )
    began = time.perf_counter()
    site = loader.load_all(log=lambda *args: None)
    figures["demo"] = time.perf_counter() - began
    home = site.root_page.specific
    catalog = ToolkitIndexPage.objects.child_of(home).first()
    if catalog is None:  # demo content without a catalog
        catalog = home.add_child(
            instance=ToolkitIndexPage(title="Toolkits", slug="toolkits", introduction="All.")
        )
        catalog.save_revision().publish()
    figures["demo_toolkits"] = ToolkitPage.objects.child_of(catalog).count()
    built = build_catalog(catalog, args.toolkits, args.files, seed=args.seed)
    figures["built"] = built
    return site, catalog, figures


# ---------------------------------------------------------------------------------------------
# Measuring


def catalog_urls(catalog):
    """(label, URL) of the catalog requests: filter values that list toolkits."""
    from toolkits.models import Audience, CareSetting, Topic

    def first(model, n=1):
        slugs = model.objects.order_by("sort_order", "name").values_list("slug", flat=True)
        return list(slugs[:n])

    settings_, audience, topics = first(CareSetting, 2), first(Audience), first(Topic, 2)
    several = [
        *[("care_setting", s) for s in settings_],
        *[("audience", a) for a in audience],
        *[("topic", t) for t in topics],
    ]
    url = catalog.url
    return [
        ("no filter", url),
        ("one care setting", f"{url}?{urlencode(several[:1])}"),
        ("several facets", f"{url}?{urlencode(several)}"),
        ("language: Spanish", f"{url}?language=es"),
        ("sorted by title", f"{url}?sort=title"),
        ("page 3", f"{url}?page=3"),
        (
            "all of these",
            f"{url}?{urlencode([*several, ('language', 'es'), ('sort', 'title'), ('page', 2)])}",
        ),
    ]


def measure(client, label, urls, args):
    """Time requests to ``urls`` (taken in turn) after one warm-up request each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"bench_toolkits: {url} answered {response.status_code}")
    timings, queries, sizes = [], [], []
    for n in range(args.repeat):
        url = urls[n % len(urls)]
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        if response.status_code != 200:
            sys.exit(f"bench_toolkits: {url} answered {response.status_code}")
        queries.append(len(captured.captured_queries))
        sizes.append(len(response.content))
    if args.show_queries:
        print(f"\nSQL of {label} ({urls[-1]}), {len(captured.captured_queries)} queries:")
        for query in captured.captured_queries:
            print(f"  {query['sql'][:200]}")
    return {
        "label": label,
        "url": urls[0] if len(urls) == 1 else f"{len(urls)} toolkit pages in turn",
        "queries": (min(queries), max(queries)),
        "p50": statistics.median(timings),
        "p95": percentile(timings, 95),
        "max": max(timings),
        "bytes": statistics.median(sizes),
        "results": result_count(response),
    }


def result_count(response):
    """The '1,008 toolkits' heading of a catalog page, or '' for other pages."""
    import re

    found = re.search(rb'id="results-heading">([\d,]+) toolkit', response.content)
    return found.group(1).decode() if found else ""


def bench_requests(site, catalog, args):
    from django.conf import settings
    from django.test import Client

    from toolkits.models import ToolkitPage

    host = site.hostname if site.hostname != "*" else "localhost"
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    client = Client(HTTP_HOST=host, SERVER_PORT=str(site.port))
    results = [measure(client, label, [url], args) for label, url in catalog_urls(catalog)]
    toolkits = ToolkitPage.objects.live().child_of(catalog).order_by("path")
    total = toolkits.count()
    step = max(1, total // TOOLKIT_SAMPLE)
    sample = [page.url for page in toolkits[::step][:TOOLKIT_SAMPLE]]
    results.append(measure(client, "toolkit page", sample, args))
    return results


# ---------------------------------------------------------------------------------------------
# Report


def report(args, figures, results):
    built = figures["built"]
    print()
    print(
        f"Toolkit catalog benchmark: {database_label()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    print()
    print(
        f"Built {len(built.page_ids):,} toolkits with {built.documents:,} files "
        f"({built.resources:,} resource rows) in {built.seconds:.1f} s, beside the demo's "
        f"{figures['demo_toolkits']} toolkits"
    )
    for name, seconds in built.steps.items():
        print(f"  {name:<24}{seconds:>7.2f} s")
    print(f"  (migrations {figures['migrate']:.1f} s, demo content {figures['demo']:.1f} s)")
    print()
    print(f"Requests: one warm-up, then {args.repeat} timed each")
    print(
        f"  {'request':<20}{'toolkits':>9}{'queries':>9}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'max ms':>8}{'KB':>7}"
    )
    for r in results:
        low, high = r["queries"]
        queries = f"{high}" if low == high else f"{low}-{high}"
        print(
            f"  {r['label']:<20}{r['results']:>9}{queries:>9}{r['p50'] * 1000:>8.0f}"
            f"{r['p95'] * 1000:>8.0f}{r['max'] * 1000:>8.0f}{r['bytes'] / 1000:>7.0f}"
        )
    catalog = [r for r in results if r["label"] != "toolkit page"]
    counts = {q for r in catalog for q in r["queries"]}
    steady = len(counts) == 1
    print()
    if steady:
        print(f"  ok   the catalog made {counts.pop()} queries whatever the filters and page")
    else:
        print(f"  FAIL the catalog's query count changed with the filters: {sorted(counts)}")
    return 0 if steady else 1


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.postgres:
        return rerun_under_postgres(__file__, argv)
    directory = tempfile.mkdtemp(prefix="bench-toolkits-")
    try:
        setup_django(directory, args, SQLITE_NAME, quiet=("toolkits",))
        site, catalog, figures = build(args)
        results = bench_requests(site, catalog, args)
        return report(args, figures, results)
    finally:
        clean_up(directory, args, SQLITE_NAME)


if __name__ == "__main__":
    sys.exit(main())
