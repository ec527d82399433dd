#!/usr/bin/env python3
"""The load benchmark's scaled data set, and what the load driver needs to know about it.

    python scripts/bench_data.py build [--toolkits N] [--awareness N] [--documents N] [--weeks N]
    python scripts/bench_data.py collectstatic --supplement DIR
    python scripts/bench_data.py prepare --out TARGETS.json

Run by scripts/bench_server.py with the settings gunicorn will serve (production, DATABASE_URL
of a throwaway PostgreSQL), after `manage.py migrate` and `manage.py load_demo_content`.

build adds, beside the demo content, with the generators the other benchmarks use:
- --toolkits live toolkits with five files each in the demo's catalog
  (scripts/catalog_scale.py's build_catalog, as scripts/bench_toolkits.py);
- --awareness awareness articles under the demo's awareness index, each in English, Spanish
  and Portuguese (live pages without revisions, written in bulk like the toolkits; their text
  is the demo's own article plus a paragraph from scripts/bench_search.py's Writer);
- --weeks weeks of a weekly indicator for every state and the nation, charted on the demo's
  trend page (scripts/bench_trends.py's add_weekly_indicator);
- the search index: search.indexing.rebuild() (what `manage.py search_index rebuild` runs)
  with --documents generated documents beside every app's own (scripts/bench_search.py's
  make_documents), then ANALYZE.
Background tasks are not run while building (bench_server.py sets the dummy task backend): the
index is rebuilt at the end anyway.

collectstatic runs `manage.py collectstatic` as production does (WhiteNoise's compressed
manifest storage, which refuses a stylesheet whose url() names a missing file). If the built
stylesheets name files that static_build/ lacks but the USWDS package has, it copies those into
DIR, adds DIR to STATICFILES_DIRS for this command only and says so: the served settings stay
production's, and the warning tells what the asset build must fix.

prepare, run on every benchmark (also after a cached database is restored), writes the URLs
of each request class and a session cookie for a demo member to TARGETS.json. The session is
made in the database as a login would make it (the same SECRET_KEY as the server's), so no
login form and no browser are involved.
"""

import argparse
import json
import logging
import random
import re
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEMBER = "james.oconnor@example.org"  # member organization staff, in a work group (README)
SEARCH_QUERY = "blood poisoning"  # a lay term, found through the demo's synonyms
TOOLKIT_SAMPLE = 50  # toolkit pages requested in turn
SEED = 20250101


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="add the scaled data set to the demo content")
    build.add_argument("--toolkits", type=int, default=1000)
    build.add_argument("--files", type=int, default=5, help="files per toolkit")
    build.add_argument("--awareness", type=int, default=200, help="articles, in 3 languages")
    build.add_argument("--documents", type=int, default=10_000, help="generated search docs")
    build.add_argument("--weeks", type=int, default=520, help="weeks of indicator data")
    build.add_argument("--seed", type=int, default=SEED)
    collect = commands.add_parser("collectstatic", help="collectstatic, supplying missing files")
    collect.add_argument("--supplement", required=True, help="a directory for missing files")
    prepare = commands.add_parser("prepare", help="write the URLs and a member's session")
    prepare.add_argument("--out", required=True, help="the JSON file to write")
    return parser.parse_args(argv)


