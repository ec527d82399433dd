#!/usr/bin/env python3
"""Benchmark search: ten thousand documents indexed, and typical queries timed.

    .venv/bin/python scripts/bench_search.py [OPTIONS]              # throwaway SQLite
    .venv/bin/python scripts/bench_search.py --postgres [OPTIONS]   # throwaway PostgreSQL

The requirement: indexing throughput and query latency percentiles for typical queries over
10,000 documents, on SQLite and PostgreSQL, with a p95 under 50 ms for a faceted query.

1. Database. Migrations only: no demo content. The search engine needs none, and the /search/
   page renders on the default Site and welcome page that Wagtail's migrations create (its
   section links are simply empty), so the page is timed too.
2. Documents. Generates --documents SearchDocuments (default 10,000) from a seeded `random`:
   English, Spanish and Portuguese sepsis vocabulary, common words often and rare ones
   seldom; bodies mostly of 200-2,000 words and a few percent of 20,000-50,000 (text extracted
   from long PDFs); every content type of search.contract.CONTENT_TYPES; about 75% public, 15%
   members-only and 10% spread over 20 work groups; mostly en-us, some es and pt; care-setting
   and audience facets from the toolkits' slugs; boost 3 for guidance.
3. Indexing. Stores them the way `manage.py search_index rebuild` does: search.indexing.rebuild()
   with a provider of these documents registered (temporarily) beside the apps' own, so in
   batches of search.indexing.BATCH_SIZE in one transaction, rows, facets and index entries
   together. Reports documents and megabytes of text (title and body, UTF-8) per second, the
   database's size before and after, and the time to replace one document (search.indexing.
   store, what publishing a page does). On PostgreSQL the tables are then ANALYZEd, as
   autovacuum would soon do after such a load; SQLite is left as a fresh clone has it.
4. Queries. Calls the configured engine (search.engines.get_engine(); the database engine unless
   ELASTICSEARCH_URL is set) directly: a common word, two words, a lay phrase widened by a
   synonym ("blood poisoning" → sepsis, a Synonym row made here), a rare word, a misspelling,
   one facet, two facets and a language (the faceted query of the target), a members' and a
   work-group member's access, page 5, and suggest() for a three-letter prefix. Each one once
   to warm up (its SQL queries counted then) and then --repeat times timed: p50, p95 and
   slowest, and the result total. Then the /search/ page itself, anonymous, through Django's
   test client, for a plain and a faceted query (rendering included).

This is not a test: timings on shared machines are noisy. A missed target is printed, not an
error; the exit status is 1 only when something fails: an exception, a search the engine
reports as failed, or a page that is not 200.

The database is never one you keep: by default a SQLite file in a temporary directory, deleted
at the end (--keep-sqlite leaves it and prints its path); with --postgres the script runs itself
again under scripts/with_postgres.py, which makes a throwaway cluster. --database-from-env uses
DATABASE_URL as it is (what --postgres does inside with_postgres.py); its search index must be
empty, and what the benchmark adds stays there. Django settings come from DJANGO_SETTINGS_MODULE
(default portal.settings.dev, with DEBUG off unless the environment sets it).

Options: --documents N, --repeat N (timed calls per query, default 50), --budget SECONDS (a
query stops repeating once its timed calls took this long, after at least 5; default 60),
--seed N, --postgres, --database-from-env, --keep-sqlite, --json PATH (the figures as JSON too).
"""

import argparse
import datetime
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from collections import Counter
from functools import partial

from bench_common import (
    add_database_arguments,
    check_database_arguments,
    clean_up,
    database_bytes,
    database_label,
    rerun_under_postgres,
    setup_django,
    spread,
)

SQLITE_NAME = "bench-search.sqlite3"
MIN_TIMED = 5  # timed calls of a query however slow
TARGET_LABEL = "2 facets + language"
TARGET_P95_MS = 50
WORK_GROUPS = 20
LARGE_SHARE = 0.03  # documents of extracted PDF text
RARE_WORD, RARE_SHARE = "meningococcemia", 0.002

