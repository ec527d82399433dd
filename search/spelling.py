"""'Did you mean …?' for the database engine: respell the words of a query that the searcher
finds nowhere, from the vocabulary of indexed words (search.models.SpellingWord), offering only
words that occur in content the searcher may see."""

import difflib
import re

from django.db.models.functions import Length

from .models import SpellingWord

# Words shorter than this are left as typed (too many near neighbors to guess from).
MIN_WORD = 4
MAX_WORD = 32
# How much of a document's text feeds the vocabulary: its opening is where its words are.
VOCABULARY_SOURCE_CHARS = 20_000
SIMILARITY_CUTOFF = 0.75
# Candidates tried per word, nearest first: the nearest the searcher may see is offered.
MAX_CANDIDATES = 3
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


def candidates(word, limit=MAX_CANDIDATES):
    """The known words most like `word` (same first letter, length within two), best first,
    leaving out `word` itself. Known means written in some indexed document, whoever may see
    it: the caller keeps only those the searcher may see."""
    known = (
        SpellingWord.objects.filter(word__startswith=word[0])
        .exclude(word=word)
        .annotate(length=Length("word"))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .values_list("word", flat=True)
    )
    return difflib.get_close_matches(word, list(known), n=limit, cutoff=SIMILARITY_CUTOFF)


def respell(cleaned, *, found, visible):
    """The query with each word the searcher cannot find replaced by the nearest known word
    that occurs in content they may see, or "" when no word was replaced.

    The vocabulary holds the words of every document, private ones too, so the searcher's
    own access decides, through two callables the engine gives, each asked once for all the
    words: `found(words)`, those of the typed words the searcher finds as typed (these are
    kept); `visible(words)`, those of the candidates that occur in content the searcher may
    see with the search's filters. A word whose candidates are all hidden from the searcher
    is left as typed: typed exactly, a private word is answered like a word no document
    holds, so the answer never tells whether some document the searcher may not see holds
    it or a word like it.
    """
    words = cleaned.lower().split()
    long_words = sorted({word for word in words if MIN_WORD <= len(word) <= MAX_WORD})
    if not long_words:
        return ""
    unfound = sorted(set(long_words) - set(found(long_words)))
    options = {word: candidates(word) for word in unfound}
    wanted = sorted({option for choices in options.values() for option in choices})
    seen = set(visible(wanted)) if wanted else set()
    replacements = {
        word: next((option for option in choices if option in seen), None)
        for word, choices in options.items()
    }
    respelled = [replacements.get(word) or word for word in words]
    return " ".join(respelled) if respelled != words else ""
