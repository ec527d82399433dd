"""What people search for: counted per query and day, with no user identifiers.

Searches are counted with Wagtail's own query log (search_promotions' Query.add_hit, which
also feeds the "popular search terms" offered when editors add a promoted result) and the
searches that found nothing in search.models.ZeroResultHits. Only first pages of non-empty
queries count, so paging through results is one search. Old days are removed by Wagtail's
`searchpromotions_garbage_collect` command (WAGTAILSEARCH_HITS_MAX_AGE days are kept), and
ours with them through the same Query.
"""

import datetime
import logging

from django.db import DatabaseError, transaction
from django.db.models import F, Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .models import ZeroResultHits

logger = logging.getLogger(__name__)


def record(query_string, total):
    """Count one search of `query_string` (already cleaned) that found `total` results.

    Never fails the search: a database that refuses the write is logged and ignored.
    """
    if not query_string:
        return
    try:
        with transaction.atomic():
            query = Query.get(query_string)
            if not query.query_string:  # nothing left after Wagtail's normalizing
                return
            query.add_hit()
            if total == 0:
                hits, _created = ZeroResultHits.objects.get_or_create(
                    query=query, date=timezone.localdate()
                )
                hits.hits = F("hits") + 1
                hits.save(update_fields=["hits"])
    except DatabaseError:
        logger.exception("Could not count the search %r", query_string)


def _per_query(model, since, aggregate):
    """A subquery of one figure per query (its daily rows since `since`, aggregated)."""
    return (
        model.objects.filter(query=OuterRef("pk"), date__gte=since)
        .values("query")
        .annotate(value=aggregate)
        .values("value")
    )


def query_report(days=30, zero_results_only=False):
    """Queries searched in the last `days` days with their searches and zero-result searches,
    most searched first: rows of {query, searches, zero_results, last_searched}."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = (
        Query.objects.annotate(
            searches=Coalesce(Subquery(_per_query(QueryDailyHits, since, Sum("hits"))), 0),
            zero_results=Coalesce(Subquery(_per_query(ZeroResultHits, since, Sum("hits"))), 0),
            last_searched=Subquery(_per_query(QueryDailyHits, since, Max("date"))),
        )
        .filter(searches__gt=0)
        .order_by("-searches", "query_string")
    )
    if zero_results_only:
        rows = rows.filter(zero_results__gt=0).order_by("-zero_results", "query_string")
    return rows.values("query_string", "searches", "zero_results", "last_searched")
