"""The patient-identifier check: what it refuses, and the clinical numbers it lets through."""

import pytest

from excellence.identifiers import find_identifier

REFUSED = {
    "DOB 3/14/2019": "date of birth",
    "born 03-14-19 at home": "full date",
    "admitted 2026-02-11": "full date",
    "seen on March 14, 2026 in the ED": "full date",
    "on 14 March 2026": "full date",
    "the date of birth was checked": "date of birth",
    "MRN 00482913": "medical record number",
    "MRN: A12345": "medical record number",
    "medical record number 77812": "medical record number",
    "record 0048291377 was flagged": "medical record number",
    "call her at (617) 555-0134": "phone number",
    "phone 617-555-0134": "phone number",
    "+1 617.555.0134": "phone number",
}

ALLOWED = [
    "Antibiotics within 1 hour of time zero.",
    "2 of 3 bundles were complete; 30 mL/kg of fluid by 3 hours.",
    "Lactate 4.2, MAP 65, heart rate 128 at 10:42.",
    "Blood pressure 90/60 after the first bolus.",
    "In March 2026 the unit reached 85% compliance.",
    "The 2025 audit showed 1,250 screens.",
    "A 48-hour antibiotic review, 7 to 10 days of treatment.",
    "Team of 12 on a 24/7 rota.",
    "",
]


@pytest.mark.parametrize("text,kind", REFUSED.items())
def test_identifier_like_text_is_found(text, kind):
    found = find_identifier(text)
    assert found is not None, text
    label, matched = found
    assert kind in str(label)
    assert matched in text


@pytest.mark.parametrize("text", ALLOWED)
def test_clinical_numbers_are_not_mistaken_for_identifiers(text):
    assert find_identifier(text) is None
