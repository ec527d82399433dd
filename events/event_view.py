"""What an event page shows a reader: its sessions, each with the reader's registration, the
places left, the joining link (only to a registered person, only when it opens) and, after
it, the materials (members-only files marked as such) and the toolkits discussed."""

from django.contrib.auth.views import redirect_to_login

from search.contract import MEMBERS
from search.pages import collection_access_map

from . import access
from .models import Registration


def _materials(session, access_map):
    items = []
    for block in session.materials:
        if block.block_type == "document":
            document = block.value["document"]
            if document is None:
                continue
            token = access_map.get(document.collection_id)
            items.append(
                {
                    "title": block.value["title"],
                    "url": document.url,
                    "kind": "file",
                    "extension": document.file_extension,
                    # Not known to be open to members (a work group's files): left out.
                    "members_only": token == MEMBERS,
                    "hidden": token is None,
                }
            )
        else:
            items.append(
                {
                    "title": block.value["title"],
                    "url": block.value["url"],
                    "kind": block.value["kind"],
                }
            )
    return [item for item in items if not item.get("hidden")]


def _toolkits(session):
    pages = [block.value for block in session.toolkits if block.value is not None]
    return [page.specific for page in pages if page.live]


def session_rows(page, request, sessions):
    user = request.user
    mine = {}
    if user.is_authenticated:
        mine = {
            r.session_id: r
            for r in Registration.objects.filter(user=user, session__in=[s.pk for s in sessions])
        }
    access_map = collection_access_map() if any(s.materials for s in sessions) else {}
    rows = []
    for session in sessions:
        registration = mine.get(session.pk)
        active = registration if registration is not None and registration.is_active else None
        confirmed = session.confirmed_count() if session.capacity is not None else None
        rows.append(
            {
                "session": session,
                "registration": active,
                "places_left": None if confirmed is None else max(session.capacity - confirmed, 0),
                "join_url": session.joining_link if access.may_join(user, session) else "",
                "join_opens_at": access.join_opens_at(session),
                "materials": _materials(session, access_map),
                "toolkits": _toolkits(session),
                "speakers": session.speakers,
            }
        )
    return rows


def event_context(page, request):
    upcoming = list(page.upcoming_sessions())
    past = list(page.past_sessions())
    context = {
        "upcoming": session_rows(page, request, upcoming),
        "past": session_rows(page, request, past),
        "work_group": access.work_group_of(page),
    }
    if not request.user.is_authenticated:
        context["login_url"] = redirect_to_login(page.url).url
    return context
