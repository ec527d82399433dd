"""Demonstration toolkits: taxonomy terms, file collections, the catalog and its toolkits.

Like the rest of the demo, everything is created only when missing (terms by slug, collections
by name, pages by slug, files by title and format), so a second run creates nothing and never
overwrites what an editor has changed. Two toolkits are published as version 1.0 and then
edited to 2.0, so that the catalog shows a version history.
"""

import datetime
import hashlib
import random

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from documents.models import PortalDocument
from portal.access import members_group
from portal.demo.loader import DEMO_REVIEW_DATE, ensure_child, ensure_demo_user
from portal.models import MemberOrganization
from portal.staff_permissions import open_collection_to_staff

from ..models import (
    Audience,
    CareSetting,
    DownloadEvent,
    Population,
    ToolkitIndexPage,
    ToolkitPage,
    ToolkitResource,
    ToolkitVersion,
    Topic,
)
from . import content, files

TERM_MODELS = {
    "care_settings": CareSetting,
    "audiences": Audience,
    "populations": Population,
    "topics": Topic,
}
# Wagtail's own groups of consortium staff, who may open members-only files too.
STAFF_GROUPS = ("Editors", "Moderators")
PUBLIC_COLLECTION = "Toolkit files"
MEMBERS_COLLECTION = "Members-only toolkit files"


def load(site, log=print):
    with transaction.atomic():
        terms = ensure_terms()
        link_care_settings(terms["care_settings"])
        collections = ensure_collections()
        owner = ensure_demo_user("toolkits-lead@example.org", "Dana", "Okafor")
        catalog = ensure_catalog(site.root_page.specific)
        created = ensure_toolkits(catalog, terms, collections, owner)
        recorded = ensure_reach(catalog)
    log(
        f"Toolkits ready: {ToolkitPage.objects.child_of(catalog).live().count()} in "
        f"{catalog.url_path} ({created} new)"
        + (f"; {recorded} demo downloads for the reach reports." if recorded else ".")
    )
    return catalog


def ensure_terms():
    """{facet: {slug: term}} for every demo term: found by slug (or by name, should an editor
    have changed the slug), created when missing."""
    terms = {}
    for facet, values in content.TERMS.items():
        model = TERM_MODELS[facet]
        found = model.objects.filter(
            Q(slug__in=[slug for slug, _name in values]) | Q(name__in=[n for _s, n in values])
        )
        by_slug = {term.slug: term for term in found}
        by_name = {term.name: term for term in found}
        missing = [
            model(slug=slug, name=name, sort_order=order)
            for order, (slug, name) in enumerate(values)
            if slug not in by_slug and name not in by_name
        ]
        by_slug.update({term.slug: term for term in model.objects.bulk_create(missing)})
        terms[facet] = {slug: by_slug.get(slug) or by_name[name] for slug, name in values}
    return terms


def link_care_settings(care_settings):
    """Name the demo organizations working in each care setting, when none are named yet."""
    organizations = {o.slug: o for o in MemberOrganization.objects.all()}
    for slug, setting in care_settings.items():
        if setting.organizations.exists():
            continue
        wanted = content.CARE_SETTING_ORGANIZATIONS.get(slug, [])
        setting.organizations.set([organizations[o] for o in wanted if o in organizations])


def ensure_collections():
    """{False: public collection, True: members-only collection}.

    The members-only collection gets its group restriction when it is created (member
    organizations' staff, and the consortium's editors and moderators, who publish its
    files); an editor who later changes the restriction is left alone. Both are the staff's
    to upload to and manage (portal.staff_permissions).
    """
    root = Collection.get_first_root_node()

    def ensure(name):
        existing = root.get_children().filter(name=name).first()
        if existing is not None:
            return existing, False
        return root.add_child(name=name), True

    public, _created = ensure(PUBLIC_COLLECTION)
    members, created = ensure(MEMBERS_COLLECTION)
    if created:
        restriction = CollectionViewRestriction.objects.create(
            collection=members, restriction_type=CollectionViewRestriction.GROUPS
        )
        staff = Group.objects.filter(name__in=STAFF_GROUPS)
        restriction.groups.set([members_group(), *staff])
    for collection in (public, members):
        open_collection_to_staff(collection)
    return {False: public, True: members}


