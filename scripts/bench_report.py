"""The load benchmark's report: the table, the issues' targets, and the JSON file.

Used by scripts/bench_server.py. Standard library only.
"""

import json
import os
import platform
import textwrap
from pathlib import Path

# The targets of issue 8 ("Must have 2" and "Must have 5").
CACHED_RATIO, CACHED_P95_MS = 0.7, 20
UNCACHED_RPS = 130
UNCACHED_PAGES = ("symptom-10", "home-10", "toolkit-10", "catalog-10")
SEARCH_P95_MS = 50
DRIVER_BUSY = 0.8  # share of a core above which the driver may be what limits a phase
# The targets of issue 21 ("Must have 4" and "Must have 5").
MEMBER_SURGE_FACTOR = 4  # a member's p95 during the surge, over their p95 on an idle server
MEMBER_IDLE, MEMBER_SURGE = "member-idle", "member-surge"
BARE_RATIO = 0.5  # our pages' throughput over bare Wagtail's home page
BARE_PAGES = ("symptom-10", "home-10")
BARE = "bare-wagtail-10"


def floor_for(result, phases):
    """The static floor measured at the same number of connections."""
    for phase in phases:
        if phase["label"].startswith("static-") and phase["connections"] == result["connections"]:
            return phase
    return None


def fmt(value, spec=".1f"):
    return "-" if value is None else format(value, spec)


def ratio(value, reference):
    """value / reference; None when either is missing or the reference is nothing."""
    if value is None or not reference:
        return None
    return value / reference


def ours_beside_bare(phase, bare):
    """Whether a phase is one of our pages measured as bare Wagtail's home page was."""
    return (
        bare is not None
        and phase is not bare
        and phase["label"] not in (BARE, "surge")
        and not phase["label"].startswith("static-")
        and phase["connections"] == bare["connections"]
    )


def add_ratios(results):
    """Each phase's throughput over the static floor's at the same connections (floor_ratio)
    and, for our pages at bare Wagtail's connections, over bare Wagtail's home page
    (bare_ratio): rounded, for the table and the JSON."""
    by_label = {p["label"]: p for p in results["phases"]}
    bare = by_label.get(BARE)
    for r in [*results["phases"], *([results["surge"]] if results.get("surge") else [])]:
        floor = floor_for(r, results["phases"]) if r["label"] != "surge" else None
        floor_ratio = ratio(r["rps"], floor and floor["rps"])
        bare_ratio = ratio(r["rps"], bare["rps"]) if ours_beside_bare(r, bare) else None
        r["floor_ratio"] = None if floor_ratio is None else round(floor_ratio, 2)
        r["bare_ratio"] = None if bare_ratio is None else round(bare_ratio, 2)


def side_by_side(results):
    """Our pages beside bare Wagtail's home page and the static floor (after add_ratios):
    None when bare Wagtail was not measured."""
    by_label = {p["label"]: p for p in results["phases"]}
    bare = by_label.get(BARE)
    if bare is None:
        return None
    floor = floor_for(bare, results["phases"])
    return {
        "connections": bare["connections"],
        "bare_wagtail_rps": bare["rps"],
        "static_floor_rps": floor["rps"] if floor else None,
        "pages": [
            {
                "label": p["label"],
                "description": p["description"],
                "rps": p["rps"],
                "bare_ratio": p["bare_ratio"],
                "floor_ratio": p["floor_ratio"],
            }
            for p in results["phases"]
            if ours_beside_bare(p, bare)
        ],
    }


COLUMNS = (
    # (heading, width, how to show a phase)
    ("phase", -18, lambda r: r["label"]),
    ("conns", 6, lambda r: r["connections"]),
    ("requests", 9, lambda r: r["requests"]),
    ("rps", 7, lambda r: fmt(r["rps"], ".0f")),
    ("p50", 7, lambda r: fmt(r["p50_ms"])),
    ("p95", 7, lambda r: fmt(r["p95_ms"])),
    ("p99", 7, lambda r: fmt(r["p99_ms"])),
    ("errors", 7, lambda r: r["errors"] + r["warmup_errors"]),
    ("x floor", 8, lambda r: fmt(r.get("floor_ratio"), ".2f")),
    ("x bare", 7, lambda r: fmt(r.get("bare_ratio"), ".2f")),
    ("in srv", 7, lambda r: fmt(r["server_mean_ms"])),
    ("srv cpu", 8, lambda r: fmt(r["gunicorn_cpu_ms"])),
    ("db cpu", 7, lambda r: fmt(r["postgres_cpu_ms"])),
    (
        "cached",
        7,
        lambda r: f"{100 * r['from_cache'] / r['requests']:.0f}%" if r["requests"] else "-",
    ),
    ("KB", 5, lambda r: f"{r['bytes'] / 1024:.0f}"),
    ("driver", 7, lambda r: fmt(r["driver_cpu_share"], ".2f")),
    ("others", 7, lambda r: fmt(r["others_cpu_share"], ".2f")),
)
LEGEND = (
    "rps: requests a second; p50/p95/p99: latency at the client (ms); x floor: rps over the "
    "static file's at the same connections; x bare: rps over bare Wagtail's home page at the "
    "same connections; in srv: mean ms inside gunicorn (access log; with "
    "threads it includes waiting for the GIL); srv cpu / db cpu: CPU ms a request of gunicorn's "
    "workers / of PostgreSQL; cached: responses with an Age header; driver / others: cores used "
    "by the load driver / by every other process on the machine meanwhile"
)


