"""A version's change log in e-mail: the editor's structure kept, anything else dropped, links
made absolute, and nothing that runs."""

from toolkits.change_logs import as_html, as_text

STORED = (
    '<p>New <b>dosing</b> table, see <a href="/toolkits/ed/">the toolkit</a>.</p>'
    "<ul><li>Triage card</li><li>Handoff form</li></ul>"
    '<p onclick="steal()">Read <a href="javascript:alert(1)">this</a>'
    '<script>steal()</script><img src="x" onerror="steal()"></p>'
)


def test_the_html_keeps_the_structure_and_drops_what_could_run():
    html = as_html(STORED, base_url="https://portal.example.org")
    assert '<a href="https://portal.example.org/toolkits/ed/">the toolkit</a>' in html
    assert "<ul><li>Triage card</li><li>Handoff form</li></ul>" in html
    assert "<b>dosing</b>" in html
    for unsafe in ("javascript:", "<script", "steal", "onclick", "<img", "onerror"):
        assert unsafe not in html


def test_the_text_lists_items_and_gives_link_addresses():
    text = as_text(STORED, base_url="https://portal.example.org")
    assert text.splitlines()[:4] == [
        "New dosing table, see the toolkit <https://portal.example.org/toolkits/ed/>.",
        "",
        "- Triage card",
        "- Handoff form",
    ]
    assert "steal" not in text and "javascript" not in text
