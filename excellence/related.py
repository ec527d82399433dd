"""Stories on a toolkit's page: toolkits call the hook "register_related_content" from their
page's context and never import this app; the stories name the toolkits' topics by label."""

from django.utils.translation import gettext as _

from .models import ExcellenceStoryPage

STORIES_ON_A_TOOLKIT = 3


def stories_for_toolkit(toolkit, request):
    """Live, public stories in the toolkit's language sharing one of its topics."""
    topic_ids = [topic.pk for topic in toolkit.topics.all()]
    if not topic_ids:
        return []
    stories = (
        ExcellenceStoryPage.objects.live()
        .public()
        .filter(locale_id=toolkit.locale_id, themes__in=topic_ids)
        .distinct()
        .order_by("-first_published_at")[:STORIES_ON_A_TOOLKIT]
    )
    items = [
        {"title": story.title, "url": story.get_url(request), "text": story.summary}
        for story in stories
    ]
    return [{"heading": _("Learning from excellence"), "items": items}] if items else []
