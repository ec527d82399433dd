"""What of the collaborative's pooled figures may be shown beyond one site's own people and the
coaches: other sites' people and the public. Pure functions, no database.

A *cell* is one figure of one site for one month (a numerator and a denominator, or a count).
A pool of cells (the collaborative's month, one stratum of it, one category) is shown only when
it is *publishable*:

- at least MIN_SITES sites reported it, so that no one site's figures are the pool;
- no count in it is small (from 1 to the small-cell maximum, 10): for a ratio the numerator, the
  denominator and the difference between them (the patients not counted by the numerator);
- and none is small in what is left when any one site takes away its own figures, since each
  site knows its own.

Strata and categories of a month sum to the month's figure, so hiding one small cell is not
enough: the rest would give it away. `hidden_cells` also hides complementary cells until what
can be worked out from the shown ones (the month less the shown cells) is publishable itself.

`pooled_publishable` gives `publishable`'s answer from what a database can sum up (a `Pooled`:
the pool, how many sites, the largest of each count), so that a site's pages need not read
every other site's figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MIN_SITES = 3


@dataclass(frozen=True, slots=True)
class Cell:
    """A ratio's numerator and denominator, or a count (``denominator`` None)."""

    numerator: int
    denominator: int | None = None

    @property
    def parts(self) -> tuple[int, ...]:
        """Every count this figure tells, the complement of a ratio included."""
        if self.denominator is None:
            return (self.numerator,)
        return (self.numerator, self.denominator, self.denominator - self.numerator)

    @property
    def value(self) -> float | None:
        """A percentage for a ratio (None with no patients), else the count."""
        if self.denominator is None:
            return float(self.numerator)
        return 100.0 * self.numerator / self.denominator if self.denominator else None

    @property
    def is_zero(self) -> bool:
        return not any(self.parts)

    def __add__(self, other: Cell) -> Cell:
        return Cell(self.numerator + other.numerator, _add(self.denominator, other.denominator))

    def __sub__(self, other: Cell) -> Cell:
        denominator = None
        if self.denominator is not None:
            denominator = self.denominator - (other.denominator or 0)
        return Cell(self.numerator - other.numerator, denominator)


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


def pool(cells: Iterable[Cell]) -> Cell | None:
    total = None
    for cell in cells:
        total = cell if total is None else total + cell
    return total


def is_small(value: int | None, limit: int) -> bool:
    return value is not None and 0 < value <= limit


def has_small(cell: Cell, limit: int) -> bool:
    return any(is_small(part, limit) for part in cell.parts)


def publishable(contributions: Mapping[object, Cell], limit: int) -> bool:
    """Whether the pool of these sites' cells may be shown outside the sites' own people."""
    if len(contributions) < MIN_SITES:
        return False
    total = pool(contributions.values())
    if has_small(total, limit):
        return False
    return not any(has_small(total - own, limit) for own in contributions.values())


@dataclass(frozen=True, slots=True)
class Pooled:
    """A month's pool of the sites' cells as a database can sum it up: the pooled cell, how many
    sites it pools, and the largest of each of its counts (Cell.parts) that any one site gave.
    That is enough to tell whether it is publishable (`pooled_publishable`) without the sites'
    own cells."""

    cell: Cell
    sites: int
    largest: tuple[int, ...]


def pooled(cells: Iterable[Cell]) -> Pooled | None:
    """The Pooled of these cells (one a site, all ratios or all counts), or None when there are
    none. Its cell is `pool`'s."""
    cells = list(cells)
    if not cells:
        return None
    numerators = [cell.numerator for cell in cells]
    denominators = [cell.denominator for cell in cells]
    if all(d is None for d in denominators):
        return Pooled(Cell(sum(numerators)), len(cells), (max(numerators),))
    if any(d is None for d in denominators):
        raise ValueError("A pool of ratios and counts together")
    lefts = [d - n for n, d in zip(numerators, denominators, strict=True)]
    return Pooled(
        Cell(sum(numerators), sum(denominators)),
        len(cells),
        (max(numerators), max(denominators), max(lefts)),
    )


def pooled_publishable(month: Pooled, limit: int) -> bool:
    """`publishable` of the cells the month pools, told from their sums and maxima.

    The same answer, since no count is negative (so no site's count exceeds the pool's): when
    none of the pool's counts is small, each is 0 or above ``limit``. If a site's count leaves
    1 to ``limit`` of the pool's (the pool less its own), that count is at least 1; so the
    largest site's count is not the whole pool's (the others would all be 0), and, being no
    smaller, leaves 1 to ``limit`` too. Some site leaves a small count exactly when the largest
    does.
    """
    if month.sites < MIN_SITES or has_small(month.cell, limit):
        return False
    return not any(
        total - limit <= most <= total - 1
        for total, most in zip(month.cell.parts, month.largest, strict=True)
    )


def hidden_cells(
    cells: Mapping[object, Mapping[object, Cell]],
    month: Mapping[object, Cell],
    limit: int,
) -> set:
    """The keys of a shown month's cells (its strata, or its categories) to hide.

    ``cells`` maps each key to its contributions by site, ``month`` the month's own
    contributions by site (its pool is shown). First every cell that is not publishable; then,
    smallest first, as many more as it takes for the part a reader can work out (the month
    less the shown cells, with any patients no cell counts) to be nothing or publishable.
    Hiding every cell always ends it: what is left is then the month itself.
    """
    hidden = {key for key, by_site in cells.items() if not publishable(by_site, limit)}
    while True:
        shown = [cells[key] for key in cells if key not in hidden]
        left = {}
        for site, own in month.items():
            for by_site in shown:
                if site in by_site:
                    own = own - by_site[site]
            left[site] = own
        if all(cell.is_zero for cell in left.values()) or publishable(left, limit):
            return hidden
        candidates = [key for key in cells if key not in hidden]
        if not candidates:
            return hidden
        hidden.add(min(candidates, key=lambda key: (_size(cells[key]), str(key))))


def _size(by_site: Mapping[object, Cell]) -> int:
    total = pool(by_site.values())
    return total.denominator if total.denominator is not None else total.numerator