def cell(value, width):
    """Right-aligned in a positive width, left-aligned in a negative one."""
    return f"{value:>{width}}" if width > 0 else f"{value:<{-width}}"


def table(results):
    """The phases' figures, a line each (after add_ratios)."""
    phases = list(results["phases"])
    if results.get("surge"):
        phases.append(results["surge"])
    head = "".join(cell(name, width) for name, width, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for r in phases:
        lines.append("".join(cell(str(show(r)), width) for _, width, show in COLUMNS))
    return "\n".join(lines)


def cpu_per_request(phase):
    app, db = phase["gunicorn_cpu_ms"], phase["postgres_cpu_ms"]
    if app is None or db is None:
        return "CPU a request not measured"
    return f"CPU a request {app:.1f} ms in gunicorn + {db:.1f} ms in PostgreSQL = {app + db:.1f} ms"


def targets(results, args):
    """[(name, met or None when not measured, detail)]"""
    by_label = {p["label"]: p for p in results["phases"]}
    checks = []
    cached, floor = by_label.get("symptom-cached-50"), by_label.get("static-50")
    if cached and floor:
        ratio = cached["rps"] / floor["rps"] if floor["rps"] else 0
        checks.append(
            (
                f"cached symptom page >= {CACHED_RATIO} x the static floor (50 connections)",
                ratio >= CACHED_RATIO,
                f"{ratio:.2f} x ({cached['rps']:.0f} / {floor['rps']:.0f} rps); "
                f"{cpu_per_request(cached)}",
            )
        )
        checks.append(
            (
                f"cached symptom page p95 < {CACHED_P95_MS} ms (50 connections)",
                cached["p95_ms"] is not None and cached["p95_ms"] < CACHED_P95_MS,
                f"p95 {fmt(cached['p95_ms'])} ms (the static floor's: {fmt(floor['p95_ms'])} ms)",
            )
        )
    for label in UNCACHED_PAGES:
        page = by_label.get(label)
        if page:
            checks.append(
                (
                    f"{page['description']} >= {UNCACHED_RPS} rps (10 connections)",
                    page["rps"] >= UNCACHED_RPS,
                    f"{page['rps']:.0f} rps; {cpu_per_request(page)} (at most "
                    f"{1000 * min(args.workers, os.cpu_count()) / UNCACHED_RPS:.0f} ms for "
                    f"{UNCACHED_RPS} rps on {min(args.workers, os.cpu_count())} cores)",
                )
            )
    search = by_label.get("search-10")
    if search:
        checks.append(
            (
                f"search query p95 <= {SEARCH_P95_MS} ms",
                search["p95_ms"] is not None and search["p95_ms"] <= SEARCH_P95_MS,
                f"p95 {fmt(search['p95_ms'])} ms; {cpu_per_request(search)}",
            )
        )
    surge = results.get("surge")
    if surge:
        errors = surge["errors"] + surge["warmup_errors"]
        checks.append(
            (
                f"surge: no errors at {surge['connections']} connections",
                errors == 0,
                f"{errors} errors in {surge['requests']} requests over {surge['seconds']:g} s",
            )
        )
        growth = surge["rss_growth_mb"]
        checks.append(
            (
                f"surge: each worker's RSS grows by at most {surge['rss_bound_mb']:g} MB",
                growth is not None
                and growth <= surge["rss_bound_mb"]
                and not surge["workers_restarted"],
                "; ".join(
                    f"worker {w['pid']}: {fmt(w['rss_before_mb'], '.0f')} -> "
                    f"{fmt(w['rss_after_mb'], '.0f')} MB (peak {w['rss_peak_mb']:.0f})"
                    for w in surge["workers"]
                )
                + (" - WORKERS RESTARTED" if surge["workers_restarted"] else ""),
            )
        )
    return [*checks, *member_targets(results), *bare_targets(results)]


def member_targets(results):
    """A signed-in member's p95 during the surge under MEMBER_SURGE_FACTOR times their p95 on
    the idle server (same connections); missed too when it was not measured wholly during the
    surge or not at all. [] when either phase did not run."""
    by_label = {p["label"]: p for p in results["phases"]}
    idle, during, surge = by_label.get(MEMBER_IDLE), by_label.get(MEMBER_SURGE), results["surge"]
    if not (idle and during and surge):
        return []
    factor = ratio(during["p95_ms"], idle["p95_ms"])
    within = during.get("within_surge", False)
    detail = (
        f"p95 {fmt(during['p95_ms'])} ms during the surge ({surge['connections']} connections "
        f"on the cached symptom page) vs {fmt(idle['p95_ms'])} ms on the idle server: "
        f"{fmt(factor, '.2f')} x; {during['requests']} and {idle['requests']} requests"
    )
    if not within:
        detail += "; NOT MEASURED WHOLLY DURING THE SURGE (a longer --surge-seconds helps)"
    return [
        (
            f"a member's pages during the surge: p95 under {MEMBER_SURGE_FACTOR} x idle "
            f"({during['connections']} connections)",
            factor is not None and factor < MEMBER_SURGE_FACTOR and within,
            detail,
        )
    ]


def bare_targets(results):
    """The symptom guide and home page at BARE_RATIO times bare Wagtail's home page or better;
    [] when bare Wagtail was not measured."""
    by_label = {p["label"]: p for p in results["phases"]}
    bare = by_label.get(BARE)
    if bare is None:
        return []
    checks = []
    for label in BARE_PAGES:
        page = by_label.get(label)
        if page:
            times = ratio(page["rps"], bare["rps"])
            checks.append(
                (
                    f"{page['description']} >= {BARE_RATIO} x bare Wagtail's home page "
                    f"({page['connections']} connections)",
                    times is not None and times >= BARE_RATIO,
                    f"{fmt(times, '.2f')} x ({page['rps']:.0f} / {bare['rps']:.0f} rps)",
                )
            )
    return checks


def report(results, args):
    """Print everything; returns True when a request failed."""
    print()
    print(
        f"Load benchmark: gunicorn {args.workers} workers ({args.worker_class}"
        + (f", {args.threads} threads" if args.worker_class == "gthread" else "")
        + f"), portal.settings.production, {results['postgres']}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(f"  {results['gunicorn']}")
    data = results["data"]
    print(f"  data set {data['source']} in {data['seconds']:.0f} s (bench/cache/{data['key']})")
    print(f"  {args.duration:g} s measured per phase after {args.warmup:g} s of warm-up")
    print(
        textwrap.fill(
            f"uncached pages: {results['uncached_method']}",
            100,
            initial_indent="  ",
            subsequent_indent="    ",
        )
    )
    bare = results.get("bare_wagtail")
    if bare:
        print(
            f"  bare Wagtail {bare['wagtail']} (wagtail start, its production settings, "
            f"{bare['database']}): {bare['gunicorn']}"
        )
    if any(p["label"] == MEMBER_SURGE for p in results["phases"]):
        print(
            f"  {MEMBER_SURGE}: the member's load started once the surge's clock ran and "
            "stopped before it ended; its CPU is counted in the surge's"
        )
    hits = [
        p["label"]
        for p in results["phases"]
        if p["connections"] == 10 and p["from_cache"] and not p["label"].startswith("static")
    ]
    if hits:
        print(f"  WARNING: some 'uncached' responses came from a cache ({', '.join(hits)})")
    print()
    add_ratios(results)
    print(table(results))
    print(textwrap.fill(LEGEND, width=100, initial_indent="  ", subsequent_indent="  "))
    busy = [
        p["label"]
        for p in [*results["phases"], results.get("surge") or {}]
        if p and p["driver_cpu_share"] >= DRIVER_BUSY
    ]
    if busy:
        print(
            f"  the driver used more than {DRIVER_BUSY:.0%} of a core in {', '.join(busy)}: "
            "there, it may be the limit rather than the server"
        )
    errors = [
        p for p in [*results["phases"], results.get("surge") or {}] if p and p["error_samples"]
    ]
    for p in errors:
        print(f"  errors in {p['label']} (first {len(p['error_samples'])}):")
        for sample in p["error_samples"]:
            print(f"    {json.dumps(sample)[:300]}")
    beside = results["side_by_side"] = side_by_side(results)
    if beside:
        print()
        print(
            f"Side by side ({beside['connections']} connections): bare Wagtail's home page "
            f"{beside['bare_wagtail_rps']:.0f} rps, the static floor "
            f"{fmt(beside['static_floor_rps'], '.0f')} rps"
        )
        for page in beside["pages"]:
            print(
                f"  {page['description']:<42}{page['rps']:>7.0f} rps"
                f"{fmt(page['bare_ratio'], '.2f'):>7} x bare Wagtail"
                f"{fmt(page['floor_ratio'], '.2f'):>7} x the floor"
            )
    print()
    print("Targets (issues 8 and 21)")
    checks = targets(results, args)
    results["targets"] = [{"target": n, "met": m, "detail": d} for n, m, d in checks]
    for name, met, detail in checks:
        print(f"  {'met   ' if met else 'MISSED'} {name}: {detail}")
    print()
    print(f"Whole run: {results['wall_s']:.0f} s")
    failed = [
        p["label"]
        for p in [*results["phases"], results.get("surge") or {}]
        if p and p["errors"] + p["warmup_errors"]
    ]
    results["failed_phases"] = failed
    return bool(failed)


def write_json(results, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
