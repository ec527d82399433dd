#!/usr/bin/env python3
"""Benchmark the improvement collaborative: 200 sites × 30 measures × ten years of months.

    .venv/bin/python scripts/bench_collaborative.py [OPTIONS]              # throwaway SQLite
    .venv/bin/python scripts/bench_collaborative.py --postgres [OPTIONS]   # throwaway PostgreSQL
    .venv/bin/python scripts/bench_collaborative.py --quick                # 20 sites, 24 months

The requirement: the time to import a site's file and to render a site's report and the
coach's small-multiples page at 200 sites × 30 measures × 10 years of months, both pages in
under 300 ms of server time; their query counts do not grow with the number of months (that is
tested, in tests/collaborative/test_query_counts.py: this script only prints them).

1. Database. Migrations, the home page and site settings (as load_demo_content makes them),
   then, in bulk with the models (bulk_create): --sites hospitals and their sites (pseudonyms
   drawn as the admin would), two measure sets of --measures measures like the real ones
   (mostly ratios, one stratified by age band; some counts; one categorical measure and one
   text; two measures with a second operational definition half way), a coach, the data
   manager of the first site, tests of change and a few sites' definition changes, and
   --months monthly submissions ending last month, SUBMITTED (but for a few sites whose last
   two months are drafts or were never entered, so that the coach's page lists some). On
   PostgreSQL the tables are then ANALYZEd, as autovacuum would soon do after such a load.
   The months are pooled once at the end (collaborative.pooling), as load_demo_content does.
2. Import. The first site's months are not built in bulk: they come in a CSV written as an EHR
   extract gives them (tests/collaborative/upload_files.py's format: one figure a row, the
   months as YYYY-MM), through the real path, collaborative.importing.plan_import and
   apply_import, as its data manager's upload (site given). Timed, then the same file again,
   which must change nothing; then the months are submitted, as the data manager would, and
   pooled: one month timed (what a submission adds), then every month (the command).
3. Reports. collaborative.reports.make_reports for the latest month due (every site's report and
   the collaborative's; timed once), then reports.site_report_html for the first site, timed
   --repeat times: that is the work of a report; its page serves the stored snapshot.
4. Pages. With Django's test client, logged in as the coach and as the first site's data
   manager: the site's report page (/collaborative/sites/<code>/reports/<YYYY-MM>/), its charts
   page (/collaborative/sites/<code>/charts/) and, for the coach, the coaches' page
   (/collaborative/coach/: the sites still to submit and the measures) and the small
   multiples of the stratified ratio (/collaborative/coach/measures/<code>/), its first page
   of sites and its last. Each once to warm caches, then --repeat times timed (twice only
   when the first request took over 10 s): SQL queries, p50, p95 and slowest, size; the 300 ms
   target is judged on the p50 (p95 beside it).

The full scale takes about five minutes on two cores (the build alone a minute and a half, the
reports another minute); --quick about a minute.

This is not a test: timings on shared machines are noisy. A missed target is printed (NOT
MET), not an error; the exit status is 1 only when something fails: the import refused or
changing something the second time, an error page, or a page whose query count changes
between identical requests.

The database is never one you keep: by default a SQLite file in a temporary directory, deleted
at the end (--keep-sqlite leaves it and prints its path); with --postgres the script runs itself
again under scripts/with_postgres.py, which makes a throwaway cluster (the same as running
`scripts/with_postgres.py .venv/bin/python scripts/bench_collaborative.py --database-from-env`).
--database-from-env uses DATABASE_URL as it is; that database must hold no collaborative site.
Django settings come from DJANGO_SETTINGS_MODULE (default portal.settings.dev, with DEBUG off
unless the environment sets it) and the full-page cache is off (PAGE_CACHE_SECONDS=0).

Options: --sites N, --measures N, --months N, --quick (20 sites, 30 measures, 24 months),
--repeat N (timed runs of each, default 10), --seed N, --profile (print a cProfile of one
request of each page and of site_report_html), --show-queries, --postgres,
--database-from-env, --keep-sqlite.
"""

import argparse
import cProfile
import csv
import datetime
import io
import math
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time

from bench_common import (
    add_database_arguments,
    check_database_arguments,
    clean_up,
    database_label,
    percentile,
    rerun_under_postgres,
    setup_django,
)

