"""The checks every figure passes, however it arrives (typed into the month's form or uploaded):
plain functions, no database. Errors refuse a figure; a figure far outside the site's own
history is only flagged, for the data manager to confirm.

Kinds of measure and what each figure holds:
- ratio: a numerator and a denominator, whole numbers, numerator ≤ denominator;
- count: a whole number;
- categorical: a whole number for a category the measure lists;
- text: free text.
"""

import statistics
from dataclasses import dataclass

from django.utils.translation import gettext as _

RATIO, COUNT, CATEGORICAL, TEXT = "ratio", "count", "categorical", "text"
# History needed before a figure can be called unusual, and how far out it must be.
UNUSUAL_MIN_HISTORY = 6
UNUSUAL_MIN_DISTANCE = 0.25  # for proportions: never closer than 25 points to the median
UNUSUAL_SPREADS = 4  # robust spreads (scaled median absolute deviations) from the median


@dataclass(frozen=True)
class Problem:
    """An error in one field of a figure ("numerator", "denominator", "count", "category",
    "text" or "period")."""

    field: str
    message: str


def whole_number(text):
    """(int or None, error message or ""): a non-negative whole number, or empty."""
    if text is None:
        return None, ""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        cleaned = str(text).strip().replace(",", "")
        if cleaned == "":
            return None, ""
        if not cleaned.lstrip("-").isdigit():
            return None, _("Enter a whole number, such as 12.")
        value = int(cleaned)
    if value < 0:
        return None, _("Enter a number of zero or more.")
    return value, ""


def check_figure(
    kind, *, numerator=None, denominator=None, count=None, category="", categories=(), text=""
):
    """The problems of one figure of a measure of this kind (already whole numbers or None)."""
    problems = []
    if kind == RATIO:
        if (numerator is None) != (denominator is None):
            missing = "denominator" if denominator is None else "numerator"
            problems.append(Problem(missing, _("Give both the numerator and the denominator.")))
        elif numerator is not None and numerator > denominator:
            problems.append(
                Problem(
                    "numerator",
                    _(
                        "The numerator (%(numerator)s) is more than the denominator "
                        "(%(denominator)s)."
                    )
                    % {"numerator": numerator, "denominator": denominator},
                )
            )
    elif kind == CATEGORICAL and category and category not in categories:
        problems.append(
            Problem(
                "category",
                _("“%(category)s” is not a category of this measure; use one of: %(choices)s.")
                % {"category": category, "choices": ", ".join(categories)},
            )
        )
    return problems


def check_period(period, today):
    """A month that has not ended cannot be reported."""
    if period > today.replace(day=1) or period == today.replace(day=1):
        return [Problem("period", _("This month has not ended yet: it cannot be reported."))]
    return []


def proportion(numerator, denominator):
    return None if not denominator else numerator / denominator


def is_unusual(value, history, *, is_proportion):
    """Whether a value is far outside the site's own history (earlier values of the same
    measure): more than UNUSUAL_SPREADS robust spreads from their median, and (for
    proportions) at least UNUSUAL_MIN_DISTANCE away. Too little history: never unusual."""
    history = [h for h in history if h is not None]
    if value is None or len(history) < UNUSUAL_MIN_HISTORY:
        return False
    median = statistics.median(history)
    spread = 1.4826 * statistics.median(abs(h - median) for h in history)
    distance = abs(value - median)
    if is_proportion:
        return distance >= UNUSUAL_MIN_DISTANCE and distance > UNUSUAL_SPREADS * spread
    # Counts: a spread of zero (a run of equal counts) still allows one either way.
    return distance > max(UNUSUAL_SPREADS * spread, 1) and distance > 0.5 * max(median, 1)
