"""The editors' synonyms as every engine uses them: the alternatives a query is widened with."""

import unicodedata

from .engines.base import clean_query
from .models import Synonym

# The longest term (in words) looked up; terms are short lay phrases ("blood poisoning").
MAX_SYNONYM_WORDS = 4


def folded(text):
    """Lower case without accents: people type "infeccion" for "infección"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def expand_synonyms(cleaned):
    """The editors' alternatives for any term the query contains (whole words, any case, with
    or without accents)."""
    words = folded(cleaned).split()
    phrases = {
        " ".join(words[i : i + n])
        for n in range(1, MAX_SYNONYM_WORDS + 1)
        for i in range(len(words) - n + 1)
    }
    if not phrases:
        return ()
    found = []
    # The editors' list is short (tens of terms): compared in Python, accents folded.
    for synonym in Synonym.objects.order_by("term"):
        if folded(clean_query(synonym.term)) not in phrases:
            continue
        for alternative in synonym.alternative_list():
            cleaned_alternative = clean_query(alternative).lower()
            if cleaned_alternative and cleaned_alternative not in found:
                found.append(cleaned_alternative)
    return tuple(a for a in found if folded(a) != folded(cleaned))