SQLITE_NAME = "bench-collaborative.sqlite3"

TARGET_MS = 300
SLOW_SECONDS = 10  # a page slower than this is timed twice, whatever --repeat says
FULL = {"sites": 200, "measures": 30, "months": 120}
QUICK = {"sites": 20, "measures": 30, "months": 24}

AGE_BANDS = (
    ("0-17", "Under 18", 0.15),
    ("18-64", "18 to 64", 0.4),
    ("65-plus", "65 and over", 0.45),
)
TIME_ZERO = (
    ("arrival", "Arrival in the emergency department"),
    ("vitals", "First abnormal vital signs"),
    ("alert", "Best practice alert fired"),
)
BARRIERS = (
    "Short staffed on nights; two boluses started late.",
    "The sepsis alert fired late after the upgrade.",
    "New residents this month, not yet used to the order set.",
    "Pharmacy delays for the first antibiotic on weekends.",
)
PASSWORD = "bench-collaborative-password"  # noqa: S105 - a throwaway database's users


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, help=f"sites (default {FULL['sites']})")
    parser.add_argument("--measures", type=int, help=f"measures (default {FULL['measures']})")
    parser.add_argument("--months", type=int, help=f"months (default {FULL['months']})")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="{sites} sites, {measures} measures, {months} months".format(**QUICK),
    )
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--profile", action="store_true", help="cProfile one run of each page")
    add_database_arguments(parser)
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL")
    args = parser.parse_args(argv)
    scale = QUICK if args.quick else FULL
    for name in ("sites", "measures", "months"):
        if getattr(args, name) is None:
            setattr(args, name, scale[name])
    if args.sites < 3 or args.measures < 4 or args.months < 2 or args.repeat < 2:
        parser.error(
            "--sites must be at least 3, --measures 4, --months 2 and --repeat 2 (for the p95)"
        )
    check_database_arguments(parser, args)
    return args


def seconds_since(began):
    return time.perf_counter() - began


# ---------------------------------------------------------------------------------------------
# Building


class Scale:
    """What is built: the months, the measures by kind, the sites' sizes."""

    def __init__(self, args):
        from collaborative import periods
        from collaborative.submissions import today

        last = periods.previous_month(periods.month_of(today()))
        first = last
        for _month in range(args.months - 1):
            first = periods.previous_month(first)
        self.months = list(periods.months(first, last))
        self.first, self.last = first, last
        rng = random.Random(args.seed)  # noqa: S311 - test data, not secrets
        n = args.measures
        counts = max(1, round(n * 0.15))
        kinds = ["categorical", "text"] + ["count"] * counts + ["ratio"] * (n - 2 - counts)
        self.measures = []  # (code, kind, spec)
        for number, kind in enumerate(sorted(kinds, key=lambda k: k != "ratio")):
            code = f"M{number + 1:02d}-{kind[:3].upper()}"
            spec = {
                "share": rng.uniform(0.3, 1.0),  # of the site's patients in the denominator
                "start": rng.uniform(0.3, 0.75),  # proportion in the first month
                "gain": rng.uniform(0.0, 0.2),  # over the whole span
                "rate": rng.uniform(0.02, 0.3),  # a count's, per patient
            }
            self.measures.append((code, kind, spec))
        self.sizes = [
            min(600, max(5, int(rng.lognormvariate(math.log(60), 0.8)))) for _ in range(args.sites)
        ]
        self.offsets = [rng.uniform(-0.15, 0.15) for _ in range(args.sites)]

    def site_code(self, index):
        return f"SITE-{index + 1:03d}"

    def site_figures(self, index, seed):
        """Every figure of one site: (period, measure code, stratum code, category, numerator,
        denominator, count, text), as its EHR extract would give them."""
        rng = random.Random(f"{seed}:{index}")  # noqa: S311 - test data, not secrets
        size, offset = self.sizes[index], self.offsets[index]
        span = max(len(self.months) - 1, 1)
        stratified = next(code for code, kind, _spec in self.measures if kind == "ratio")
        for number, period in enumerate(self.months):
            progress = number / span
            first_denominator = None
            for code, kind, spec in self.measures:
                if kind == "ratio":
                    expected = size * spec["share"]
                    denominator = max(1, round(rng.gauss(expected, math.sqrt(expected))))
                    p = min(0.98, max(0.02, spec["start"] + offset + spec["gain"] * progress))
                    spread = math.sqrt(denominator * p * (1 - p))
                    numerator = min(denominator, max(0, round(rng.gauss(denominator * p, spread))))
                    first_denominator = first_denominator or denominator
                    yield period, code, "", "", numerator, denominator, None, ""
                    if code == stratified:
                        yield from _strata(period, code, numerator, denominator)
                elif kind == "count":
                    expected = size * spec["rate"]
                    count = max(0, round(rng.gauss(expected, math.sqrt(expected) + 1)))
                    yield period, code, "", "", None, None, count, ""
                elif kind == "categorical":
                    total = first_denominator or size
                    shares = (0.5 + offset, 0.3, 0.2 - offset)
                    left = total
                    for (category, _label), share in zip(TIME_ZERO, shares, strict=True):
                        count = left if category == TIME_ZERO[-1][0] else round(total * share)
                        count = max(0, min(left, count))
                        left -= count
                        yield period, code, "", category, None, None, count, ""
                elif rng.random() < 0.25:  # text: a barrier one month in four
                    yield period, code, "", "", None, None, None, rng.choice(BARRIERS)


