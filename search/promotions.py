"""Promoted results ("best bets"): the pages and links editors pin to a query with Wagtail's
search promotions, shown above the engine's results.

A promoted page is shown only while it is live and the searcher passes its view
restrictions: a promotion never reveals a private page. It is shown in the visitor's
language where a translation exists.
"""

from django.db.models import F
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string  # the library's spelling


def promotions_for(query_string, request):
    """[{title, url, description, external}] for the query as typed (normalized like Wagtail's
    query log), in the editors' order."""
    normalized = normalise_query_string(query_string or "")
    if not normalized:
        return []
    shown = []
    promotions = SearchPromotion.objects.filter(query__query_string=normalized).select_related(
        "page"
    )
    for promotion in promotions.order_by(F("sort_order").asc(nulls_last=True), "pk"):
        if promotion.page_id:
            page = promotion.page.localized.specific
            if not page.live or not all(
                restriction.accept_request(request) for restriction in page.get_view_restrictions()
            ):
                continue
            url = page.get_url(request=request)
            if not url:
                continue
            shown.append(
                {
                    "title": page.title,
                    "url": url,
                    "description": promotion.description,
                    "external": False,
                }
            )
        elif promotion.external_link_url:
            shown.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                    "external": True,
                }
            )
    return shown
