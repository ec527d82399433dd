"""Where the site core and other apps find the public's way to help: the symptom guide."""

from wagtail.models import Locale

from .models import SymptomGuidePage


def symptom_guide(locale):
    """The live, public symptom guide in the locale's language, else in the default language
    (better than no guide at all), else None. Found by its type, so editors may rename it."""
    guides = SymptomGuidePage.objects.live().public().order_by("path")
    return (
        guides.filter(locale=locale).first() or guides.filter(locale=Locale.get_default()).first()
    )


def add_symptom_guide_link(request, links):
    """Answers the site core's "construct_not_found_links" hook: the 404 page leads to the
    guide first, in the visitor's language."""
    guide = symptom_guide(Locale.get_active())
    if guide is not None:
        links.insert(0, {"title": guide.title, "url": guide.get_url(request)})