def _strata(period, code, numerator, denominator):
    """The age bands of a ratio: they add up to the month's figures."""
    left_n, left_d = numerator, denominator
    for position, (stratum, _label, share) in enumerate(AGE_BANDS):
        if position == len(AGE_BANDS) - 1:
            n, d = left_n, left_d
        else:
            d = min(left_d, round(denominator * share))
            n = min(d, left_n, round(numerator * share))
        n = min(n, d)
        left_n, left_d = left_n - n, left_d - d
        yield period, code, stratum, "", n, d, None, ""


def check_database(args):
    from django.core.management import call_command

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = seconds_since(began)
    from collaborative.models import CollaborativeSite

    if CollaborativeSite.objects.exists():
        sys.exit(
            "bench_collaborative: this database already holds collaborative sites. Run the "
            "benchmark on a throwaway database: leave out --database-from-env, or use --postgres."
        )
    return migrated


def build(args, scale):
    """Everything but the first site's months; returns (site, people, figures)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from collaborative import pooling
    from collaborative.models import (
        CollaborativeSite,
        Measure,
        MeasureDefinition,
        MeasureSet,
        SitePerson,
        Stratification,
        Stratum,
    )
    from collaborative.models.sites import pseudonym_label
    from portal.demo import loader
    from portal.models import MemberOrganization, OrganizationCategory

    figures = {}
    began = time.perf_counter()
    portal_site, _home = loader.ensure_site_and_home()
    loader.ensure_settings(portal_site)
    User = get_user_model()
    coach = User.objects.create_user(
        "coach", "coach@example.org", PASSWORD, first_name="Casey", last_name="Coach"
    )
    coach.groups.add(Group.objects.get(name="Moderators"))  # coach_sites (migration 0002)
    manager = User.objects.create_user(
        "manager", "manager@example.org", PASSWORD, first_name="Dana", last_name="Manager"
    )
    rng = random.Random(args.seed)  # noqa: S311 - test data, not secrets
    with transaction.atomic():
        category = OrganizationCategory.objects.create(name="Bench hospitals", slug="bench")
        MemberOrganization.objects.bulk_create(
            MemberOrganization(
                name=f"Bench Hospital {n + 1:03d}",
                slug=f"bench-hospital-{n + 1:03d}",
                category=category,
                city="Worcester",
            )
            for n in range(args.sites)
        )
        organizations = list(MemberOrganization.objects.filter(category=category).order_by("name"))
        labels = [f"Site {pseudonym_label(n)}" for n in range(2 * args.sites + 26)]
        rng.shuffle(labels)
        CollaborativeSite.objects.bulk_create(
            CollaborativeSite(
                organization=organization,
                code=scale.site_code(n),
                pseudonym=labels[n],
                joined_on=scale.first,
                coach=coach,
            )
            for n, organization in enumerate(organizations)
        )
        sites = list(CollaborativeSite.objects.order_by("code"))
        SitePerson.objects.create(site=sites[0], user=manager, role=SitePerson.Role.DATA_MANAGER)

        bands = Stratification.objects.create(name="Age band")
        Stratum.objects.bulk_create(
            Stratum(stratification=bands, code=code, label=label, sort_order=order)
            for order, (code, label, _share) in enumerate(AGE_BANDS)
        )
        sets = [
            MeasureSet.objects.create(name="Sepsis recognition and treatment", sort_order=0),
            MeasureSet.objects.create(name="Sepsis outcomes", sort_order=1),
        ]
        Measure.objects.bulk_create(
            Measure(
                measure_set=sets[0] if kind in ("ratio", "categorical", "text") else sets[1],
                code=code,
                name=f"Benchmark measure {number + 1} ({kind})",
                category="outcome" if kind == "count" else "process",
                kind=kind,
                direction="up" if kind == "ratio" else "down" if kind == "count" else "neutral",
                numerator_label="Patients treated on time" if kind == "ratio" else "",
                denominator_label="Patients with sepsis" if kind == "ratio" else "",
                count_label="Patients" if kind == "count" else "",
                categories="\n".join(f"{c}: {label}" for c, label in TIME_ZERO)
                if kind == "categorical"
                else "",
                target=80 if kind == "ratio" and number % 3 == 0 else None,
                publish_aggregate=kind == "ratio" and number % 4 == 0,
                sort_order=number,
            )
            for number, (code, kind, _spec) in enumerate(scale.measures)
        )
        measures = {m.code: m for m in Measure.objects.all()}
        stratified = measures[next(c for c, k, _s in scale.measures if k == "ratio")]
        stratified.stratifications.add(bands)
        half = scale.months[len(scale.months) // 2]
        definitions = []
        for number, measure in enumerate(measures.values()):
            definitions.append(
                MeasureDefinition(
                    measure=measure,
                    effective_from=scale.first,
                    operational_definition="<p>Patients with sepsis whose time zero fell in the "
                    "month.</p>",
                )
            )
            if number in (1, 5) and half != scale.first:  # a new definition: a new phase
                definitions.append(
                    MeasureDefinition(
                        measure=measure,
                        effective_from=half,
                        operational_definition="<p>From time zero as the alert sets it.</p>",
                        change_note="Time zero from the alert",
                    )
                )
        MeasureDefinition.objects.bulk_create(definitions)
        figures["setup"] = seconds_since(began)

        began = time.perf_counter()
        stored = build_months(args, scale, sites[1:], measures, bands, manager)
        figures["values"], figures["submissions"] = stored
        add_notes(scale, sites, measures, rng, coach)
        pooling.refresh()  # made in bulk: pooled once, as load_demo_content does
        figures["months"] = seconds_since(began)
    figures["sites"] = len(sites)
    return sites[0], {"coach": coach, "manager": manager}, figures


def analyze():
    """On PostgreSQL, the statistics autovacuum would soon gather after such a load."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def status_of(index, period, scale):
    """SUBMITTED, but the last two months of one site in ten are drafts and of one in twenty
    were never entered (None)."""
    from collaborative.models import Submission

    if len(scale.months) > 2 and period >= scale.months[-2]:
        if index % 20 == 7:
            return None
        if index % 10 == 3:
            return Submission.Status.DRAFT
    return Submission.Status.SUBMITTED


