"""Each awareness block renders what a reader needs, with the right accessible names."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model

from public_awareness import blocks

Document = get_document_model()

pytestmark = pytest.mark.django_db


def render(block, value, **context):
    return block.render(block.to_python(value), context=context)


def accessible_name_of_region(html):
    """The text of the element a region's aria-labelledby points to, tags removed."""
    label_id = re.search(r'aria-labelledby="([^"]+)"', html).group(1)
    heading = re.search(rf'id="{label_id}"[^>]*>(.*?)</h2>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", heading).split())


@pytest.mark.parametrize(
    ("level", "spoken", "css"),
    [
        ("emergency", "Emergency:", "usa-alert--emergency"),
        ("urgent", "Urgent:", "usa-alert--warning"),
        ("information", "Good to know:", "usa-alert--info"),
    ],
)
def test_callout_level_is_part_of_the_accessible_name(demo_site, level, spoken, css):
    value = {"level": level, "heading": "Call 911 now", "text": "<p>Now.</p>"}
    html = blocks.UrgentCalloutBlock().render(
        blocks.UrgentCalloutBlock().to_python(value), context={"settings": None}
    )
    assert accessible_name_of_region(html) == f"{spoken} Call 911 now"
    assert css in html
    assert "<section" in html


def test_emergency_callout_call_button_dials_the_configured_number(client, demo_site):
    from portal.models import ConsortiumSettings

    settings = ConsortiumSettings.for_site(demo_site)
    settings.emergency_number = "112"
    settings.save()
    html = client.get("/sepsis/know-the-signs/").content.decode()
    assert '<a class="usa-button usa-button--inverse portal-call-button" href="tel:112">' in html
    assert "Call 112" in html


def test_symptom_list_shows_signs_detail_and_note():
    block = blocks.SymptomListBlock()
    html = render(
        block,
        {
            "audience": "baby",
            "heading": "Signs in babies",
            "signs": [{"sign": "Floppy", "detail": "Hard to wake"}, {"sign": "Grunting"}],
            "note": "They may not have all of these signs.",
        },
    )
    assert "portal-symptoms--baby" in html
    assert re.search(r"<h2 id=\"signs-[^\"]*\">Signs in babies</h2>", html)
    assert html.count("<li>") == 2
    assert "Hard to wake" in html
    assert "They may not have all of these signs." in html


def test_mnemonic_letters_are_hidden_from_screen_readers_but_words_are_read():
    block = blocks.MnemonicBlock()
    html = render(
        block,
        {
            "heading": "Ask for HELP",
            "letters": [
                {"letter": "H", "word": "Hot or cold", "explanation": "Fever or chills."},
                {"letter": "E", "word": "Extreme pain", "explanation": "The worst pain."},
            ],
        },
    )
    assert '<span class="portal-mnemonic__letter" aria-hidden="true">H</span>' in html
    assert "<strong>Hot or cold</strong>: Fever or chills." in html
    assert "<ol" in html


def test_faq_uses_native_details_that_work_without_javascript():
    block = blocks.FAQBlock()
    html = render(
        block,
        {
            "heading": "Questions",
            "questions": [{"question": "Is it contagious?", "answer": "<p>No.</p>"}],
        },
    )
    assert re.search(r"<details[^>]*>\s*<summary>Is it contagious\?</summary>", html)
    assert "<p>No.</p>" in html


def test_fact_sheet_shows_format_and_size():
    document = Document(title="Sepsis fact sheet")
    document.file.save("sepsis-fact-sheet.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 290_000))
    document.save()
    block = blocks.FactSheetBlock()
    html = render(block, {"document": document.pk, "title": "", "description": "One page."})
    assert "Sepsis fact sheet" in html
    assert "(PDF, 283.2\xa0KB)" in html
    assert document.url in html


def test_related_links_render_page_titles(home_page):
    about = home_page.get_children().get(slug="about")
    block = blocks.RelatedLinksBlock()
    html = render(block, {"heading": "Read next", "links": [{"page": about.pk}]})
    assert f'href="{about.url}"' in html and "About the consortium" in html


def stream(*children):
    block = blocks.AwarenessStreamBlock()
    return block, StreamValue(
        block, [(name, block.child_blocks[name].to_python(v)) for name, v in children]
    )


def callout(level):
    return (
        "callout",
        {"level": level, "heading": "Act", "text": "<p>Now.</p>", "show_call_button": False},
    )


def test_a_page_may_have_only_one_emergency_callout():
    block, value = stream(callout("emergency"), callout("urgent"), callout("information"))
    block.clean(value)  # one emergency is fine
    block, value = stream(callout("emergency"), callout("emergency"))
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "only one emergency callout" in str(error.value.as_json_data())


def test_an_empty_required_block_cannot_be_saved():
    block, value = stream(
        ("callout", {"level": "urgent", "heading": "", "text": "", "show_call_button": False})
    )
    with pytest.raises(ValidationError):
        block.clean(value)
    block, value = stream(("symptom_list", {"audience": "adult", "heading": "Signs", "signs": []}))
    with pytest.raises(ValidationError):
        block.clean(value)
