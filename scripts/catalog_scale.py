"""A catalog of a thousand toolkits, made in seconds, for scale tests and the benchmarks (not
app code: nothing the portal serves imports it).

    from scripts.catalog_scale import build_catalog
    built = build_catalog(catalog, toolkits=1000, files_per_toolkit=5, seed=1)

Each toolkit is a live, public ToolkitPage under ``catalog`` with care settings, audiences,
populations and topics, ``files_per_toolkit`` resource files in English, Spanish or Portuguese
(about one in ten in the members-only collection, when there is one), and the version record
that publishing would have kept. The same seed builds the same catalog.

Rows are written in bulk rather than through ``add_child`` and ``publish`` (some seconds
instead of minutes):

- the pages' ``wagtailcore_page`` rows with bulk_create, with the paths, depth, URL paths and
  locale that treebeard and Wagtail would give them, and the catalog's ``numchild``
  raised to match;
- their ``ToolkitPage`` rows saved the way ``loaddata`` saves a fixture of an inherited model
  (``save_base(raw=True)``: that table only, with no signal receiver doing work);
- terms, documents, resources, versions and the many-to-many rows with bulk_create.

So no revision is written (the pages are live with no revision, as after a fixture), no search
or reference index entry is made (run ``update_index`` to search them) and no text extraction
is queued. Documents have no file in storage: each has a realistic name, extension, size and
hashes, which is all that the catalog and the toolkit page read. Downloading one is a 404.
"""

import datetime
import hashlib
import random
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils.text import slugify
from wagtail.models import Collection, CollectionViewRestriction, Page

from documents.models import PortalDocument
from toolkits.models import (
    Audience,
    CareSetting,
    Population,
    ToolkitPage,
    ToolkitResource,
    ToolkitVersion,
    Topic,
)

# The vocabulary made when a taxonomy is missing a term: found by slug or name, so that the
# demo's own terms (the same words) are used rather than duplicated. Every term of a taxonomy,
# these or an editor's, may be given to a toolkit.
VOCABULARY = {
    CareSetting: [
        ("emergency-department", "Emergency departments"),
        ("inpatient-ward", "Inpatient wards"),
        ("icu", "Intensive care units"),
        ("pediatrics", "Pediatric care"),
        ("long-term-care", "Long-term care"),
        ("home-health", "Home health"),
        ("ems", "Emergency medical services (EMS)"),
        ("primary-urgent-care", "Primary and urgent care"),
    ],
    Audience: [
        ("nurses", "Nursing staff"),
        ("physicians", "Physicians and advanced practice providers"),
        ("pharmacists", "Pharmacists"),
        ("quality-safety-leads", "Quality and safety leads"),
        ("executives", "Executives and board members"),
        ("patients-families", "Patients and families"),
    ],
    Population: [
        ("adult", "Adults"),
        ("pediatric", "Children (pediatric)"),
        ("neonatal", "Newborns (neonatal)"),
    ],
    Topic: [
        ("recognition-screening", "Recognition and screening"),
        ("treatment-bundles", "Treatment and bundles"),
        ("antimicrobial-stewardship", "Antimicrobial stewardship"),
        ("transitions-of-care", "Transitions of care"),
        ("survivorship", "Survivorship"),
        ("education", "Education"),
        ("data-measurement", "Data and measurement"),
    ],
}
# (facet field on ToolkitPage, term model, fewest and most terms a toolkit gets)
FACETS = [
    ("care_settings", CareSetting, 1, 3),
    ("audiences", Audience, 1, 3),
    ("populations", Population, 1, 2),
    ("topics", Topic, 1, 2),
]
TOOL_KINDS = [
    "Screening protocol",
    "Pocket card",
    "Order set",
    "Huddle guide",
    "Audit tool",
    "Education module",
    "Family handout",
    "Transfer checklist",
    "Debrief template",
    "Dashboard guide",
    "Escalation pathway",
    "Discharge checklist",
]
# What a toolkit's files are: (name in the file name, extension, typical size in bytes,
# typical pages or None). The first is every toolkit's main PDF.
FILE_KINDS = [
    ("protocol", "pdf", 420_000, 8),
    ("poster", "pdf", 1_800_000, 1),
    ("checklist", "docx", 65_000, None),
    ("slides", "pptx", 3_200_000, 24),
    ("audit-tool", "xlsx", 48_000, None),
    ("pocket-card", "pdf", 240_000, 2),
    ("data-dictionary", "csv", 12_000, None),
    ("handout", "pdf", 310_000, 4),
    ("workflow", "png", 520_000, None),
]
# Which languages a toolkit's files come in, and how often.
LANGUAGE_SETS = [
    (("en-us",), 0.62),
    (("en-us", "es"), 0.25),
    (("en-us", "es", "pt"), 0.08),
    (("es",), 0.03),
    (("pt",), 0.02),
]
VERSIONS = ["1.0", "1.0", "1.0", "1.1", "1.2", "2.0", "2.0", "2.1", "3.0"]
LICENSES = ["cc-by-4.0", "cc-by-4.0", "cc-by-4.0", "cc-by-nc-4.0", "cc-by-nc-sa-4.0", "members"]
FIRST_RELEASE, LAST_RELEASE = datetime.date(2016, 1, 4), datetime.date(2025, 12, 15)
MEMBERS_SHARE = 0.1
BATCH_SIZE = 500


