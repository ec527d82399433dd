"""Reading grades use a measure made for the page's language, or none at all."""

from public_awareness import readability


def test_english_uses_flesch_kincaid():
    result = readability.assess(["Sepsis is an emergency.", "Call 911 now."], "en-us")
    assert result.measure == "Flesch-Kincaid grade"
    assert result.measured and result.meets_target


def test_long_english_sentences_are_flagged_above_target():
    text = (
        "Notwithstanding considerable heterogeneity in institutional implementation, "
        "multidisciplinary organizational commitment to standardized physiological "
        "surveillance substantially ameliorates septicemia-associated mortality."
    )
    result = readability.assess([text], "en-us")
    assert result.grade > readability.TARGET_GRADE
    assert not result.meets_target


def test_spanish_uses_a_spanish_measure():
    result = readability.assess(["La sepsis es una emergencia.", "Llame al 911."], "es")
    assert result.measure == "Crawford grade"
    assert result.measured


def test_portuguese_is_marked_not_measured_rather_than_scored_as_english():
    result = readability.assess(["A sepse é uma emergência médica."], "pt")
    assert result.grade is None and result.measure is None
    assert not result.measured and not result.meets_target


def test_each_fragment_counts_as_a_sentence():
    # A list of signs without full stops must not read as one endless sentence.
    fragments = ["Fever", "Fast breathing", "Confusion", "Clammy skin", "Very bad pain"]
    assert readability.as_sentences(fragments) == (
        "Fever. Fast breathing. Confusion. Clammy skin. Very bad pain."
    )
    listed = readability.assess(fragments, "en")
    run_on = readability.assess([" ".join(fragments * 4)], "en")
    assert listed.grade < run_on.grade


def test_empty_text_is_not_measured():
    assert not readability.assess(["", "   "], "en").measured