# --- Vocabulary ------------------------------------------------------------------------------
# In order of how often they occur (a Zipf-like law by rank); phrases count as one draw.
ENGLISH_COMMON = [
    "the", "of", "and", "to", "in", "a", "for", "is", "with", "on", "or", "be", "are",
    "patients", "should", "within", "by", "as", "at", "this", "that", "from", "when", "an",
    "after", "it", "not", "if", "their", "all", "care", "sepsis", "patient", "can", "may",
    "have", "any",
]  # fmt: skip
CLINICAL = [
    "infection", "hospital", "screening", "antibiotics", "hour", "lactate", "signs",
    "blood cultures", "fluids", "fever", "time zero", "staff", "emergency department",
    "treatment", "septic shock", "nursing", "bundle", "triage", "heart rate", "temperature",
    "confusion", "respiratory rate", "blood pressure", "organ dysfunction", "assessment",
    "protocol", "EMS", "family", "discharge", "survivors", "early warning", "vital signs",
    "quality", "measure", "hypotension", "vasopressors", "pediatric", "nursing home",
    "resuscitation", "documentation", "order set", "reassessment", "pneumonia",
    "urinary tract infection", "mortality", "stewardship", "education", "clinician",
    "physician", "pharmacist", "escalation", "huddle", "audit", "compliance", "SEP-1",
    "qSOFA", "SIRS", "mottled skin", "shivering", "clammy", "breathless", "follow-up",
    "readmission", "rehabilitation", "home health", "long-term care", "prehospital",
    "sepsis alert", "lactic acid", "broad-spectrum", "de-escalation", "cultures",
    "crystalloid", "30 mL/kg", "MAP", "norepinephrine", "central line", "ICU", "handoff",
    "checklist", "workflow", "dashboard", "abstraction", "exclusion", "immunocompromised",
    "neonatal", "maternal", "chemotherapy", "dialysis", "wound", "catheter", "cellulitis",
    "bacteremia", "procalcitonin", "fatigue", "anxiety", "memory", "post-sepsis syndrome",
]  # fmt: skip
LAY = [
    "blood infection", "feels very unwell", "not making sense", "hard to breathe",
    "cold hands", "call 911", "ask is it sepsis", "grandmother", "child", "baby",
    "caregiver", "after surgery", "flu", "cut", "pain", "sleepy", "pale",
]  # fmt: skip
SPANISH = [
    "el", "de", "la", "y", "en", "los", "para", "con", "pacientes", "sepsis", "infección",
    "hospital", "antibióticos", "fiebre", "lactato", "hemocultivos", "líquidos", "signos",
    "llame al 911", "confusión", "cuidadores", "niños", "choque séptico", "tratamiento",
    "hogar de ancianos", "alta", "sobrevivientes", "detección", "triaje", "enfermería",
]  # fmt: skip
PORTUGUESE = [
    "o", "de", "a", "e", "em", "os", "para", "com", "pacientes", "sepse", "infecção",
    "hospital", "antibióticos", "febre", "lactato", "hemoculturas", "fluidos", "sinais",
    "ligue 911", "confusão", "cuidadores", "crianças", "choque séptico", "tratamento",
    "casa de repouso", "alta", "sobreviventes", "triagem", "enfermagem", "infecção generalizada",
]  # fmt: skip
TOPICS = {
    "en-us": [
        "Lactate measurement", "Sepsis screening", "Blood cultures before antibiotics",
        "Fluid resuscitation", "Time zero documentation", "Pediatric sepsis recognition",
        "Life after sepsis", "Discharge planning", "Antibiotic timing", "Early warning signs",
        "Triage", "Lactic acid follow-up", "EMS sepsis alert", "Septic shock bundle",
        "Sepsis in nursing homes", "Is it sepsis?", "Sepsis survivors", "SEP-1 abstraction",
    ],
    "es": ["Detección de sepsis", "Lactato", "Antibióticos a tiempo", "¿Es sepsis?"],
    "pt": ["Triagem de sepse", "Lactato", "Antibióticos no tempo certo", "É sepse?"],
}  # fmt: skip
KINDS = {
    "guidance": ["what to look for", "when to call 911", "for families", "signs and symptoms"],
    "toolkit": ["toolkit", "implementation guide", "quality improvement toolkit"],
    "file": ["order set (PDF)", "pocket card", "poster", "slide deck", "audit tool (XLSX)"],
    "page": ["news", "webinar", "frequently asked questions", "event"],
    "workgroup": ["draft", "meeting notes", "discussion", "comments on the draft"],
}
CARE_SETTINGS = (
    "emergency-department", "inpatient-ward", "icu", "pediatrics", "long-term-care",
    "home-health", "ems", "primary-urgent-care",
)  # fmt: skip
AUDIENCES = (
    "nurses", "physicians", "pharmacists", "quality-safety-leads", "executives",
    "patients-families",
)  # fmt: skip
LANGUAGES = {"en-us": 0.85, "es": 0.10, "pt": 0.05}
# Of the documents that are not a work group's (those are "workgroup", some "file").
CONTENT_TYPE_SHARES = {"guidance": 0.05, "toolkit": 0.15, "file": 0.45, "page": 0.35}
ACCESS_SHARES = {"public": 0.75, "members": 0.15, "workgroup": 0.10}

