"""Months as the collaborative counts them: a period is a calendar month, stored as its first
day; it is due COLLABORATIVE_DUE_DAY days into the next month. Plain functions, no models."""

import datetime


def month_of(day):
    """The period a date falls in."""
    return day.replace(day=1)


def next_month(period):
    return (period + datetime.timedelta(days=32)).replace(day=1)


def previous_month(period):
    return (period - datetime.timedelta(days=1)).replace(day=1)


def months(first, last):
    """Every period from `first` to `last`, both included."""
    period = month_of(first)
    while period <= last:
        yield period
        period = next_month(period)


def due_date(period, due_day):
    """The day a period's data are due: `due_day` days into the following month."""
    return next_month(period) + datetime.timedelta(days=due_day - 1)


def parse_period(text):
    """A period from "2026-03" (or "2026-03-01"), or None."""
    try:
        parts = [int(part) for part in text.strip().split("-")[:2]]
        return datetime.date(parts[0], parts[1], 1)
    except (ValueError, IndexError, AttributeError):
        return None


def reportable(first, last, today):
    """The periods a site reports: from its first month to its last (if it left), never a month
    that has not ended."""
    end = previous_month(month_of(today))
    if last is not None:
        end = min(end, month_of(last))
    return list(months(first, end))