def step(figures, name, began):
    figures[name] = round(time.perf_counter() - began, 2)
    print(f"bench_data: {name} {figures[name]:.1f} s", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Building


def build(args):
    from django.db import connection, transaction

    figures = {}
    began = time.perf_counter()
    with transaction.atomic():
        built = build_toolkits(args)
    figures["toolkits"] = len(built.page_ids)
    step(figures, "toolkits_s", began)

    began = time.perf_counter()
    with transaction.atomic():
        figures["awareness_pages"] = build_awareness(args.awareness, args.seed)
    step(figures, "awareness_s", began)

    began = time.perf_counter()
    with transaction.atomic():
        figures["trend_points"] = chart_weekly_indicator(args.weeks, args.seed)
    step(figures, "trends_s", began)

    began = time.perf_counter()
    counts = index_search(args.documents, args.seed)
    figures["search_documents"] = sum(v for k, v in counts.items() if k != "removed")
    step(figures, "search_index_s", began)

    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum soon would after such a load
    step(figures, "analyze_s", began)
    print(json.dumps(figures))


def build_toolkits(args):
    from scripts.catalog_scale import build_catalog
    from toolkits.models import ToolkitIndexPage

    catalog = ToolkitIndexPage.objects.filter(locale__language_code="en-us").first()
    if catalog is None:
        sys.exit("bench_data: no toolkit catalog: run manage.py load_demo_content first")
    return build_catalog(catalog, args.toolkits, args.files, seed=args.seed)


def build_awareness(count, seed):
    """``count`` articles under the English awareness index and as many translations under
    each translated index; returns the number of pages made. Pages are made with add_child
    and no revision (as a fixture would load them) so that 600 pages take seconds."""
    from bench_search import Writer
    from django.utils import timezone
    from wagtail.models import Locale

    from public_awareness.demo import content_en, content_es, content_pt
    from public_awareness.models import AwarenessArticlePage, AwarenessIndexPage

    english = AwarenessIndexPage.objects.filter(locale__language_code="en-us").first()
    if english is None:
        sys.exit("bench_data: no awareness index: run manage.py load_demo_content first")
    indexes = {"en-us": english}
    for code in ("es", "pt"):
        indexes[code] = english.get_translation(Locale.objects.get(language_code=code)).specific
    # The demo's prevention article is the one written in all three languages.
    articles = {"en-us": content_en.PREVENTION, "es": content_es.PREVENTION}
    articles["pt"] = content_pt.PREVENTION
    writer = Writer(random.Random(seed))  # noqa: S311 - test data, not secrets
    now = timezone.now()
    made = 0
    for n in range(1, count + 1):
        translation_key = uuid.uuid4()
        for code, index in indexes.items():
            article = articles[code]
            page = AwarenessArticlePage(
                title=f"{article['title']} ({n})",
                slug=f"{article['slug']}-{n}",
                introduction=writer.text(code, 40)[:390],
                body=[*article["body"], ("paragraph", f"<p>{writer.text(code, 150)}</p>")],
                content_owner=english.content_owner,
                last_reviewed=english.last_reviewed,
                locale=index.locale,
                translation_key=translation_key,
                first_published_at=now,
                last_published_at=now,
            )
            index.add_child(instance=page)
            made += 1
    return made


def chart_weekly_indicator(weeks, seed):
    """The weekly indicator of scripts/bench_trends.py, charted for its state on the demo's
    trend page (beside the demo's own charts); returns the number of weeks."""
    from bench_trends import PAGE_STATE, add_weekly_indicator

    from public_awareness.trends.models import TrendPage

    page = TrendPage.objects.filter(locale__language_code="en-us").first()
    if page is None:
        sys.exit("bench_data: no trend page: run manage.py load_demo_content first")
    with tempfile.TemporaryDirectory(prefix="bench-data-") as directory:
        created = {"releases": [], "footnotes": []}
        indicator = add_weekly_indicator(directory, weeks, seed, created)
    chart = {"indicator": indicator, "geography": PAGE_STATE, "compare": True}
    page.body = [
        *((block.block_type, block.value) for block in page.body),
        ("indicator_chart", chart),
    ]
    page.save_revision().publish()
    return weeks


def index_search(documents, seed):
    from bench_search import make_documents, quarterly_progress, rebuild_with

    docs = make_documents(documents, seed)
    return rebuild_with(docs, progress=quarterly_progress(len(docs)))


# ---------------------------------------------------------------------------------------------
# Static files

USWDS_DIST = ROOT / "node_modules" / "@uswds" / "uswds" / "dist"


# What WhiteNoise's manifest storage follows: url() in stylesheets, source maps in scripts.
REFERENCES = {
    ".css": re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)"),
    ".js": re.compile(r"sourceMappingURL=(\S+)"),
}


def missing_references(built):
    """Files under ``built`` that its stylesheets and scripts name but that are not there,
    as paths relative to ``built``."""
    missing = set()
    for path in built.rglob("*"):
        pattern = REFERENCES.get(path.suffix)
        if pattern is None:
            continue
        for ref in set(pattern.findall(path.read_text(errors="replace"))):
            if ref.startswith(("data:", "http:", "https:", "/", "#")):
                continue
            target = (path.parent / ref.split("?")[0].split("#")[0]).resolve()
            if not target.exists() and target.is_relative_to(built):
                missing.add(target.relative_to(built))
    return sorted(missing)


