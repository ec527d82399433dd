"""Template tags for the site frame: navigation, breadcrumbs, languages, review notes."""

from django import template
from wagtail.models import Page, Site

from ..i18n import language_links
from ..review import READER_NOTICE_AFTER_DAYS

register = template.Library()


def _home_page(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Live, public children of the home page that editors chose to show in menus."""
    request = context["request"]
    home = _home_page(request)
    current = context.get("page")
    items = []
    if home is not None:
        for child in home.get_children().live().public().in_menu().specific(defer=True):
            is_current = bool(current) and (
                current.pk == child.pk or current.path.startswith(child.path)
            )
            items.append({"page": child, "url": child.get_url(request), "current": is_current})
    return {"home": home, "items": items, "request": request, "user": request.user}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context["request"]
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    return {"crumbs": crumbs, "current": page.title}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """This page in every other language, or a note that it is not translated yet."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {"links": []}
    return {"links": language_links(page, context["request"])}


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for the page and each live translation, itself included."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {"alternates": []}
    request = context["request"]
    pages = page.get_translations(inclusive=True).live().public().select_related("locale")
    alternates = [(p.locale.language_code, p.get_full_url(request)) for p in pages]
    return {"alternates": alternates if len(alternates) > 1 else []}


@register.inclusion_tag("includes/review_dates.html")
def review_dates(page):
    overdue_days = page.days_overdue_for_review() if hasattr(page, "days_overdue_for_review") else 0
    return {
        "page": page,
        "show_reader_notice": overdue_days > READER_NOTICE_AFTER_DAYS,
    }