def build_months(args, scale, sites, measures, bands, manager):
    """Every site's submissions and values, a site at a time; returns (values, submissions)."""
    from django.utils import timezone

    from collaborative.models import MeasureValue, Stratum, Submission

    strata = {s.code: s for s in Stratum.objects.filter(stratification=bands)}
    now = timezone.now()
    values = submissions = 0
    for site in sites:
        index = int(site.code.rsplit("-", 1)[1]) - 1
        statuses = {period: status_of(index, period, scale) for period in scale.months}
        made = [
            Submission(
                site=site,
                period=period,
                status=status,
                updated_by=manager,
                submitted_at=now if status == Submission.Status.SUBMITTED else None,
                submitted_by=manager if status == Submission.Status.SUBMITTED else None,
            )
            for period, status in statuses.items()
            if status is not None
        ]
        Submission.objects.bulk_create(made)
        ids = dict(Submission.objects.filter(site=site).values_list("period", "pk"))
        rows = [
            MeasureValue(
                submission_id=ids[period],
                measure_id=measures[code].pk,
                stratum_id=strata[stratum].pk if stratum else None,
                category=category,
                numerator=numerator,
                denominator=denominator,
                count=count,
                text=text,
            )
            for period, code, stratum, category, numerator, denominator, count, text in (
                scale.site_figures(index, args.seed)
            )
            if period in ids
        ]
        MeasureValue.objects.bulk_create(rows, batch_size=2000)
        values += len(rows)
        submissions += len(made)
    return values, submissions