# --- Queries ---------------------------------------------------------------------------------
PUBLIC_TOKENS = frozenset({"public"})
MEMBER_TOKENS = frozenset({"public", "members"})
WORK_GROUP_TOKENS = frozenset({"public", "members", "workgroup:3"})
TARGET_FILTERS = {"care_setting": ["long-term-care"], "audience": ["nurses"], "language": ["en-us"]}
# (label, query, tokens, filters, page); a query of None is suggest() of the prefix.
QUERIES = (
    ("common word", "sepsis", PUBLIC_TOKENS, {}, 1),
    ("two words", "lactate antibiotics", PUBLIC_TOKENS, {}, 1),
    ("lay phrase (synonym)", "blood poisoning", PUBLIC_TOKENS, {}, 1),
    ("rare word", RARE_WORD, PUBLIC_TOKENS, {}, 1),
    ("misspelling", "antibiotcs", PUBLIC_TOKENS, {}, 1),
    ("1 facet", "screening", PUBLIC_TOKENS, {"care_setting": ["ems"]}, 1),
    (TARGET_LABEL, "sepsis screening", PUBLIC_TOKENS, TARGET_FILTERS, 1),
    ("members' access", "lactate", MEMBER_TOKENS, {}, 1),
    ("work-group member", "lactate draft", WORK_GROUP_TOKENS, {}, 1),
    ("page 5", "antibiotics", PUBLIC_TOKENS, {}, 5),
    ("suggest 'lac'", "lac", PUBLIC_TOKENS, None, None),
)
VIEW_QUERIES = (
    ("/search/ plain", {"q": "sepsis"}),
    ("/search/ faceted", {"q": "sepsis screening", **TARGET_FILTERS}),
)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=10_000, help="documents to index")
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per query")
    parser.add_argument(
        "--budget",
        type=float,
        default=60,
        help="seconds of timed calls per query, after which it stops repeating (at least "
        f"{MIN_TIMED} calls)",
    )
    parser.add_argument("--seed", type=int, default=20250101)
    add_database_arguments(parser)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.documents < 1 or args.repeat < 2 or args.budget <= 0:
        parser.error("--documents and --budget must be positive and --repeat at least 2")
    check_database_arguments(parser, args)
    return args


# ---------------------------------------------------------------------------------------------
# Documents


def zipf_weights(words, exponent=1.0):
    return [1 / (rank + 2) ** exponent for rank in range(len(words))]


class Writer:
    """Deterministic text: words drawn by a Zipf-like law, cut into sentences."""

    def __init__(self, rng):
        self.rng = rng
        english = ENGLISH_COMMON + CLINICAL + LAY
        self.vocab = {
            "en-us": (english, _cumulative(zipf_weights(english))),
            # Other languages borrow some English clinical words, as translated pages do.
            "es": (SPANISH + CLINICAL[:20], _cumulative(zipf_weights(SPANISH + CLINICAL[:20]))),
            "pt": (
                PORTUGUESE + CLINICAL[:20],
                _cumulative(zipf_weights(PORTUGUESE + CLINICAL[:20])),
            ),
        }

    def text(self, language, words):
        vocab, cumulative = self.vocab[language]
        drawn = self.rng.choices(vocab, cum_weights=cumulative, k=words)
        sentences, at = [], 0
        while at < len(drawn):
            length = self.rng.randint(6, 22)
            sentence = " ".join(drawn[at : at + length])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            at += length
        return " ".join(sentences)


