"""Matching and ranking over Wagtail's database search index, each in one indexed pass.

Wagtail's database backend fills the index (`modelsearch`'s IndexEntry, and on SQLite its FTS5
table) and this module reads it. Querying through the backend does not scale to thousands of
documents: on PostgreSQL it matches `title || body`, a concatenation its GIN indexes cannot
serve, so every search reads every document; on SQLite it scores each result with a subquery
that runs the full-text match again per row (minutes for a common word in 10,000 documents).
Here the match is driven by the index (FTS5 MATCH; the GIN-indexed title and body vectors)
and each matched document is scored once.

A query is a list of groups, each a list of words and whether all of them ("and") or any
("or") must occur; a document matches when any group does. Words come from
engines.base.clean_query (letters, marks and digits only), so they are quoted safely. The SQL
below interpolates only table names and fixed fragments; every value is a query parameter.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.expressions import RawSQL
from modelsearch.conf import get_app_config

from ..models import IndexedDocument, IndexedFacet

# On SQLite, title matches weigh like this against body matches (the title's SearchField boost).
TITLE_WEIGHT = 3.0


@dataclass(frozen=True)
class Group:
    words: tuple[str, ...]
    operator: str = "and"  # "and": every word; "or": any word


def groups_for(cleaned, alternatives=(), operator="and"):
    """The query's words (all or any of them) and each synonym's words (all of them)."""
    groups = [Group(tuple(cleaned.split()), operator)]
    groups += [Group(tuple(alternative.split()), "and") for alternative in alternatives]
    return [group for group in groups if group.words]


def _content_type_id():
    return ContentType.objects.get_for_model(IndexedDocument).pk


def _index_table(model_name="IndexEntry"):
    # The app that holds the index models (wagtail.search in a Wagtail project), as the
    # backend itself finds them.
    return get_app_config().get_model(model_name)._meta.db_table


# --- SQLite (FTS5) ------------------------------------------------------------------------------


def _fts5_expression(groups):
    """An FTS5 query over the title and body columns: `{title body} : ("a" AND "b") OR …`."""
    parts = []
    for group in groups:
        joiner = " AND " if group.operator == "and" else " OR "
        parts.append("(" + joiner.join(f'"{word}"' for word in group.words) + ")")
    return "{title body} : (" + " OR ".join(parts) + ")"


def _sqlite_matched(groups):
    table, entries = _index_table("SQLiteFTSIndexEntry"), _index_table()
    # CROSS JOIN keeps the full-text table as the outer loop whatever the statistics say.
    # BM25 can only be computed in the scan of the full-text table: it is a column here,
    # negated because SQLite's is lower for better matches.
    sql = (
        f"SELECT CAST(ie.object_id AS INTEGER) AS doc_id, ie.id AS entry_id, "  # noqa: S608
        f"-bm25({table}, 0.0, 1.0, {TITLE_WEIGHT}) AS rank "
        f"FROM {table} CROSS JOIN {entries} ie ON ie.id = {table}.rowid "
        f"WHERE {table} MATCH %s AND ie.content_type_id = %s"
    )
    params = [_fts5_expression(groups), _content_type_id()]
    # Within a set of candidates `c`: the full-text index still leads (it is fast however
    # many documents match), the candidates are looked up by id.
    # CROSS JOIN keeps the scan of the full-text index the outer loop: the other way round
    # SQLite would run the match again for every candidate.
    within = (f"FROM ({sql}) x CROSS JOIN c ON c.id = x.doc_id", "x.entry_id, x.rank", params)
    return Matched(sql, params, within=within)


# --- PostgreSQL (GIN-indexed tsvectors) ------------------------------------------------------


def _tsquery(groups):
    """A tsquery for the groups, each word analyzed like the indexed text (plainto_tsquery
    with the server's default configuration, as Wagtail's index is built)."""
    sql_parts, params = [], []
    for group in groups:
        if group.operator == "and":
            sql_parts.append("plainto_tsquery(%s)")
            params.append(" ".join(group.words))
        else:
            sql_parts.append("(" + " || ".join("plainto_tsquery(%s)" for _ in group.words) + ")")
            params.extend(group.words)
    return "(" + " || ".join(sql_parts) + ")", params


def _postgres_matched(groups):
    tsquery, query_params = _tsquery(groups)
    entries = _index_table()
    # The GIN indexes on title and body find the matches; the rank, which reads the whole
    # vector of each document, is left for the rows a page is chosen from (see late_rank).
    sql = (
        f"SELECT CAST(ie.object_id AS INTEGER) AS doc_id, ie.id AS entry_id, "  # noqa: S608
        f"CAST(NULL AS double precision) AS rank FROM {entries} ie, (SELECT {tsquery} AS query) q "
        f"WHERE ie.content_type_id = %s AND (ie.title @@ q.query OR ie.body @@ q.query)"
    )
    params = [*query_params, _content_type_id()]
    # Within a set of candidates `c`: for many candidates the GIN indexes find the matches
    # and the candidates are joined to them; for a few (after filters on several facets)
    # each candidate's index entry is found by its key and only its vectors are matched,
    # rather than those of every document holding a common word.
    within = (f"FROM ({sql}) x JOIN c ON c.id = x.doc_id", "x.entry_id, x.rank", params)
    within_few = (
        f"FROM c JOIN {entries} ie ON ie.content_type_id = %s "
        f"AND ie.object_id = CAST(c.id AS varchar(50)) "
        f"JOIN (SELECT {tsquery} AS query) q ON (ie.title @@ q.query OR ie.body @@ q.query)",
        "ie.id AS entry_id, CAST(NULL AS double precision) AS rank",
        [_content_type_id(), *query_params],
    )
    # Weighted as Wagtail's backend weighs them: the title by its SearchField boost.
    late_rank = (
        f"JOIN {entries} ie ON ie.id = m.entry_id CROSS JOIN (SELECT {tsquery} AS query) q",
        "ts_rank(ie.title, q.query) * ie.title_norm + ts_rank(ie.body, q.query)",
        query_params,
    )
    return Matched(sql, params, late_rank, within, within_few=within_few)


@dataclass(frozen=True)
class Matched:
    """A query of (doc_id, entry_id, rank) for every indexed document matching some groups.

    `rank` (higher is better) is there when it costs nothing more to compute in the scan;
    otherwise `late_rank` is (join, expression, params) that compute it from the index entry
    of a row `m` with an `entry_id`, for the few rows that need it. `within` is (from clause,
    columns, params) matching only the rows of a candidates table `c`.
    """

    sql: str
    params: list
    late_rank: tuple | None = None
    within: tuple | None = None
    within_few: tuple | None = None  # `within` for a few candidates, where it differs


def matched(groups):
    if connection.vendor == "sqlite":
        return _sqlite_matched(groups)
    if connection.vendor == "postgresql":
        return _postgres_matched(groups)
    raise NotImplementedError(f"Full-text search is not implemented for {connection.vendor}")


def matching(groups, queryset):
    """The rows of `queryset` that match (a queryset: count it, filter it, aggregate it)."""
    match = matched(groups)
    subquery = f"SELECT doc_id FROM ({match.sql}) matched"  # noqa: S608 - see the docstring
    return queryset.filter(pk__in=RawSQL(subquery, match.params))  # noqa: S611


def _like_escape(text):
    # Words are letters and digits only (clean_query), so LIKE's wildcards cannot occur; this
    # keeps it so should that ever change.
    return text.replace("\\", "").replace("%", "").replace("_", "")


@dataclass
class Pass:
    ids: list  # one page of document ids, best first
    total: int
    facet_counts: dict  # {facet: [(value, count), ...]}, largest count first


def search_pass(
    groups,
    queryset,
    filters,
    *,
    column_facets,
    facet_names,
    title_terms=(),
    offset=0,
    limit=10,
):
    """One page of the rows of `queryset` that match the groups and pass `filters`, best
    first; how many there are; and the counts per facet value — all from one query, which
    reads the full-text index once.

    The permitted matching rows are gathered in a materialized common table expression with
    their score and one flag per facet (does the row pass that facet's filter?). From it come
    the page (every flag set, by score), the total, and each facet's counts with the other
    facets' filters applied but not its own, so that they show what choosing another value
    would give. The score is the match's rank times the document's boost, doubled when its
    title holds one of `title_terms`; ties go to the newer document.
    """

    match = matched(groups)
    try:
        base_sql, base_params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter no row can pass (e.g. "in" an empty list)
        return Pass([], 0, {name: [] for name in facet_names})
    documents, facets = IndexedDocument._meta.db_table, IndexedFacet._meta.db_table

    title_factor, title_params = "1.0", []
    if title_terms:
        title_factor = (
            "CASE WHEN "
            + " OR ".join("LOWER(d.title) LIKE %s" for _ in title_terms)
            + " THEN 2.0 ELSE 1.0 END"
        )
        title_params = [f"%{_like_escape(term.lower())}%" for term in title_terms]

    flags, flag_params = [], []
    for name in facet_names:
        values = list(filters.get(name, ()))
        placeholders = ", ".join(["%s"] * len(values))
        if not values:
            flags.append(f"1 AS p_{name}")
        elif name in column_facets:
            flags.append(f"CASE WHEN d.{name} IN ({placeholders}) THEN 1 ELSE 0 END AS p_{name}")
            flag_params += values
        else:
            flags.append(
                f"CASE WHEN EXISTS (SELECT 1 FROM {facets} f WHERE f.document_id = d.id "  # noqa: S608
                f"AND f.name = %s AND f.value IN ({placeholders})) THEN 1 ELSE 0 END AS p_{name}"
            )
            flag_params += [name, *values]
    columns = ", ".join(f"d.{name}" for name in column_facets)
    # The candidates: permitted rows that may be counted in some facet. A facet's counts
    # apply the other facets' filters, so with filters on several facets only rows failing
    # at most one of them can count anywhere: the full-text match is needed for those alone.
    filtered = [name for name in facet_names if filters.get(name)]
    may_count = ""
    if len(filtered) > 1:
        passed = " + ".join(f"c0.p_{name}" for name in filtered)
        may_count = f"WHERE {passed} >= {len(filtered) - 1}"
    few = len(filtered) > 1 and match.within_few is not None
    join, join_columns, join_params = match.within_few if few else match.within
    # A few candidates are gathered first and matched one by one; otherwise the candidates
    # fold into the match (each is looked up by id as the index yields it).
    materialized = "MATERIALIZED" if few else "NOT MATERIALIZED"
    cte = (
        f"WITH c0 AS (SELECT d.id, {columns}, d.boost * {title_factor} AS weight, "  # noqa: S608
        f"{', '.join(flags)} FROM {documents} d WHERE d.id IN ({base_sql})), "
        f"c AS {materialized} (SELECT * FROM c0 {may_count}), "
        f"m AS MATERIALIZED (SELECT c.*, {join_columns} {join})"
    )

    def passing(*except_names):
        names = [name for name in facet_names if name not in except_names]
        return "WHERE " + " AND ".join(f"m.p_{name} = 1" for name in names) if names else ""

    # Every row: (kind, facet value, count, document id, score).
    join, rank, rank_params = match.late_rank or ("", "m.rank", [])
    selects = [
        f"SELECT 'hit', NULL, NULL, page.id, page.score FROM (SELECT m.id, "  # noqa: S608
        f"({rank}) * m.weight AS score FROM m {join} {passing()} "
        f"ORDER BY score DESC, m.id DESC LIMIT %s OFFSET %s) page",
        f"SELECT 'total', NULL, COUNT(*), NULL, NULL FROM m {passing()}",  # noqa: S608
    ]
    select_params = [*rank_params, int(limit), int(offset)]
    for name in facet_names:
        if name in column_facets:
            selects.append(
                f"SELECT %s, m.{name}, COUNT(*), NULL, NULL FROM m "  # noqa: S608
                f"{passing(name)} GROUP BY m.{name}"
            )
            select_params.append(name)
        else:
            selects.append(
                f"SELECT %s, f.value, COUNT(DISTINCT m.id), NULL, NULL FROM m "  # noqa: S608
                f"JOIN {facets} f ON f.document_id = m.id AND f.name = %s {passing(name)} "
                f"GROUP BY f.value"
            )
            select_params += [name, name]
    statement = cte + " " + " UNION ALL ".join(selects)
    hits, total, counts = [], 0, {name: [] for name in facet_names}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # The planner's estimates for full-text matches are large, which switches on JIT
            # compilation: tens of milliseconds spent to save less (for this transaction).
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            statement,
            [*title_params, *flag_params, *base_params, *join_params, *select_params],
        )
        for kind, value, count, document_id, score in cursor.fetchall():
            if kind == "hit":
                hits.append((score, document_id))
            elif kind == "total":
                total = count
            else:
                counts[kind].append((value, count))
    hits.sort(reverse=True)
    return Pass(
        ids=[document_id for _score, document_id in hits],
        total=total,
        facet_counts={
            name: sorted(rows, key=lambda item: (-item[1], item[0]))
            for name, rows in counts.items()
        },
    )
