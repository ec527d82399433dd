"""Making a series' sessions from its rule (events.rules): the missing dates only, so
running it again adds nothing, and a session staff moved, cancelled or filled is left alone."""

from django.db import transaction
from django.utils import timezone

from .models import Session
from .rules import has_rule, rule_dates


@transaction.atomic
def add_missing_sessions(series):
    """Add the sessions the rule gives that the series does not have; returns how many."""
    if not has_rule(series):
        return 0
    source = series.source_page
    known = set(Session.objects.filter(event=source).values_list("date", flat=True))
    today = timezone.localdate()
    new = [
        Session(
            event=source,
            date=day,
            start_time=series.start_time,
            end_time=series.end_time,
            time_zone=series.time_zone,
            format=series.default_format,
            capacity=series.default_capacity,
        )
        for day in rule_dates(series, today)
        if day not in known
    ]
    for session in new:
        session.save()  # save() makes the aware start and end
    return len(new)
