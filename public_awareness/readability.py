"""Reading grade of plain-language text, by a measure made for its language.

Pure computation (no Django). English uses the Flesch-Kincaid grade and Spanish the
Crawford grade, both through textstat; a language without a suitable measure is
reported as not measured rather than given an English score that would be wrong.
"""

import re
from dataclasses import dataclass
from functools import cache

from textstat.textstat import textstatistics

TARGET_GRADE = 8

# language code prefix → (name of the measure, textstat method, textstat language)
MEASURES = {
    "en": ("Flesch-Kincaid grade", "flesch_kincaid_grade", "en_US"),
    "es": ("Crawford grade", "crawford", "es"),
}

_ENDS_SENTENCE = re.compile(r"[.!?:;]\s*$")


@dataclass(frozen=True)
class Readability:
    language: str
    measure: str | None
    grade: float | None

    @property
    def measured(self):
        return self.grade is not None

    @property
    def meets_target(self):
        return self.measured and self.grade <= TARGET_GRADE


@cache
def _statistics(textstat_language):
    # One textstat object per language: set_lang() changes an object's state.
    statistics = textstatistics()
    statistics.set_lang(textstat_language)
    return statistics


def as_sentences(fragments):
    """Join text fragments so that each heading or list item counts as a sentence.

    Without this, a list of symptoms with no full stops would read as one very long
    sentence and give a grade far above what a reader meets.
    """
    pieces = []
    for fragment in fragments:
        fragment = " ".join(str(fragment).split())
        if not fragment:
            continue
        pieces.append(fragment if _ENDS_SENTENCE.search(fragment) else fragment + ".")
    return " ".join(pieces)


def assess(fragments, language):
    """Readability of the text fragments written in `language` (a code such as 'es-mx')."""
    base = language.lower().split("-")[0].split("_")[0]
    if base not in MEASURES:
        return Readability(language=language, measure=None, grade=None)
    name, method, textstat_language = MEASURES[base]
    text = as_sentences(fragments)
    if not text:
        return Readability(language=language, measure=name, grade=None)
    grade = getattr(_statistics(textstat_language), method)(text)
    return Readability(language=language, measure=name, grade=round(max(grade, 0.0), 1))