def add_notes(scale, sites, measures, rng, coach):
    """Three tests of change a site (each meant to move a ratio), and a definition change at
    one site in ten."""
    from collaborative.models import PDSACycle, SiteDefinitionChange

    ratios = [m for m in measures.values() if m.kind == "ratio"]
    cycles, chosen = [], []
    for site in sites:
        for number in range(3):
            started = rng.choice(scale.months)
            cycles.append(
                PDSACycle(
                    site=site,
                    title=f"Test of change {number + 1}",
                    plan="Try a sepsis huddle at the start of each shift.",
                    started_on=started + datetime.timedelta(days=rng.randint(0, 20)),
                    created_by=coach,
                )
            )
            chosen.append(rng.choice(ratios))
    PDSACycle.objects.bulk_create(cycles)
    made = PDSACycle.objects.order_by("pk")
    Through = PDSACycle.measures.through
    Through.objects.bulk_create(
        Through(pdsacycle_id=cycle.pk, measure_id=measure.pk)
        for cycle, measure in zip(made, chosen, strict=True)
    )
    SiteDefinitionChange.objects.bulk_create(
        SiteDefinitionChange(
            site=site,
            effective_from=rng.choice(scale.months),
            description="Time zero is now when the sepsis alert fires.",
        )
        for n, site in enumerate(sites)
        if n % 10 == 4
    )


# ---------------------------------------------------------------------------------------------
# Import


def extract_csv(site, scale, seed):
    """The site's figures as an EHR extract gives them (tests/collaborative/upload_files.py)."""
    from collaborative.uploads import COLUMNS

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = 0
    for period, code, stratum, category, numerator, denominator, count, text in scale.site_figures(
        0, seed
    ):
        cells = {
            "site": site.code,
            "measure": code,
            "period": f"{period:%Y-%m}",
            "numerator": "" if numerator is None else numerator,
            "denominator": "" if denominator is None else denominator,
            "count": "" if count is None else count,
            "category": category,
            "stratum": stratum,
            "text": text,
        }
        writer.writerow([cells[name] for name in COLUMNS])
        rows += 1
    return out.getvalue().encode(), rows


def stored_state(site):
    """What the site holds, to tell that a second import changed nothing."""
    from collaborative.models import MeasureValue, Submission

    values = MeasureValue.objects.filter(submission__site=site).order_by("pk")
    return (
        list(values.values_list("pk", "numerator", "denominator", "count", "text", "category")),
        list(Submission.objects.filter(site=site).order_by("pk").values_list("pk", "updated_at")),
    )


def bench_import(args, site, scale, people):
    from django.utils import timezone

    from collaborative import pooling
    from collaborative.importing import apply_import, plan_import
    from collaborative.models import Submission

    data, rows = extract_csv(site, scale, args.seed)
    result = {"rows": rows, "bytes": len(data)}
    for run in ("first", "again"):
        before = stored_state(site) if run == "again" else None
        began = time.perf_counter()
        plan = plan_import(data, f"{site.code}-extract.csv", site=site)
        planned = seconds_since(began)
        if not plan.ok:
            sys.exit(f"bench_collaborative: the extract was refused: {plan.errors[:5]}")
        apply_import(plan, user=people["manager"])
        result[run] = {
            "plan": planned,
            "total": seconds_since(began),
            "new": len(plan.new),
            "changed": len(plan.changed),
            "unchanged": plan.unchanged,
            "drafts": len(plan.drafts),
            "warnings": len(plan.warnings),
        }
        if run == "again":
            result["same"] = stored_state(site) == before
    # The data manager submits the months; each submission pools its month again.
    Submission.objects.filter(site=site).update(
        status=Submission.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=people["manager"],
    )
    began = time.perf_counter()
    pooling.refresh(periods=[scale.last])
    result["pool_month"] = seconds_since(began)
    began = time.perf_counter()
    pooling.refresh()
    result["pool_all"] = seconds_since(began)
    return result


# ---------------------------------------------------------------------------------------------
# Reports and pages