def ensure_catalog(home):
    existing = ToolkitIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing

    def fields():
        return {"title": content.INDEX["title"], "introduction": content.INDEX["introduction"]}

    return ensure_child(home, ToolkitIndexPage, content.INDEX["slug"], fields)


def ensure_toolkits(catalog, terms, collections, owner):
    """Create the missing toolkits; returns how many were created.

    New pages are first added as bare drafts, so that related toolkits can point at each
    other; then each gets its content and is published, and those with a next version are
    edited and published again. (Filling in the content at publication rather than when the
    page is added spares a round of search and reference indexing of every stream.)
    """
    pages = {page.slug: page for page in ToolkitPage.objects.child_of(catalog).specific()}
    organizations = {o.slug: o for o in MemberOrganization.objects.all()}
    documents_before = set(PortalDocument.objects.values_list("pk", flat=True))
    # Each page is saved three to five times on its way to publication: index its references
    # (to files, organizations, other toolkits) once at the end rather than on every save.
    with disable_reference_index_auto_update():
        new = add_toolkits(catalog, pages, organizations, terms, collections, owner)
    for page in [page for _spec, page in new]:
        ReferenceIndex.create_or_update_for_object(ToolkitPage.objects.get(pk=page.pk))
    for document in PortalDocument.objects.exclude(pk__in=documents_before):
        ReferenceIndex.create_or_update_for_object(document)
    return len(new)


def add_toolkits(catalog, pages, organizations, terms, collections, owner):
    new = []
    for spec in content.TOOLKITS:
        if spec["slug"] in pages:
            continue
        page = ToolkitPage(
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            recommendation=spec["recommendation"],
            rationale=spec["rationale"],
            version=spec["version"],
            release_date=spec["release_date"],
            license=spec["license"],
            last_reviewed=DEMO_REVIEW_DATE,
            content_owner=owner,
            live=False,
        )
        catalog.add_child(instance=page)
        pages[spec["slug"]] = page
        new.append((spec, page))

    context = {
        "terms": terms,
        "collections": collections,
        "owner": owner,
        "organizations": organizations,
    }
    for spec, page in new:
        first = {"change_log": content.FIRST_RELEASE, **spec, "versioned": "next_version" in spec}
        fill(page, first, **context)
        page.related_toolkits = [pages[slug] for slug in spec["related"] if slug in pages]
        page.save_revision().publish()
        if "next_version" in spec:
            # A fresh copy: publishing worked on its own copy of the page.
            page = ToolkitPage.objects.get(pk=page.pk)
            fill(page, {**spec, **spec["next_version"], "versioned": True}, **context)
            page.save_revision().publish()
    return new


def fill(page, spec, *, terms, collections, owner, organizations):
    """Set the page's content, terms and files from a toolkit's (or its next version's) spec."""
    for field in ("summary", "recommendation", "rationale", "version", "release_date"):
        setattr(page, field, spec[field])
    page.change_log = spec["change_log"]
    page.body = stream(spec["body"], organizations)
    page.evidence = [("citation", citation(key)) for key in spec["evidence"]]
    set_terms(page, spec, terms)
    page.resources = resources(spec["files"], spec, collections, owner)


def set_terms(page, spec, terms):
    for facet in TERM_MODELS:
        setattr(page, facet, [terms[facet][slug] for slug in spec[facet]])


def stream(blocks, organizations):
    """Body blocks with implementation examples' organization slugs resolved; an example whose
    organization is no longer in the directory is left out."""
    resolved = []
    for block_type, value in blocks:
        if block_type == "implementation_example":
            organization = organizations.get(value["organization"])
            if organization is None:
                continue
            value = {**value, "organization": organization}
        resolved.append((block_type, value))
    return resolved


def citation(key):
    return {"url": "", **content.CITATIONS[key]}


