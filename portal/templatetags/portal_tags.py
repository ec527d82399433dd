"""Template tags for the site frame: navigation, breadcrumbs, languages, review notes, and
the way back after setting up two-factor authentication."""

import hashlib
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from ..i18n import language_links, path_language_links
from ..middleware import AFTER_MFA_SETUP_SESSION_KEY
from ..page_cache import remember, remember_for_page
from ..review import READER_NOTICE_AFTER_DAYS

register = template.Library()


def _home_page(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


def _sections(request):
    """The home page's live, public children, each marked whether editors show it in menus:
    the main menu and the footer's list read this one query, once a request."""
    home = _home_page(request)
    if home is None:
        return []
    return [
        {
            "title": child.title,
            "path": child.path,
            "pk": child.pk,
            "url": child.get_url(request),
            "in_menu": child.show_in_menus,
        }
        for child in home.get_children().live().public().specific(defer=True)
    ]


def _sections_once(request):
    key = f"sections:{request.get_host()}:{translation.get_language()}"
    memo = request.__dict__.setdefault("portal_sections", {})
    if key not in memo:
        memo[key] = remember(key, lambda: _sections(request))
    return memo[key]


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Live, public children of the home page that editors chose to show in menus."""
    request = context["request"]
    current = context.get("page")
    items = [
        {
            **item,
            "current": isinstance(current, Page)
            and (current.pk == item["pk"] or current.path.startswith(item["path"])),
        }
        for item in _sections_once(request)
        if item["in_menu"]
    ]
    return {"items": items}


@register.inclusion_tag("includes/footer_navigation.html", takes_context=True)
def footer_navigation(context):
    """The home page's other live, public sections (how to join, the member directory...):
    the main menu keeps to the few that fit one row on a laptop."""
    items = [item for item in _sections_once(context["request"]) if not item["in_menu"]]
    return {"items": items}


@register.simple_tag(takes_context=True)
def public_body(context, page):
    """`{% include_block page.body %}`, rendered once and kept in the page cache until the next
    purge when the page being served has no view restriction: Wagtail renders a body afresh on
    every request, looking up each page its rich text links to and each image's rendition, and
    a trend chart draws every point, though the body is the same for every reader. The key holds
    the body's own content, so a preview or a new revision never meets an older rendering, and
    the site (scheme and host) and language its links and labels are made for; what else the
    blocks show (trend data, linked pages, documents, settings) purges the cache when it
    changes. Only for bodies whose blocks read nothing of the reader nor of the request but its
    site: the general pages' (portal.blocks, public_awareness.blocks) and the trend page's."""
    request = context.get("request")

    def render():
        return page.body.render_as_block(context=context.flatten())

    if request is None:
        return render()
    content = json.dumps(list(page.body.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
    digest = hashlib.sha256(content.encode()).hexdigest()
    return remember_for_page(request, page, f"body:{translation.get_language()}:{digest}", render)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context["request"]
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}

    def crumbs():
        ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
        return [{"title": a.title, "url": a.get_url(request)} for a in ancestors]

    # A purge follows any change to an ancestor's title or path.
    return {"crumbs": remember_for_page(request, page, "crumbs", crumbs), "current": page.title}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """This page in every other language, or a note that it is not translated yet; on a view
    that is not a page, the same address in the other languages."""
    page = context.get("page")
    request = context["request"]
    if "language_links" in context:  # a view that chose them (a missing translation)
        return {"links": context["language_links"]}
    if not isinstance(page, Page):
        return {"links": path_language_links(request)}
    return {
        "links": remember(
            f"languages:{request.get_host()}:{page.pk}", lambda: language_links(page, request)
        )
    }


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for the page and each live translation, itself included."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {"alternates": []}
    request = context["request"]

    def alternates():
        pages = page.get_translations(inclusive=True).live().public().select_related("locale")
        found = [(p.locale.language_code, p.get_full_url(request)) for p in pages]
        if len(found) < 2:
            return []
        # x-default: the version in the site's default language, as the sitemap says too.
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        return found + [("x-default", url) for code, url in found if code == default]

    return {"alternates": remember(f"hreflang:{request.get_host()}:{page.pk}", alternates)}


@register.inclusion_tag("includes/review_dates.html")
def review_dates(page):
    overdue_days = page.days_overdue_for_review() if hasattr(page, "days_overdue_for_review") else 0
    return {
        "page": page,
        "show_reader_notice": overdue_days > READER_NOTICE_AFTER_DAYS,
    }


@register.inclusion_tag("includes/after_mfa_setup.html", takes_context=True)
def after_mfa_setup_link(context):
    """Back to the page a user was opening when sent to set up two-factor authentication
    (allauth's set-up ends on the recovery codes and does not go back by itself)."""

    request = context["request"]
    url = request.session.get(AFTER_MFA_SETUP_SESSION_KEY, "")
    safe = url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}
    )
    return {"url": url if safe else ""}
