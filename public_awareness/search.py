"""Public awareness's side of the search contract: symptom guides and awareness articles
("guidance", symptom guides boosted so a worried reader finds them first) and the trends
page ("page")."""

from search.pages import PageProvider

from .models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage
from .trends.models import TrendPage

SYMPTOM_GUIDE_BOOST = 3.0


def providers():

    return [
        PageProvider(
            "public_awareness.guidance",
            (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage),
            "guidance",
            boost={SymptomGuidePage: SYMPTOM_GUIDE_BOOST},
        ),
        PageProvider("public_awareness.trends", (TrendPage,), "page"),
    ]