@dataclass
class BuiltCatalog:
    """What build_catalog made: page ids in tree order, and how long it took."""

    page_ids: list[int] = field(default_factory=list)
    documents: int = 0
    resources: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def build_catalog(catalog, toolkits=1000, files_per_toolkit=5, seed=20250101):
    """Add ``toolkits`` live toolkits with ``files_per_toolkit`` files each below ``catalog``
    (a ToolkitIndexPage), in one transaction. Returns a BuiltCatalog."""
    if toolkits < 0 or files_per_toolkit < 0:
        raise ValueError("toolkits and files_per_toolkit cannot be negative")
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    built = BuiltCatalog()
    began = last = time.perf_counter()

    def step(name):
        nonlocal last
        now = time.perf_counter()
        built.steps[name] = now - last
        last = now

    with transaction.atomic():
        terms = {facet: list(ensure_terms(model)) for facet, model, _lo, _hi in FACETS}
        public, members = collections()
        specs = [toolkit_spec(rng, n, terms) for n in range(toolkits)]
        step("plan")
        pages = create_pages(catalog, specs)
        built.page_ids = [page.pk for page in pages]
        step("pages")
        create_terms(pages, specs)
        step("terms")
        documents = create_documents(rng, pages, specs, files_per_toolkit, public, members)
        built.documents = sum(len(files) for files in documents.values())
        step("documents")
        built.resources = create_resources(pages, documents)
        create_versions(pages, specs, documents)
        step("resources and versions")
    built.seconds = time.perf_counter() - began
    return built


