"""Text that looks like a patient identifier: a date of birth (any full calendar date), a
medical record number, or a phone number. The report form, the interview form and
the story pages all refuse such text (through refuse_patient_identifiers).

Clinical numbers stay allowed: "within 1 hour", "2 of 3 bundles", "30 mL/kg", "MAP 65",
"lactate 4.2", "at 10:42", "90/60", "March 2026", "the 2025 audit". What is refused has the
shape of an identifier: day, month and year together; a labeled record number or a run of six
or more digits; a ten-digit telephone number.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

DATE = re.compile(
    r"\b(?:"
    # 3/14/2019, 03-14-19, 14.03.2019
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:\d{4}|\d{2})"
    # 2019-03-14
    r"|\d{4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,2}"
    # March 14, 2019 / Mar 14th 2019
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    # 14 March 2019
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"
    r")(?!\d)",
    re.IGNORECASE,
)
BIRTH_WORDS = re.compile(r"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born\s+on)\b", re.IGNORECASE)
RECORD_NUMBER = re.compile(
    r"\b(?:mrn|mr\s*#|medical\s+record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)"
    r"|patient\s+(?:id|number|no\.?|#))\s*[:#]?\s*[A-Z]*\d"
    # Six or more digits in a row: no clinical measure is written that way (thousands take
    # commas), every record system's numbers are.
    r"|(?<![\d.,])\d{6,}(?![\d.,]?\d)",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\d/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s*|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d/-])"
)

CHECKS = (
    (DATE, _("a date of birth or another full date (day, month and year)")),
    (BIRTH_WORDS, _("a date of birth")),
    (RECORD_NUMBER, _("a medical record number")),
    (PHONE, _("a phone number")),
)


def find_identifier(text):
    """(what it looks like, the text matched) for the first identifier-like text, or None."""
    if not text:
        return None
    found = []
    for pattern, label in CHECKS:
        match = pattern.search(str(text))
        if match:
            found.append((match.start(), label, match.group(0).strip()))
    if not found:
        return None
    _start, label, matched = min(found, key=lambda item: item[0])
    return label, matched


def refuse_patient_identifiers(value):
    """A field validator: the field's error says what was found and what to do."""
    found = find_identifier(value)
    if found is not None:
        label, matched = found
        raise ValidationError(
            _(
                "This looks like %(kind)s: “%(text)s”. Leave out anything that could identify "
                "a patient (dates of birth or care, record numbers, phone numbers); describe "
                "what the staff did instead."
            ),
            code="patient_identifier",
            params={"kind": label, "text": matched},
        )
