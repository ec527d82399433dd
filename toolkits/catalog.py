"""The catalog: filters from the query string, facet counts from the database, one page of
toolkits. Query count is fixed whatever the filters (one per facet, the page, its prefetches).

Filters combine the usual way: values of one facet widen the result (any of them), different
facets narrow it (all of them). Each facet's counts apply every *other* facet's filters, so a
count is how many toolkits that value would show.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from .models import Audience, CareSetting, Population, ToolkitPage, ToolkitResource, Topic

PER_PAGE = 20
SORTS = {"updated": ("-release_date", "title"), "title": ("title",)}
TERM_FACETS = [
    ("care_setting", _("Care setting"), CareSetting, "care_settings"),
    ("audience", _("Audience"), Audience, "audiences"),
    ("population", _("Population"), Population, "populations"),
    ("topic", _("Topic"), Topic, "topics"),
]
LANGUAGE_FACET = "language"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def any_selected(self):
        return any(v.selected for v in self.values)


def selected_filters(request):
    chosen = {name: request.GET.getlist(name) for name, *_ in TERM_FACETS}
    languages = {code for code, _name in settings.LANGUAGES}
    chosen[LANGUAGE_FACET] = [v for v in request.GET.getlist(LANGUAGE_FACET) if v in languages]
    return {name: values for name, values in chosen.items() if values}


def _filtered(base, chosen, *, skip=None):
    queryset = base
    for name, _label, _model, field in TERM_FACETS:
        if name in chosen and name != skip:
            ids = ToolkitPage.objects.filter(**{f"{field}__slug__in": chosen[name]}).values("pk")
            queryset = queryset.filter(pk__in=ids)
    if LANGUAGE_FACET in chosen and skip != LANGUAGE_FACET:
        ids = ToolkitResource.objects.filter(document__language__in=chosen[LANGUAGE_FACET]).values(
            "page_id"
        )
        queryset = queryset.filter(pk__in=ids)
    return queryset


def _term_facet(name, label, model, base, chosen):
    matching = _filtered(base, chosen, skip=name).values("pk")
    terms = model.objects.annotate(
        n=Count("toolkits", filter=Q(toolkits__in=matching), distinct=True)
    ).order_by("sort_order", "name")
    picked = set(chosen.get(name, ()))
    return Facet(
        name,
        label,
        [
            FacetValue(t.slug, t.name, t.n, t.slug in picked)
            for t in terms
            if t.n or t.slug in picked
        ],
    )


def _language_facet(base, chosen):
    matching = _filtered(base, chosen, skip=LANGUAGE_FACET).values("pk")
    counts = dict(
        ToolkitResource.objects.filter(page__in=matching)
        .values_list("document__language")
        .annotate(n=Count("page", distinct=True))
    )
    picked = set(chosen.get(LANGUAGE_FACET, ()))
    return Facet(
        LANGUAGE_FACET,
        _("Language"),
        [
            FacetValue(code, name, counts.get(code, 0), code in picked)
            for code, name in settings.LANGUAGES
            if counts.get(code) or code in picked
        ],
    )


def catalog_context(index, request):
    chosen = selected_filters(request)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "updated"
    base = ToolkitPage.objects.live().public().child_of(index)
    results = _filtered(base, chosen).order_by(*SORTS[sort])
    paginator = Paginator(
        results.prefetch_related(
            "care_settings",
            "audiences",
            Prefetch(
                "resources",
                queryset=ToolkitResource.objects.select_related("document").order_by("sort_order"),
            ),
        ),
        PER_PAGE,
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(paginator.num_pages if request.GET.get("page") else 1)
    facets = [
        _term_facet(name, label, model, base, chosen) for name, label, model, _f in TERM_FACETS
    ]
    facets.append(_language_facet(base, chosen))
    query = [(name, value) for name, values in chosen.items() for value in values]
    return {
        "toolkits": page,
        "facets": facets,
        "sort": sort,
        "result_count": paginator.count,
        "filters_chosen": bool(chosen),
        "query_without_page": urlencode([*query, ("sort", sort)]),
        "query_without_sort": urlencode(query),
    }
