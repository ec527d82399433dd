"""The events listing: upcoming or past sessions of the events the reader may see, narrowed
by audience and topic through a plain GET form, paginated."""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .models import Audience, EventPage, Session

PER_PAGE = 10


def listing_context(index, request):
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    audience = request.GET.get("audience", "")
    audience = audience if audience in Audience.values else ""
    topic = request.GET.get("topic", "")

    events = access.visible_events(
        request.user, EventPage.objects.live().child_of(index).filter(locale=index.locale)
    )
    if audience:
        events = events.filter(audience=audience)
    if topic:
        events = events.filter(topics__slug=topic)
    now = timezone.now()
    # Sessions belong to the default language's page: match the events by translation key.
    sessions = Session.objects.filter(
        event__translation_key__in=events.values("translation_key")
    ).select_related("event")
    if when == "past":
        sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    else:
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "pk")
    pages = {page.translation_key: page for page in events.specific()}
    page_number = request.GET.get("page")
    paginator = Paginator(sessions, PER_PAGE)
    results = paginator.get_page(page_number)
    rows = [
        {"session": session, "event": pages.get(session.event.translation_key)}
        for session in results
    ]
    query = request.GET.copy()
    query.pop("page", None)
    # The toolkits' topic terms, named by the relation's label (no import of toolkits).
    topic_model = EventPage._meta.get_field("topics").related_model
    topics = topic_model.objects.filter(events__in=events).distinct().order_by("name")
    return {
        "when": when,
        "rows": [row for row in rows if row["event"] is not None],
        "results": results,
        "audience": audience,
        "audience_choices": Audience.choices,
        "topic": topic,
        "topics": topics,
        "query_without_page": query.urlencode(),
        "filters_chosen": bool(audience or topic),
        "when_choices": [("upcoming", _("Upcoming")), ("past", _("Past sessions"))],
    }
