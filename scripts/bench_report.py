"""The load benchmark's report: the table, the issue's targets, and the JSON file.

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


def floor_for(result, phases):
    """The static floor measured at the same number of connections."""
    for phase in phases:
        if phase["label"].startswith("static-") and phase["connections"] == result["connections"]:
            return phase
    return None


def fmt(value, spec=".1f"):
    return "-" if value is None else format(value, spec)


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
    "static file's at the same connections; in srv: mean ms inside gunicorn (access log; with "
    "threads it includes waiting for the GIL); srv cpu / db cpu: CPU ms a request of gunicorn's "
    "workers / of PostgreSQL; cached: responses with an Age header; driver / others: cores used "
    "by the load driver / by every other process on the machine meanwhile"
)


def cell(value, width):
    """Right-aligned in a positive width, left-aligned in a negative one."""
    return f"{value:>{width}}" if width > 0 else f"{value:<{-width}}"


def table(results):
    phases = list(results["phases"])
    if results.get("surge"):
        phases.append(results["surge"])
    for r in phases:
        floor = floor_for(r, results["phases"]) if r["label"] != "surge" else None
        ratio = r["rps"] / floor["rps"] if floor and floor["rps"] else None
        r["floor_ratio"] = round(ratio, 2) if ratio is not None else None
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
    hits = [
        p["label"]
        for p in results["phases"]
        if p["connections"] == 10 and p["from_cache"] and not p["label"].startswith("static")
    ]
    if hits:
        print(f"  WARNING: some 'uncached' responses came from a cache ({', '.join(hits)})")
    print()
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
    print()
    print("Targets (issue 8)")
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
