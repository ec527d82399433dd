"""Demonstration events: the listing, the monthly learning session (a series for member
organizations, with past sessions and their slides, recording and toolkits, and upcoming ones)
and a public "working together" day with its Spanish translation.

Dates are set around the day the demo is loaded, so there are always past and upcoming
sessions. Everything is created only when missing (pages by slug, collections by name, files
by title), so a second run creates nothing and never overwrites an editor's change.
"""

import datetime
import hashlib
from functools import cache

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Locale

from documents.demo_files import render_pdf
from documents.models import PortalDocument
from portal.access import members_group
from portal.demo.loader import ensure_child, ensure_demo_user, ensure_translation
from portal.models import MemberOrganization
from portal.staff_permissions import open_collection_to_staff

from ..models import Audience, EventIndexPage, EventPage, EventSeriesPage, Format, Session
from . import content

STAFF_GROUPS = ("Editors", "Moderators")
PUBLIC_COLLECTION = "Event materials"
MEMBERS_COLLECTION = "Members-only event materials"


def load(site, log=print):
    with transaction.atomic():
        home = site.root_page.specific
        index = ensure_index(home)
        collections = ensure_collections()
        owner = ensure_demo_user("events-lead@example.org", "Rosa", "Delgado")
        series = ensure_series(index)
        add_materials(series, collections, owner)
        event = ensure_working_together(index)
        spanish = translate_working_together(event)
    log(
        f"Events ready: {EventPage.objects.child_of(index).count()} events in {index.url_path}, "
        f"{Session.objects.filter(event__in=[series, event]).count()} sessions"
        + (" (with a Spanish translation)." if spanish else ".")
    )
    return index


def ensure_index(home):
    def fields():
        return {"title": content.INDEX["title"], "introduction": content.INDEX["introduction"]}

    existing = EventIndexPage.objects.child_of(home).first()
    return existing or ensure_child(home, EventIndexPage, content.INDEX["slug"], fields)


def ensure_collections():
    """{False: public collection, True: members-only collection}, as toolkits' files are:
    the members-only one restricted to member organizations' staff and the consortium's
    editors and moderators when it is created."""
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
        restriction.groups.set([members_group(), *Group.objects.filter(name__in=STAFF_GROUPS)])
    for collection in (public, members):
        open_collection_to_staff(collection)
    return {False: public, True: members}


def topics(slugs):
    model = EventPage._meta.get_field("topics").related_model
    return list(model.objects.filter(slug__in=slugs))


def speakers(people):
    organizations = {o.slug: o for o in MemberOrganization.objects.all()}
    return [
        (
            "speaker",
            {
                "name": name,
                "role": role,
                "organization": organizations.get(slug),
                "other_organization": "",
            },
        )
        for name, role, slug in people
    ]


def agenda(items):
    return [("item", {"time": time, "item": item, "note": note}) for time, item, note in items]


def first_of_month(months):
    """The first day of the month this many months before this one (negative: after)."""
    today = timezone.localdate()
    year, index = divmod(today.year * 12 + today.month - 1 - months, 12)
    return datetime.date(year, index + 1, 1)


def ensure_series(index):
    spec = content.SERIES

    def fields():
        return {
            "title": spec["title"],
            "summary": spec["summary"],
            "description": spec["description"],
            "agenda": agenda(spec["agenda"]),
            "speakers": [],
            "audience": Audience.MEMBERS,
            "frequency": EventSeriesPage.Frequency.MONTHLY,
            "week_of_month": 2,
            "weekday": 1,  # Tuesday
            "start_time": datetime.time(12, 0),
            "end_time": datetime.time(13, 0),
            "first_date": first_of_month(len(content.PAST_SESSIONS)),
            "until_date": first_of_month(-6),
            "time_zone": "America/New_York",
            "default_format": Format.ONLINE,
            "default_capacity": spec["capacity"],
        }

    existing = EventSeriesPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    series = ensure_child(index, EventSeriesPage, spec["slug"], fields)  # publishing adds sessions
    series.topics.set(topics(spec["topics"]))
    series.save_revision().publish()
    upcoming = series.upcoming_sessions().first()
    if upcoming is not None:
        upcoming.title = content.NEXT_SESSION_TITLE
        upcoming.joining_link = "https://meet.example.org/consortium-learning-session"
        upcoming.speakers = speakers(content.SPEAKERS)
        upcoming.save()
    for session in series.upcoming_sessions()[1:]:
        session.joining_link = "https://meet.example.org/consortium-learning-session"
        session.save()
    return series


@cache
def slides_pdf(title):
    return render_pdf(
        {**content.SLIDES_TEXT, "title": title}, "1.0", "members", timezone.localdate()
    )


def ensure_slides(title, collection, owner):
    existing = PortalDocument.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    data = slides_pdf(title)
    document = PortalDocument(
        title=title,
        file=ContentFile(data, name="learning-session-slides.pdf"),
        collection=collection,
        language="en-us",
        uploaded_by_user=owner,
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    document.save()
    return document


def add_materials(series, collections, owner):
    """The most recent past sessions get their titles, slides (members only), recording and
    the toolkits they discussed, when they have none yet."""
    toolkit_model = apps.get_model("toolkits", "ToolkitPage")
    past = list(series.past_sessions()[: len(content.PAST_SESSIONS)])
    for session, spec in zip(past, content.PAST_SESSIONS, strict=False):
        if session.materials:
            continue
        slides = ensure_slides(spec["slides"], collections[True], owner)
        session.title = session.title or spec["title"]
        session.materials = [
            ("document", {"title": spec["slides"], "document": slides}),
            ("link", {"title": "Recording", "url": spec["recording"], "kind": "recording"}),
        ]
        pages = toolkit_model.objects.filter(slug__in=spec["toolkits"], locale=Locale.get_default())
        session.toolkits = [("toolkit", page) for page in pages]
        session.speakers = speakers(content.SPEAKERS)
        session.save()


def ensure_working_together(index):
    spec = content.WORKING_TOGETHER

    def fields():
        return {
            "title": spec["title"],
            "summary": spec["summary"],
            "description": spec["description"],
            "agenda": agenda(spec["agenda"]),
            "speakers": speakers(spec["speakers"]),
            "audience": Audience.PUBLIC,
        }

    existing = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    event = ensure_child(index, EventPage, spec["slug"], fields)
    event.topics.set(topics(spec["topics"]))
    event.save_revision().publish()
    day = timezone.localdate() + datetime.timedelta(days=40)
    while day.weekday() != 3:  # a Thursday
        day += datetime.timedelta(days=1)
    Session.objects.create(
        event=event,
        date=day,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(16, 0),
        time_zone="America/New_York",
        format=Format.HYBRID,
        location=spec["location"],
        joining_link="https://meet.example.org/working-together-day",
        capacity=spec["capacity"],
    )
    return event


def translate_working_together(event):
    spanish = Locale.objects.filter(language_code="es").first()
    index = event.get_parent()
    if spanish is None or index.get_translation_or_none(spanish) is None:
        # The listing must be translated first (its parent, the home page, is by the portal).
        home = index.get_parent()
        if spanish is None or home.get_translation_or_none(spanish) is None:
            return None
        ensure_translation(index, "es", {"title": "Eventos y sesiones de aprendizaje"})
    return ensure_translation(event, "es", content.WORKING_TOGETHER["spanish"])
