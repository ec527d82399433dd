"""The demonstration news: the news index (in English, Spanish and Portuguese) and a few items,
one translated into Spanish and one for members only. Created only when missing."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from portal.access import members_group
from portal.demo.loader import ensure_child, ensure_translation

from ..models import NewsIndexPage, NewsItemPage
from . import content


def load(site, log=print):
    with transaction.atomic():
        home = site.root_page.specific
        index = ensure_child(home, NewsIndexPage, content.INDEX["slug"], index_fields)
        for code, fields in content.INDEX_TRANSLATIONS.items():
            if home.get_translation_or_none(Locale.objects.get(language_code=code)):
                ensure_translation(index, code, fields)
        created = sum(ensure_item(index, item) for item in content.ITEMS)
    log(f"News ready: {NewsItemPage.objects.child_of(index).count()} items ({created} new).")
    return index


def index_fields():
    return {"title": content.INDEX["title"], "introduction": content.INDEX["introduction"]}


def ensure_item(index, item):
    if index.get_children().filter(slug=item["slug"]).exists():
        return 0
    topic_model = NewsItemPage._meta.get_field("topics").related_model
    page = index.add_child(
        instance=NewsItemPage(
            slug=item["slug"],
            title=item["title"],
            kind=item["kind"],
            date=timezone.localdate() - datetime.timedelta(days=item["days_ago"]),
            summary=item["summary"],
            body=item["body"],
        )
    )
    page.topics.set(topic_model.objects.filter(slug__in=item["topics"]))
    if item.get("members_only"):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([members_group()])
    page.save_revision().publish()
    for code, fields in item.get("translations", {}).items():
        if index.get_translation_or_none(Locale.objects.get(language_code=code)):
            ensure_translation(page, code, fields)
    return 1