def _cumulative(weights):
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def pick(rng, shares):
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def make_documents(count, seed):
    """`count` SearchDocuments, the same ones for the same seed."""
    from search.contract import MEMBERS, PUBLIC, SearchDocument, workgroup_token

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    writer = Writer(rng)
    start = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)
    docs = []
    for n in range(1, count + 1):
        access = pick(rng, ACCESS_SHARES)
        if access == "workgroup":
            access = workgroup_token(rng.randint(1, WORK_GROUPS))
            content_type = "workgroup" if rng.random() < 0.8 else "file"
            language = "en-us"
        else:
            access = PUBLIC if access == "public" else MEMBERS
            content_type = pick(rng, CONTENT_TYPE_SHARES)
            if content_type == "guidance":
                access = PUBLIC  # symptom guidance is for everyone
            language = pick(rng, LANGUAGES)
        large = content_type == "file" and rng.random() < LARGE_SHARE / 0.45
        words = rng.randint(20_000, 50_000) if large else int(rng.triangular(200, 2_000, 500))
        body = writer.text(language, words)
        if rng.random() < RARE_SHARE:
            cut = rng.randrange(len(body))
            body = f"{body[:cut]} {RARE_WORD} {body[cut:]}"
        kind = rng.choice(KINDS[content_type])
        title = f"{rng.choice(TOPICS[language])}: {kind}"
        if content_type == "guidance":
            facets = {"audience": ("patients-families",)}
        else:
            facets = {
                "care_setting": tuple(rng.sample(CARE_SETTINGS, rng.choice((0, 1, 1, 2, 3)))),
                "audience": tuple(rng.sample(AUDIENCES, rng.choice((0, 1, 1, 2)))),
            }
        docs.append(
            SearchDocument(
                key=f"bench.{content_type}:{n}",
                title=title,
                url=f"/bench/{content_type}/{n}/",
                content_type=content_type,
                access=access,
                body=body,
                language=language,
                facets={name: values for name, values in facets.items() if values},
                published_at=start + datetime.timedelta(minutes=rng.randrange(5 * 365 * 24 * 60)),
                boost=3.0 if content_type == "guidance" else 1.0,
            )
        )
    return docs


class BenchProvider:
    """The generated documents, as a search provider (search.contract.SearchProvider)."""

    name = "bench.documents"
    models = ()

    def __init__(self, docs):
        self.docs = docs

    def documents(self):
        return iter(self.docs)

    def count(self):
        return len(self.docs)

    def document_for(self, instance):
        return None

    def key_for(self, instance):
        return ""


def text_bytes(doc):
    return len(doc.title.encode()) + len(doc.body.encode())


def rebuild_with(docs, progress=None):
    """search.indexing.rebuild() (what `manage.py search_index rebuild` runs) with a provider
    of ``docs`` registered beside the apps' own; returns its counts per provider."""
    from wagtail import hooks

    from search import indexing

    provider = BenchProvider(docs)
    with hooks.register_temporarily("register_search_providers", lambda: [provider]):
        return indexing.rebuild(progress=progress)


