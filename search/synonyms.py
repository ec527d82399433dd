"""The editors' synonyms as every engine uses them: the alternatives a query is widened with."""

from .engines.base import clean_query
from .models import Synonym

# The longest term (in words) looked up; terms are short lay phrases ("blood poisoning").
MAX_SYNONYM_WORDS = 4


def expand_synonyms(cleaned):
    """The editors' alternatives for any term the query contains (whole words, any case)."""
    words = cleaned.lower().split()
    phrases = {
        " ".join(words[i : i + n])
        for n in range(1, MAX_SYNONYM_WORDS + 1)
        for i in range(len(words) - n + 1)
    }
    if not phrases:
        return ()
    found = []
    for synonym in Synonym.objects.filter(term__in=phrases):
        for alternative in synonym.alternative_list():
            cleaned_alternative = clean_query(alternative).lower()
            if cleaned_alternative and cleaned_alternative not in found:
                found.append(cleaned_alternative)
    return tuple(a for a in found if a != cleaned.lower())
