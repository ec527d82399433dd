"""Demonstration awareness pages: the English tree and its Spanish and Portuguese translations."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from portal.demo.loader import DEMO_REVIEW_DATE, ensure_child, ensure_demo_user, ensure_translation

from ..models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage
from . import content_en, content_es, content_pt

TRANSLATIONS = {"es": content_es, "pt": content_pt}


def load(site, log=print):
    owner = ensure_demo_user("awareness-lead@example.org", "Morgan", "Reyes")
    home = site.root_page.specific
    index = ensure_child(
        home, AwarenessIndexPage, content_en.INDEX["slug"], page_fields(content_en.INDEX, owner)
    )
    guide = ensure_child(
        index, SymptomGuidePage, content_en.GUIDE["slug"], page_fields(content_en.GUIDE, owner)
    )
    articles = {
        article["slug"]: ensure_child(
            index, AwarenessArticlePage, article["slug"], page_fields(article, owner)
        )
        for article in content_en.ARTICLES
    }
    for code, content in TRANSLATIONS.items():
        translated_home = ensure_translation(home, code, home_fields(content))
        translated_index = ensure_translation(index, code, page_fields(content.INDEX, owner)())
        ensure_translation(guide, code, page_fields(content.GUIDE, owner)())
        ensure_translation(
            articles[content_en.PREVENTION["slug"]], code, page_fields(content.PREVENTION, owner)()
        )
        # Children were added through fresh copies of the home page: reload it, or
        # publishing would write back a stale tree (its old count of children).
        translated_home.refresh_from_db()
        if translated_home.hero_link_page_id != translated_index.pk:
            translated_home.hero_link_page = translated_index
            translated_home.hero_link_text = translated_index.title
            translated_home.save_revision().publish()
    promote_guide(guide)
    log(f"Awareness pages ready in English, Spanish and Portuguese under {index.url_path}")


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


def page_fields(content, owner):
    def fields():
        return {
            "title": content["title"],
            "slug": content["slug"],
            "introduction": content["introduction"],
            "body": content["body"],
            "content_owner": owner,
            "last_reviewed": DEMO_REVIEW_DATE,
            "next_review_due": None,
        }

    return fields


def home_fields(content):
    home = content.HOME
    return {
        "title": home["title"],
        "hero_heading": home["hero_heading"],
        "hero_text": home["hero_text"],
        "body": [("paragraph", home["intro"])],
    }