def resources(file_specs, spec, collections, owner):
    return [
        ToolkitResource(
            document=ensure_document(item, spec, collections, owner),
            description=item["description"],
            sort_order=order,
        )
        for order, item in enumerate(file_specs)
    ]


def ensure_document(item, spec, collections, owner):
    """The generated file as a document, found by its title and format or created.

    Files of a toolkit that has several versions carry the version in their title, so that
    the version history tells them apart.
    """
    text = content.DOCUMENTS[item["document"]]
    title = text["title"]
    if spec.get("versioned"):
        title = f"{title} (version {spec['version']})"
    extension = f".{item['format']}"
    existing = PortalDocument.objects.filter(title=title, file__endswith=extension).first()
    if existing is not None:
        return existing
    data = files.render(
        item["document"], item["format"], spec["version"], spec["license"], spec["release_date"]
    )
    document = PortalDocument(
        title=title,
        file=ContentFile(data, name=item["filename"]),
        collection=collections[item["members"]],
        language=text["language"],
        uploaded_by_user=owner,
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    document.save()
    return document


# Reach: the reports' permission for staff, and downloads to report on


REPORT_PERMISSION = "view_downloadevent"
REACH_MONTHS = 6
REACH_SEED = 2026


def ensure_reach(catalog):
    """On the first load only (no download recorded yet): let the demo's staff groups open
    the reach reports, and record a few months of downloads by member organizations. Once
    anything is recorded, nothing is added or granted again, so a permission staff took away
    stays away. Returns how many downloads were recorded."""
    if DownloadEvent.objects.exists():
        return 0
    permission = Permission.objects.get(
        content_type__app_label="toolkits", codename=REPORT_PERMISSION
    )
    for group in Group.objects.filter(name__in=STAFF_GROUPS):
        group.permissions.add(permission)
    return record_demo_downloads(catalog)


def record_demo_downloads(catalog, today=None):
    """Downloads by organizations in each toolkit's care settings over the last six months
    (some organizations never download a toolkit meant for them, as the report should show),
    and a few by anonymous visitors. Made with the download model like real ones: the file,
    toolkit and version, the organization; no user, address or visitor hash."""
    rng = random.Random(REACH_SEED)  # noqa: S311  (the same demo every time, not a secret)
    now = timezone.now() if today is None else today
    events = []
    toolkits = (
        ToolkitPage.objects.child_of(catalog)
        .live()
        .prefetch_related("care_settings__organizations")
        .order_by("pk")
    )
    for toolkit in toolkits:
        versions = list(
            ToolkitVersion.objects.filter(page=toolkit)
            .prefetch_related("documents")
            .order_by("published_at")
        )
        if not versions:
            continue
        organizations = sorted(
            {o for s in toolkit.care_settings.all() for o in s.organizations.all()},
            key=lambda o: o.pk,
        )
        downloaders = [(o, rng.randint(1, 4)) for o in organizations if rng.random() < 0.7]
        downloaders.append((None, rng.randint(2, 6)))  # anonymous visitors: public files only
        for organization, count in downloaders:
            for _n in range(count):
                days_ago = rng.randint(0, REACH_MONTHS * 30 - 1)
                # An earlier version's files before the current version came out.
                version = versions[0] if days_ago > 75 else versions[-1]
                documents = [
                    d
                    for d in version.documents.all()
                    if organization is not None or not d.collection.get_view_restrictions()
                ]
                if not documents:
                    continue
                document = rng.choice(documents)
                events.append(
                    (
                        DownloadEvent(
                            document=document,
                            document_title=document.title[:255],
                            toolkit=toolkit,
                            version=version.version,
                            organization=organization,
                            via=rng.choice(list(DownloadEvent.Via)),
                        ),
                        now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 23)),
                    )
                )
    created = DownloadEvent.objects.bulk_create([event for event, _when in events])
    # downloaded_at is set to "now" on creation; the demo's history is then dated.
    for event, (_event, when) in zip(created, events, strict=True):
        event.downloaded_at = when
    DownloadEvent.objects.bulk_update(created, ["downloaded_at"], batch_size=500)
    return len(created)
