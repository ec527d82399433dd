"""Journey: a member of the public reads the symptom guide in Spanish and prints it.

They find the guide from the home page, switch to Spanish with the language switcher and
press "Imprimir esta página". The printed version (print media, and the PDF Chromium makes
of it) keeps the call-911 advice and the signs, and leaves out the site's header, navigation,
search box, language switcher and footer, as the print stylesheet (assets/scss/_print.scss)
says; a line at the top names the consortium and the page's address, and the review date is
printed at the end.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

CALL_911 = "Llame al 911 ahora si una persona con una infección tiene alguna de estas señales"
SITE_FRAME = {
    "the navigation": lambda page: page.get_by_role("navigation", name="Navegación principal"),
    "the search box": lambda page: page.locator("#site-search"),
    "the language switcher": lambda page: page.get_by_role("link", name="English", exact=True),
    "the skip link": lambda page: page.get_by_role("link", name="Ir al contenido principal"),
    "the footer": lambda page: page.get_by_role("contentinfo"),
}

PRINTED_WITHOUT = [
    "Ir al contenido principal",  # the skip link
    "Iniciar sesión",  # the navigation
    "Português",  # the language switcher
    "consortium@example.org",  # the footer
]


def test_the_public_reads_the_symptom_guide_in_spanish_and_prints_it(journey):
    page = journey.page()
    journey.visit(page, "/")

    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Sepsis: what everyone should know"
    ).click()
    journey.arrive(page, "/sepsis/")
    page.get_by_role("main").get_by_role("link", name="Sepsis: know the signs").click()
    journey.arrive(page, "/sepsis/know-the-signs/")

    page.get_by_role("navigation", name="This page in other languages").get_by_role(
        "link", name="Español"
    ).click()
    journey.arrive(page, "/es/sepsis/conozca-las-senales/")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.get_by_role("heading", level=1)).to_have_text("Sepsis: conozca las señales")
    emergency = page.get_by_role("region", name=re.compile(r"^Emergencia: "))
    expect(emergency).to_contain_text(CALL_911)
    expect(emergency.get_by_role("link", name="Llame al 911")).to_have_attribute("href", "tel:911")
    for what, find in SITE_FRAME.items():
        expect(find(page).first, f"{what} on screen").to_be_visible()

    # The print button opens the browser's print dialog (headless Chromium has none).
    page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
    page.get_by_role("button", name="Imprimir esta página").click()
    assert page.evaluate("() => window.__printed") == 1

    page.emulate_media(media="print")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text(CALL_911)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for what, find in SITE_FRAME.items():
        expect(find(page).first, f"{what} when printed").to_be_hidden()
    journey.check(page, "the Spanish symptom guide as printed")

    printed = PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages
    assert len(printed) <= 2, "the fact sheet is printed on both sides of one sheet at most"
    words = " ".join(" ".join(sheet.extract_text() for sheet in printed).split())
    # Whose sheet it is, where to find it again and when it was last reviewed.
    assert "Massachusetts Sepsis Consortium" in words
    assert "/es/sepsis/conozca-las-senales/" in words
    assert "Última revisión de la página: 1 de octubre de 2026" in words
    assert "Sepsis: conozca las señales" in words
    assert CALL_911 in words
    assert "Recuerde la palabra MIRE" in words  # the memory aid of the signs
    for absent in PRINTED_WITHOUT:
        assert absent not in words, f"{absent!r} is printed"