def spread_ms(timings):
    return {
        "p50": statistics.median(timings) * 1000,
        "p95": percentile(timings, 95) * 1000,
        "max": max(timings) * 1000,
    }


def profile(label, call):
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    print(f"\nProfile of {label} (top 30 by cumulative time):")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(30)


def bench_reports(args, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from collaborative import reports

    period = reports.report_month()
    began = time.perf_counter()
    made = reports.make_reports(period)
    result = {"period": period, "made": len(made), "make_reports": seconds_since(began)}
    reports.site_report_html(site, period)  # warm-up
    timings, queries = [], set()
    for _run in range(args.repeat):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            html = reports.site_report_html(site, period)
            timings.append(seconds_since(began))
        queries.add(len(captured.captured_queries))
    result["site_report_html"] = {
        "n": len(timings),
        **spread_ms(timings),
        "queries": (min(queries), max(queries)),
        "bytes": len(html.encode()),
    }
    if args.profile:
        profile("reports.site_report_html", lambda: reports.site_report_html(site, period))
    return result


def bench_pages(args, site, people, period):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from collaborative import charts
    from collaborative.models import CollaborativeSite, Measure

    if "*" not in settings.ALLOWED_HOSTS and "localhost" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    clients = {}
    for role in ("coach", "manager"):
        clients[role] = Client(HTTP_HOST="localhost")
        clients[role].force_login(people[role])
    report_url = reverse("collaborative:site_report", args=[site.code, f"{period:%Y-%m}"])
    charts_url = reverse("collaborative:site_charts", args=[site.code])
    coach_url = reverse("collaborative:coach_home")
    # The stratified ratio: its page pools the strata too.
    ratio = Measure.objects.filter(kind="ratio").order_by("sort_order").first()
    multiples_url = reverse("collaborative:coach_measure", args=[ratio.code])
    last_page = -(-CollaborativeSite.objects.count() // charts.SITES_PER_PAGE)
    requests = [
        ("site's report", "data manager", "manager", report_url),
        ("site's report", "coach", "coach", report_url),
        ("site's charts", "data manager", "manager", charts_url),
        ("site's charts", "coach", "coach", charts_url),
        ("coach's page", "coach", "coach", coach_url),
        ("small multiples, page 1", "coach", "coach", multiples_url),
        ("small multiples, last page", "coach", "coach", f"{multiples_url}?page={last_page}"),
    ]
    results = []
    for label, role, key, url in requests:
        client = clients[key]
        began = time.perf_counter()
        response = client.get(url)  # warms the templates, URL resolvers and site settings
        warm_up = seconds_since(began)
        if response.status_code != 200:
            sys.exit(f"bench_collaborative: {url} answered {response.status_code} to the {role}")
        timings, queries = [], []
        # A page that takes many seconds is timed the least that gives a p95, not --repeat times.
        runs = args.repeat if warm_up < SLOW_SECONDS else 2
        for _run in range(runs):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url)
                timings.append(seconds_since(began))
            if response.status_code != 200:
                sys.exit(f"bench_collaborative: {url} answered {response.status_code}")
            queries.append(len(captured.captured_queries))
        if args.show_queries:
            print(f"\nSQL of {label} as the {role} ({url}), {len(queries)} queries:")
            for query in captured.captured_queries:
                print(f"  {query['sql'][:200]}")
        if args.profile:
            profile(f"{label} as the {role} ({url})", lambda c=client, u=url: c.get(u))
        results.append(
            {
                "label": label,
                "role": role,
                "url": url,
                "queries": (min(queries), max(queries)),
                "bytes": len(response.content),
                "n": len(timings),
                **spread_ms(timings),
            }
        )
    return results


# ---------------------------------------------------------------------------------------------
# Report


def verdict(ms):
    return "MET" if ms < TARGET_MS else "NOT MET"


def report(args, scale, figures, imported, reported, pages):
    print()
    print(
        f"Improvement collaborative benchmark: {database_label()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print()
    print(
        f"Built {figures['sites']} sites × {args.measures} measures × {args.months} months "
        f"({scale.first:%Y-%m} to {scale.last:%Y-%m}): {figures['submissions']:,} submissions "
        f"and {figures['values']:,} figures in bulk ({figures['months']:.1f} s; migrations "
        f"{figures['migrate']:.1f} s, the rest {figures['setup']:.1f} s)"
    )
    kinds = [kind for _code, kind, _spec in scale.measures]
    print(
        "  measures: "
        + ", ".join(f"{kinds.count(k)} {k}" for k in ("ratio", "count", "categorical", "text"))
        + " (the first ratio by age band)"
    )

    first, again = imported["first"], imported["again"]
    print()
    print(
        f"Import of the first site's extract: {imported['rows']:,} rows, "
        f"{imported['bytes'] / 2**10:,.0f} KB (plan_import + apply_import, as its upload)"
    )
    print(f"  {'run':<22}{'plan s':>8}{'total s':>9}{'new':>8}{'changed':>9}{'unchanged':>11}")
    for name, run in (("first", first), ("again, the same file", again)):
        print(
            f"  {name:<22}{run['plan']:>8.2f}{run['total']:>9.2f}{run['new']:>8,}"
            f"{run['changed']:>9,}{run['unchanged']:>11,}"
        )
    print(
        f"  {first['drafts']} months started as drafts, then submitted; "
        f"{first['warnings']} warnings"
    )
    same_ok = imported["same"] and not again["new"] and not again["changed"]
    print(
        f"  {'ok  ' if same_ok else 'FAIL'} the same file twice: "
        + ("nothing changed" if same_ok else "something changed")
    )
    print(
        f"Pooling (collaborative.pooling): one month, as a submission or a reopening does, "
        f"{imported['pool_month'] * 1000:,.0f} ms; every month "
        f"(manage.py refresh_pooled_figures) {imported['pool_all']:.1f} s"
    )

    print()
    print(
        f"Monthly reports of {reported['period']:%B %Y}: make_reports made {reported['made']} "
        f"(every site's and the collaborative's) in {reported['make_reports']:.1f} s "
        f"({reported['make_reports'] / max(reported['made'], 1) * 1000:,.0f} ms a report)"
    )

    print()
    print(
        f"Server time, one warm-up then {args.repeat} timed runs each (n: twice for a page over "
        f"{SLOW_SECONDS} s); target: under {TARGET_MS} ms"
    )
    print(
        f"  {'what':<40}{'n':>3}{'queries':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'KB':>8}"
        f"  target (p50)"
    )
    rows = [
        ("site_report_html (the report's work)", reported["site_report_html"]),
        *[(f"{p['label']} as the {p['role']}", p) for p in pages],
    ]
    for name, r in rows:
        low, high = r["queries"]
        queries = f"{high}" if low == high else f"{low}-{high}"
        print(
            f"  {name:<40}{r['n']:>3}{queries:>8}{r['p50']:>9,.0f}{r['p95']:>9,.0f}"
            f"{r['max']:>9,.0f}{r['bytes'] / 1000:>8,.0f}  {verdict(r['p50'])}"
        )
    steady = all(r["queries"][0] == r["queries"][1] for _n, r in rows)
    if not steady:
        print("  FAIL a page's query count changed between identical requests")
    if args.quick or (args.sites, args.measures, args.months) != tuple(FULL.values()):
        print(
            "  (not the target's scale: it is {sites} sites × {measures} measures × {months} "
            "months)".format(**FULL)
        )
    return 0 if same_ok and steady else 1


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.postgres:
        return rerun_under_postgres(__file__, argv)
    if not args.database_from_env and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print(
            "bench_collaborative: DATABASE_URL is used only with --database-from-env; this run "
            "is on a throwaway SQLite.",
            file=sys.stderr,
        )
    directory = tempfile.mkdtemp(prefix="bench-collaborative-")
    try:
        setup_django(directory, args, SQLITE_NAME, quiet=("collaborative", "portal.requests"))
        migrated = check_database(args)
        scale = Scale(args)
        site, people, figures = build(args, scale)
        figures["migrate"] = migrated
        analyze()
        print(
            f"Built {figures['sites']} sites' {figures['submissions']:,} months in "
            f"{figures['months']:.1f} s; importing, reporting, requesting…",
            flush=True,
        )
        imported = bench_import(args, site, scale, people)
        reported = bench_reports(args, site)
        pages = bench_pages(args, site, people, reported["period"])
        return report(args, scale, figures, imported, reported, pages)
    finally:
        clean_up(directory, args, SQLITE_NAME)


if __name__ == "__main__":
    sys.exit(main())
