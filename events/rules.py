"""A series' rule for its sessions' dates ("the second Tuesday of every month"), through
python-dateutil's rrule. Pure: no models (the page model validates with it)."""

import datetime

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from django.utils.translation import gettext as _

# Sessions are made this far ahead of today, so a series without an end stays short.
HORIZON = datetime.timedelta(days=366)


def validate_rule(page):
    """{field: message} of what keeps the page's rule from giving dates."""
    errors = {}
    given = [page.start_time, page.end_time, page.first_date]
    if not any(given):
        return errors  # no rule: staff add the sessions themselves
    if page.first_date is None:
        errors["first_date"] = _("Say when the series starts.")
    if page.start_time is None:
        errors["start_time"] = _("Say when the sessions start.")
    if page.end_time is None:
        errors["end_time"] = _("Say when the sessions end.")
    elif page.start_time and page.end_time <= page.start_time:
        errors["end_time"] = _("A session ends after it starts.")
    if page.first_date and page.until_date and page.until_date < page.first_date:
        errors["until_date"] = _("The last date comes after the first.")
    return errors


def has_rule(page):
    return bool(page.first_date and page.start_time and page.end_time)


def rule_dates(page, today):
    """The dates the rule gives, from its first date to its last (or a year from today)."""
    if not has_rule(page):
        return []
    horizon = today + HORIZON
    until = min(page.until_date, horizon) if page.until_date else horizon
    day = weekday(page.weekday)
    if page.frequency == "weekly":
        rule = rrule(WEEKLY, byweekday=day, dtstart=page.first_date, until=until)
    else:
        rule = rrule(
            MONTHLY, byweekday=day(page.week_of_month), dtstart=page.first_date, until=until
        )
    return [moment.date() for moment in rule]
