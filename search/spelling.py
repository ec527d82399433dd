"""'Did you mean …?' for the database engine: respell the words of a query that no indexed
text contains, from the vocabulary of indexed words (search.models.SpellingWord)."""

import difflib
import re

from django.db.models.functions import Length

from .models import SpellingWord

# Words shorter than this are left as typed (too many near neighbours to guess from).
MIN_WORD = 4
MAX_WORD = 32
# How much of a document's text feeds the vocabulary: its opening is where its words are.
VOCABULARY_SOURCE_CHARS = 20_000
SIMILARITY_CUTOFF = 0.75
_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},{MAX_WORD}}}")


def words_of(text):
    """The distinct lower-case words of `text` worth respelling to."""
    return set(_WORD.findall((text or "")[:VOCABULARY_SOURCE_CHARS].lower()))


def add_words(texts):
    words = set()
    for text in texts:
        words |= words_of(text)
    SpellingWord.objects.bulk_create(
        [SpellingWord(word=word) for word in sorted(words)], ignore_conflicts=True, batch_size=500
    )


def clear():
    SpellingWord.objects.all().delete()


def closest(word):
    """The known word most like `word` (same first letter, length within two), or None."""
    candidates = (
        SpellingWord.objects.filter(word__startswith=word[0])
        .annotate(length=Length("word"))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .values_list("word", flat=True)
    )
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=SIMILARITY_CUTOFF)
    return matches[0] if matches else None


def respell(cleaned):
    """The query with each unknown word replaced by its closest known word, or "" when no
    word could be respelled."""
    words = cleaned.lower().split()
    long_words = [word for word in words if MIN_WORD <= len(word) <= MAX_WORD]
    known = set(SpellingWord.objects.filter(word__in=long_words).values_list("word", flat=True))
    respelled = []
    changed = False
    for word in words:
        if word in long_words and word not in known:
            replacement = closest(word)
            if replacement:
                respelled.append(replacement)
                changed = True
                continue
        respelled.append(word)
    return " ".join(respelled) if changed else ""