def ensure_terms(model):
    """Every term of the taxonomy, after adding the vocabulary's missing ones."""
    values = VOCABULARY[model]
    found = model.objects.filter(
        Q(slug__in=[slug for slug, _name in values]) | Q(name__in=[name for _slug, name in values])
    )
    slugs = {term.slug for term in found}
    names = {term.name for term in found}
    model.objects.bulk_create(
        model(slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(values)
        if slug not in slugs and name not in names
    )
    return model.objects.order_by("sort_order", "name", "pk")


def collections():
    """(public collection, members-only collection or None): the root collection, and the
    first collection with a view restriction if there is one."""
    restricted = (
        CollectionViewRestriction.objects.order_by("pk").select_related("collection").first()
    )
    return Collection.get_first_root_node(), restricted.collection if restricted else None


def toolkit_spec(rng, n, terms):
    chosen = {
        facet: rng.sample(terms[facet], min(len(terms[facet]), rng.randint(lo, hi)))
        for facet, _model, lo, hi in FACETS
    }
    kind = rng.choice(TOOL_KINDS)
    setting = chosen["care_settings"][0] if chosen["care_settings"] else None
    topic = chosen["topics"][0] if chosen["topics"] else None
    title = kind
    if topic:
        title += f": {topic.name.lower()}"
    if setting:
        title += f" in {setting.name.lower()}"
    title = f"{title} ({n + 1:04d})"
    released = FIRST_RELEASE + datetime.timedelta(
        days=rng.randrange((LAST_RELEASE - FIRST_RELEASE).days)
    )
    languages = rng.choices(
        [codes for codes, _w in LANGUAGE_SETS], [weight for _c, weight in LANGUAGE_SETS]
    )[0]
    known = {code for code, _name in settings.LANGUAGES}
    return {
        "title": title,
        "slug": slugify(title)[:200],
        "terms": chosen,
        "released": released,
        "version": rng.choice(VERSIONS),
        "license": rng.choice(LICENSES),
        "languages": [code for code in languages if code in known] or [settings.LANGUAGE_CODE],
        "summary": (
            f"{'An' if kind[0] in 'AEIOU' else 'A'} {kind.lower()} for "
            + ", ".join(a.name.lower() for a in chosen["audiences"])
            + (f" working in {setting.name.lower()}" if setting else "")
            + ". Ready to adapt, with the evidence behind each step."
        ),
    }


def create_pages(catalog, specs):
    """The toolkits' page rows, as the catalog's last children; returns them, saved."""
    # Lock the catalog's row, as treebeard does when it adds a child.
    parent = Page.objects.select_for_update().get(pk=catalog.pk)
    last_child = parent.get_last_child()
    first_step = last_child._get_lastpos_in_path() + 1 if last_child else 1
    depth = parent.depth + 1
    content_type = ContentType.objects.get_for_model(ToolkitPage)
    taken = set(parent.get_children().values_list("slug", flat=True))
    pages = []
    for n, spec in enumerate(specs):
        slug, again = spec["slug"], 1
        while slug in taken:  # a title an editor already used
            again += 1
            slug = f"{spec['slug']}-{again}"
        taken.add(slug)
        spec["slug"] = slug
        published = datetime.datetime.combine(
            spec["released"], datetime.time(14, 0), tzinfo=datetime.UTC
        )
        # Private API: treebeard makes paths only through add_child (one query a page, too slow
        # for ten thousand); its path builder is used instead (tests/portal/test_framework_apis).
        pages.append(
            Page(
                path=Page._get_path(parent.path, depth, first_step + n),
                depth=depth,
                numchild=0,
                translation_key=uuid.uuid4(),
                locale_id=parent.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                title=spec["title"],
                draft_title=spec["title"],
                slug=slug,
                content_type=content_type,
                url_path=f"{parent.url_path}{slug}/",
                seo_title="",
                search_description="",
            )
        )
    Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    catalog.numchild = parent.numchild + len(pages)

    toolkits = []
    for page, spec in zip(pages, specs, strict=True):
        toolkit = ToolkitPage(
            page_ptr=page,
            summary=spec["summary"],
            recommendation=(
                "<p>Use this tool at every shift change, and "
                "<b>act on a positive screen within the hour</b>.</p>"
            ),
            rationale="<p>Earlier recognition and treatment of sepsis saves lives.</p>",
            version=spec["version"],
            release_date=spec["released"],
            change_log="" if spec["version"] == "1.0" else "<p>Updated to current guidance.</p>",
            license=spec["license"],
            last_reviewed=spec["released"],
            next_review_due=spec["released"] + datetime.timedelta(days=365),
        )
        # Only the ToolkitPage table, as loaddata saves a row of an inherited model.
        toolkit.save_base(raw=True, force_insert=True)
        toolkits.append(toolkit)
    return toolkits


def create_terms(pages, specs):
    for facet, _model, _lo, _hi in FACETS:
        through = getattr(ToolkitPage, facet).through
        page_column = "toolkitpage_id"
        term_column = next(
            f.attname
            for f in through._meta.concrete_fields
            if f.is_relation and f.attname != page_column
        )
        through.objects.bulk_create(
            (
                through(**{page_column: page.pk, term_column: term.pk})
                for page, spec in zip(pages, specs, strict=True)
                for term in spec["terms"][facet]
            ),
            batch_size=BATCH_SIZE * 4,
        )


def file_size(rng, typical):
    return max(2_000, int(rng.lognormvariate(0, 0.6) * typical))


def create_documents(rng, pages, specs, files_per_toolkit, public, members):
    """{page id: [documents]} with each toolkit's files; the main PDF first."""
    documents = []
    for page, spec in zip(pages, specs, strict=True):
        kinds = [FILE_KINDS[0], *rng.sample(FILE_KINDS[1:], len(FILE_KINDS) - 1)]
        languages = spec["languages"]
        for n in range(files_per_toolkit):
            name, extension, typical, pages_typical = kinds[n % len(kinds)]
            language = languages[n % len(languages)]
            suffix = "" if language == "en-us" else f"-{language}"
            repeat = f"-{n // len(kinds) + 1}" if n >= len(kinds) else ""
            # Wagtail's file field holds 100 characters, "documents/" included.
            filename = f"{spec['slug'][:48].rstrip('-')}-{name}{repeat}{suffix}.{extension}"
            fingerprint = f"{page.pk}/{filename}/{rng.random()}".encode()
            text_kind = extension in {"pdf", "docx", "pptx", "xlsx", "csv"}
            documents.append(
                PortalDocument(
                    title=f"{spec['title']}: {name.replace('-', ' ')}{repeat}"
                    + (f" ({language})" if suffix else ""),
                    file=f"documents/{filename}",
                    file_size=file_size(rng, typical),
                    file_hash=hashlib.sha1(fingerprint).hexdigest(),  # noqa: S324 - Wagtail's
                    checksum=hashlib.sha256(fingerprint).hexdigest(),
                    collection=members if members and rng.random() < MEMBERS_SHARE else public,
                    language=language,
                    page_count=(
                        max(1, int(rng.lognormvariate(0, 0.4) * pages_typical))
                        if pages_typical
                        else None
                    ),
                    extracted_text=f"{spec['title']}. {spec['summary']}" if text_kind else "",
                    extraction_status=(
                        PortalDocument.Extraction.DONE
                        if text_kind
                        else PortalDocument.Extraction.NOT_APPLICABLE
                    ),
                )
            )
    PortalDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    by_page = {}
    for index, page in enumerate(pages):
        start = index * files_per_toolkit
        by_page[page.pk] = documents[start : start + files_per_toolkit]
    return by_page


def create_resources(pages, documents):
    resources = [
        ToolkitResource(
            page_id=page.pk,
            document_id=document.pk,
            sort_order=order,
            description="Editable source of the tool." if document.is_editable_source else "",
        )
        for page in pages
        for order, document in enumerate(documents[page.pk])
    ]
    ToolkitResource.objects.bulk_create(resources, batch_size=BATCH_SIZE)
    return len(resources)


def create_versions(pages, specs, documents):
    """The version record that publishing keeps (toolkits.publishing.record_version)."""
    versions = ToolkitVersion.objects.bulk_create(
        (
            ToolkitVersion(
                page_id=page.pk,
                version=spec["version"],
                release_date=spec["released"],
                change_log=""
                if spec["version"] == "1.0"
                else "<p>Updated to current guidance.</p>",
            )
            for page, spec in zip(pages, specs, strict=True)
        ),
        batch_size=BATCH_SIZE,
    )
    through = ToolkitVersion.documents.through
    through.objects.bulk_create(
        (
            through(version_id=version.pk, document_id=document.pk)
            for version in versions
            for document in documents[version.page_id]
        ),
        batch_size=BATCH_SIZE * 4,
    )
