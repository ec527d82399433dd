"""Demonstration awareness pages: the English tree and its Spanish and Portuguese translations.

Like the rest of the demo it may run again on a database it built before: missing pages are
added, blocks and home-page links still as an earlier version of the demo left them are brought
up to date, and whatever an editor has changed is left alone.
"""

import re

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.demo import text as portal_text
from portal.demo.loader import DEMO_REVIEW_DATE, ensure_child, ensure_demo_user, ensure_translation

from ..models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage
from . import content_en, content_es, content_pt

TRANSLATIONS = {"es": content_es, "pt": content_pt}

# Each page of the tree: its key (what the content's links name), its type, and its name in the
# content modules; in tree order, each page after its parent.
PAGES = [
    ("index", AwarenessIndexPage, "INDEX"),
    ("guide", SymptomGuidePage, "GUIDE"),
    ("life_after", AwarenessArticlePage, "LIFE_AFTER"),
    ("prevention", AwarenessArticlePage, "PREVENTION"),
    ("caregivers", AwarenessArticlePage, "CAREGIVERS"),
]

# A link in the content to another page of the same language, by key: <a linktype="page"
# id="{guide}">. Pages are made in order, so a link can name a page not made yet.
PAGE_LINK = re.compile(r'<a linktype="page" id="\{(\w+)\}">(.*?)</a>', re.S)


def load(site, log=print):
    owner = ensure_demo_user("awareness-lead@example.org", "Morgan", "Reyes")
    home = site.root_page.specific
    english = {}

    def ensure_english(key, model, content, fields):
        parent = home if key == "index" else english["index"]
        return ensure_child(parent, model, content["slug"], fields)

    ensure_tree(content_en, owner, ensure_english, english)
    about = home.get_children().filter(slug=portal_text.ABOUT["slug"]).first()
    lead_home_to_guide(home, english["guide"], content_en.HOME, about, demo_choices={about})
    for code, content in TRANSLATIONS.items():
        translated_home = ensure_translation(home, code, home_fields(content))

        def ensure_translated(key, model, page_content, fields, code=code):
            return ensure_translation(english[key], code, fields())

        translated = ensure_tree(content, owner, ensure_translated, {})
        # Earlier demos pointed the Spanish and Portuguese buttons at the awareness index, and a
        # new translation starts with the English home page's links.
        lead_home_to_guide(
            translated_home,
            translated["guide"],
            content.HOME,
            about,
            demo_choices={about, english["index"], english["guide"], translated["index"]},
        )
    promote_guide(english["guide"])
    index = english["index"]
    log(f"Awareness pages ready in English, Spanish and Portuguese under {index.url_path}")


def ensure_tree(content, owner, ensure, pages):
    """Every page of one language (made by `ensure` when missing), then their links to each
    other; returns {key: page}."""
    for key, model, name in PAGES:
        page_content = getattr(content, name)
        pages[key] = ensure(key, model, page_content, page_fields(page_content, owner, pages))
    for key, _model, name in PAGES:
        update_blocks(pages[key], getattr(content, name), pages)
    return pages


def page_fields(content, owner, pages):
    """The fields of a new page, its links resolved to the pages that exist by then (made
    when the page is, so that a page made earlier in the same run counts)."""

    def fields():
        return {
            "title": content["title"],
            "slug": content["slug"],
            "introduction": content["introduction"],
            "body": resolve_links(content["body"], pages),
            "content_owner": owner,
            "last_reviewed": DEMO_REVIEW_DATE,
            "next_review_due": None,
        }

    return fields


def resolve_links(value, pages):
    """The content with each page link's key replaced by that page's id; a link to a page
    that does not exist yet becomes plain text (update_blocks links it later)."""
    if isinstance(value, str):

        def link(match):
            page = pages.get(match[1])
            return f'<a linktype="page" id="{page.pk}">{match[2]}</a>' if page else match[2]

        return PAGE_LINK.sub(link, value)
    if isinstance(value, dict):
        return {key: resolve_links(item, pages) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(resolve_links(item, pages) for item in value)
    return value


def update_blocks(page, content, pages):
    """Bring the page's blocks that still hold an earlier demo version up to date: a block
    written before its link's page existed, or one the content lists in `earlier_blocks`. A
    block an editor changed matches neither and is kept; so is a page with an unpublished
    draft, which publishing would overwrite."""
    replacements = []
    for block in content["body"]:
        current = resolve_links(block, pages)
        unlinked = resolve_links(block, {})
        if current != unlinked:
            replacements.append((unlinked, current))
    for earlier, block in content.get("earlier_blocks", []):
        replacements.append((earlier, resolve_links(block, pages)))
    if not replacements:
        return
    # A page made in this run is the instance that saved its first revision, which still
    # says it has unpublished changes: read what the database holds.
    page.refresh_from_db()
    if page.has_unpublished_changes:
        return
    body = list(page.body.raw_data)
    changed = False
    for item in body:
        for (old_type, old_value), (new_type, new_value) in replacements:
            if (item["type"], item["value"]) == (old_type, old_value):
                item["type"], item["value"] = new_type, new_value
                changed = True
    if changed:
        page.body = body
        page.save_revision().publish()


def lead_home_to_guide(home, guide, words, about, demo_choices):
    """The home page's headline button leads to the symptom guide, and the About page becomes
    its quieter second link. Done only while the button leads nowhere or where the demo put it
    (`demo_choices`): a page an editor chose is left alone, and so is an unpublished draft."""
    # Pages were added through other copies of the home page: publishing this one without
    # reloading it would write back a stale tree (its old count of children).
    home.refresh_from_db()
    chosen = {page.pk for page in demo_choices if page is not None}
    if home.hero_link_page_id == guide.pk or home.has_unpublished_changes:
        return
    if home.hero_link_page_id is not None and home.hero_link_page_id not in chosen:
        return
    home.hero_link_page = guide
    home.hero_link_text = words["hero_link_text"]
    if home.hero_secondary_link_page_id is None and about is not None:
        home.hero_secondary_link_page = about
        home.hero_secondary_link_text = words["hero_secondary_link_text"]
    home.save_revision().publish()


def promote_guide(guide):
    """The symptom guide as the promoted result for what worried people type (shown in the
    visitor's language by the search page)."""
    for query_string in content_en.GUIDE_PROMOTED_FOR:
        query = Query.get(query_string)
        SearchPromotion.objects.get_or_create(
            query=query,
            page=guide,
            defaults={"description": content_en.GUIDE_PROMOTION_DESCRIPTION, "sort_order": 0},
        )


def home_fields(content):
    home = content.HOME
    return {
        "title": home["title"],
        "hero_heading": home["hero_heading"],
        "hero_text": home["hero_text"],
        "hero_link_text": home["hero_link_text"],
        "hero_secondary_link_text": home["hero_secondary_link_text"],
        "body": [("paragraph", home["intro"])],
    }