def collect_static(args):
    import shutil

    from django.conf import settings
    from django.core.management import call_command

    built = Path(settings.STATICFILES_DIRS[0]).resolve()
    missing = missing_references(built)
    if missing:
        supplement = Path(args.supplement)
        for name in missing:
            source = USWDS_DIST / name.relative_to("portal")
            if source.exists():
                (supplement / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, supplement / name)
        # The finders read this when first used, which is below.
        settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(supplement)]
        print(
            f"bench_data: WARNING: the built assets name files that static_build/ lacks "
            f"({', '.join(map(str, missing))}), so production's collectstatic fails. The "
            f"benchmark supplies them from {USWDS_DIST}; assets/copy-assets.mjs should copy them.",
            file=sys.stderr,
            flush=True,
        )
    call_command("collectstatic", interactive=False, verbosity=0)


# ---------------------------------------------------------------------------------------------
# Targets


def prepare(args):
    from bench_common import database_label
    from django.contrib.staticfiles.storage import staticfiles_storage
    from wagtail.models import Site

    from public_awareness.models import SymptomGuidePage
    from public_awareness.trends.models import TrendPage
    from toolkits.models import ToolkitIndexPage, ToolkitPage

    def english(model):
        page = model.objects.live().filter(locale__language_code="en-us").order_by("path").first()
        if page is None:
            sys.exit(f"bench_data: no live {model.__name__} in English")
        return page

    site = Site.objects.get(is_default_site=True)
    catalog = english(ToolkitIndexPage)
    toolkits = ToolkitPage.objects.live().child_of(catalog).order_by("path")
    step_ = max(1, toolkits.count() // TOOLKIT_SAMPLE)
    user, session = member_session()
    targets = {
        "symptom": english(SymptomGuidePage).url,
        "home": site.root_page.url,
        "catalog": f"{catalog.url}?{two_facets()}",
        "toolkits": [page.url for page in toolkits[::step_][:TOOLKIT_SAMPLE]],
        "search": f"/search/?q={SEARCH_QUERY.replace(' ', '+')}",
        "trend": english(TrendPage).url,
        "member_document": members_document().url,
        "work_group": user.work_group_memberships.select_related("work_group__space")
        .first()
        .work_group.space.url,
        "static": staticfiles_storage.url("portal/css/portal.css"),
        "member": user.email,
        "database": database_label(),
        "cookie": f"{session[0]}={session[1]}",
    }
    with open(args.out, "w") as out:
        json.dump(targets, out, indent=2)


def two_facets():
    """One care setting and one audience that together list toolkits."""
    from urllib.parse import urlencode

    from toolkits.models import Audience, CareSetting

    care = CareSetting.objects.order_by("sort_order", "name").values_list("slug", flat=True)
    audience = Audience.objects.order_by("sort_order", "name").values_list("slug", flat=True)
    return urlencode([("care_setting", care[0]), ("audience", audience[0])])


def member_session():
    """The demo member and a logged-in session for them: (user, (cookie name, key))."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )

    user = get_user_model().objects.get(email=MEMBER)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return user, (settings.SESSION_COOKIE_NAME, store.session_key)


def members_document():
    """A demo document (one with a file) in a collection restricted to groups."""
    from django.core.files.storage import default_storage
    from wagtail.documents import get_document_model
    from wagtail.models import CollectionViewRestriction

    restricted = CollectionViewRestriction.objects.filter(restriction_type="groups")
    docs = (
        get_document_model()
        .objects.filter(collection__in=restricted.values("collection"))
        .order_by("pk")
    )
    for doc in docs:
        if doc.file and default_storage.exists(doc.file.name):
            return doc
    sys.exit("bench_data: no members-only document with a file (is MEDIA_ROOT the demo's?)")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)

    import django

    django.setup()  # settings, database and media as bench_server.py's environment says
    for name in ("wagtail", "toolkits"):  # "Page created", "Published", ...
        logging.getLogger(name).setLevel(logging.WARNING)
    {"build": build, "collectstatic": collect_static, "prepare": prepare}[args.command](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