def quarterly_progress(count):
    """A progress callback for rebuild_with() that prints every quarter of the documents."""
    next_report = [count // 4]

    def progress(name, done, total):
        if name == BenchProvider.name and done >= next_report[0]:
            print(f"  indexed {done:,} of {total:,}", file=sys.stderr, flush=True)
            next_report[0] += count // 4

    return progress


# ---------------------------------------------------------------------------------------------
# Building and indexing


def build(args):
    """Migrate, generate the documents and index them; returns the figures."""
    from django.core.management import call_command
    from django.db import connection

    from search import indexing
    from search.models import IndexedDocument, Synonym

    figures = {}
    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    figures["migrate_s"] = time.perf_counter() - began
    if IndexedDocument.objects.exists():
        sys.exit(
            "bench_search: this database's search index is not empty. Run the benchmark on a "
            "throwaway database: leave out --database-from-env, or use --postgres."
        )
    figures["database_bytes_before"] = database_bytes()

    began = time.perf_counter()
    docs = make_documents(args.documents, args.seed)
    figures["generate_s"] = time.perf_counter() - began
    sizes = [len(doc.body.split()) for doc in docs]
    figures["documents"] = len(docs)
    figures["text_bytes"] = sum(text_bytes(doc) for doc in docs)
    figures["large_documents"] = sum(1 for words in sizes if words >= 20_000)
    figures["words"] = {"total": sum(sizes), "median": sorted(sizes)[len(sizes) // 2]}
    figures["by_content_type"] = dict(Counter(doc.content_type for doc in docs).most_common())
    figures["by_access"] = dict(Counter(doc.access.split(":")[0] for doc in docs).most_common())
    figures["by_language"] = dict(Counter(doc.language for doc in docs).most_common())

    print(f"Indexing {len(docs):,} documents ...", file=sys.stderr, flush=True)
    began = time.perf_counter()
    counts = rebuild_with(docs, progress=quarterly_progress(len(docs)))
    seconds = time.perf_counter() - began
    figures["rebuild_counts"] = counts
    figures["index_s"] = seconds
    figures["docs_per_s"] = len(docs) / seconds
    figures["text_mb_per_s"] = figures["text_bytes"] / 1e6 / seconds
    stored = IndexedDocument.objects.filter(key__startswith="bench.").count()
    if stored != len(docs):
        raise RuntimeError(f"{stored} of the {len(docs)} documents were stored")

    if connection.vendor == "postgresql":
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        figures["analyze_s"] = time.perf_counter() - began
    figures["database_bytes_after"] = database_bytes()

    # Replacing one document, as publishing a page does (a mid-sized one, changed each time).
    sample = next(doc for doc in docs if 800 <= len(doc.body.split()) <= 1200)
    timings = []
    for n in range(max(args.repeat // 2, 2)):
        changed = type(sample)(**{**sample.__dict__, "title": f"{sample.title} ({n})"})
        began = time.perf_counter()
        indexing.store(changed)
        timings.append(time.perf_counter() - began)
    indexing.store(sample)
    figures["store_one"] = spread(timings)

    Synonym.objects.get_or_create(term="blood poisoning", defaults={"alternatives": "sepsis"})
    return figures


# ---------------------------------------------------------------------------------------------
# Measuring


class Failed(Exception):
    """A search the engine reports as failed, or a page that is not 200."""


def call(engine, query, tokens, filters, page):
    """One search (or suggest() when filters is None); returns its result total."""
    if filters is None:
        return len(engine.suggest(query, tokens=tokens))
    result = engine.search(query, tokens=tokens, filters=filters, page=page)
    if result.failed:
        raise Failed(f"the engine reports the search {query!r} failed (see the log above)")
    return result.total


def timed(args, function):
    """Seconds of --repeat calls of `function`, or fewer (but at least MIN_TIMED) when they
    take more than --budget seconds together."""
    timings = []
    for n in range(args.repeat):
        if n >= MIN_TIMED and sum(timings) > args.budget:
            break
        began = time.perf_counter()
        function()
        timings.append(time.perf_counter() - began)
    return timings


def bench_engine(args):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from search.engines import get_engine

    engine = get_engine()
    results = []
    for label, query, tokens, filters, page in QUERIES:
        reset_queries()  # CaptureQueriesContext counts from the log's length, at most 9,000
        with CaptureQueriesContext(connection) as captured:
            total = call(engine, query, tokens, filters, page)  # warm-up
        # Counted now: captured_queries reads the log, which later requests reset.
        sql = len(captured.captured_queries)
        timings = timed(args, partial(call, engine, query, tokens, filters, page))
        results.append(
            {
                "label": label,
                "query": query,
                "call": "suggest" if filters is None else "search",
                "tokens": sorted(tokens),
                "filters": filters,
                "page": page,
                "results": total,
                "queries": sql,
                **spread(timings),
            }
        )
    return engine.name, results


def bench_view(args):
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils.http import urlencode
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    host = site.hostname if site.hostname != "*" else "localhost"
    if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
    client = Client(HTTP_HOST=host, SERVER_PORT=str(site.port))
    results = []
    for label, params in VIEW_QUERIES:
        url = f"{reverse('search')}?{urlencode(params, doseq=True)}"

        def get(url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise Failed(f"{url} answered {response.status_code}")
            return response

        reset_queries()  # and every request resets the log (Django's request_started)
        with CaptureQueriesContext(connection) as captured:
            response = get()
        sql = len(captured.captured_queries)
        timings = timed(args, get)
        found = re.search(rb'id="results-heading">([\d,]+) result', response.content)
        results.append(
            {
                "label": label,
                "url": url,
                "results": int(found.group(1).replace(b",", b"")) if found else None,
                "queries": sql,
                "bytes": len(response.content),
                **spread(timings),
            }
        )
    return results


# ---------------------------------------------------------------------------------------------
# Report


def megabytes(n):
    return f"{n / 1e6:,.1f} MB" if n is not None else "?"


def report(args, figures, engine_name, queries, views):
    print()
    print(
        f"Search benchmark: {database_label()}, engine {engine_name}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print()
    words = figures["words"]
    print(
        f"Generated {figures['documents']:,} documents in {figures['generate_s']:.1f} s: "
        f"{megabytes(figures['text_bytes'])} of text, {words['total']:,} words (median "
        f"{words['median']:,} a document; {figures['large_documents']} of 20,000-50,000)"
    )
    for name in ("by_content_type", "by_access", "by_language"):
        shares = ", ".join(f"{k} {v:,}" for k, v in figures[name].items())
        print(f"  {name.replace('_', ' ')}: {shares}")
    print()
    others = {
        k: v
        for k, v in figures["rebuild_counts"].items()
        if k not in (BenchProvider.name, "removed")
    }
    print(
        f"Indexing through search.indexing.rebuild() (batches of {figures['batch_size']}, "
        f"one transaction; the apps' {len(others)} providers gave {sum(others.values())} more)"
    )
    print(
        f"  {figures['documents']:,} documents in {figures['index_s']:.1f} s: "
        f"{figures['docs_per_s']:,.0f} documents/s, {figures['text_mb_per_s']:.2f} MB of text/s"
    )
    print(
        f"  database {megabytes(figures['database_bytes_before'])} after migrations, "
        f"{megabytes(figures['database_bytes_after'])} after indexing"
        + (f" (ANALYZE {figures['analyze_s']:.1f} s)" if "analyze_s" in figures else "")
    )
    one = figures["store_one"]
    print(
        f"  replacing one document (store): p50 {one['p50'] * 1000:.0f} ms, "
        f"p95 {one['p95'] * 1000:.0f} ms, max {one['max'] * 1000:.0f} ms"
    )
    print(f"  (migrations {figures['migrate_s']:.1f} s)")
    print()
    print(
        f"Engine calls: one warm-up (its SQL queries counted), then {args.repeat} timed each "
        f"(n: fewer when they took over {args.budget:g} s)"
    )
    header = (
        f"  {'query':<24}{'results':>8}{'SQL':>5}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
    )
    print(header)
    for r in queries:
        print(
            f"  {r['label']:<24}{r['results']:>8,}{r['queries']:>5}{r['n']:>4}"
            f"{r['p50'] * 1000:>9.1f}{r['p95'] * 1000:>9.1f}{r['max'] * 1000:>9.1f}"
        )
    print()
    print("The /search/ page, anonymous, through the test client (rendering included)")
    print(header + f"{'KB':>6}")
    for r in views:
        found = f"{r['results']:,}" if r["results"] is not None else "?"
        print(
            f"  {r['label']:<24}{found:>8}{r['queries']:>5}{r['n']:>4}{r['p50'] * 1000:>9.1f}"
            f"{r['p95'] * 1000:>9.1f}{r['max'] * 1000:>9.1f}{r['bytes'] / 1000:>6.0f}"
        )
    target = next(r for r in queries if r["label"] == TARGET_LABEL)
    met = target["p95"] * 1000 < TARGET_P95_MS
    print()
    print(
        f"  target p95 < {TARGET_P95_MS} ms for the faceted query ({TARGET_LABEL}): "
        f"{'met' if met else 'MISSED'} ({target['p95'] * 1000:.1f} ms)"
    )
    return met


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.postgres:
        return rerun_under_postgres(__file__, argv)
    directory = tempfile.mkdtemp(prefix="bench-search-")
    try:
        setup_django(directory, args, SQLITE_NAME)
        from search.indexing import BATCH_SIZE

        figures = build(args)
        figures["batch_size"] = BATCH_SIZE
        engine_name, queries = bench_engine(args)
        views = bench_view(args)
        met = report(args, figures, engine_name, queries, views)
        if args.json:
            out = {
                "database": database_label(),
                "engine": engine_name,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "documents": args.documents,
                "repeat": args.repeat,
                "seed": args.seed,
                "indexing": figures,
                "queries": queries,
                "views": views,
                "target": {"label": TARGET_LABEL, "p95_ms": TARGET_P95_MS, "met": met},
            }
            with open(args.json, "w") as file:
                json.dump(out, file, indent=2, default=str)
        return 0
    except Failed as error:
        print(f"bench_search: {error}", file=sys.stderr)
        return 1
    finally:
        clean_up(directory, args, SQLITE_NAME)


if __name__ == "__main__":
    sys.exit(main())
