"""The stylesheet every public page loads stays small, keeps what the templates use, and the
fonts its text needs are fetched with it. The stylesheet is the one `make install` built
(`npm run build`: Sass, then assets/purge-css.mjs removes the rules no markup names)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BUILT = Path(settings.BASE_DIR) / "static_build" / "portal" / "css" / "portal.css"
# Uncompressed: what a phone parses before it draws the page.
STYLESHEET_BUDGET = 150 * 1024


@pytest.fixture(scope="module")
def stylesheet():
    assert BUILT.exists(), f"{BUILT} is missing: run `make install` (npm run build) first"
    return BUILT.read_text()


def test_the_stylesheet_is_within_its_budget(stylesheet):
    size = len(stylesheet.encode())
    assert size <= STYLESHEET_BUDGET, (
        f"portal.css is {size:,} B, budget {STYLESHEET_BUDGET:,} B: forward only the USWDS "
        "packages the templates use (assets/scss/portal.scss)"
    )


def classes_in_templates():
    found = set()
    for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        for value in re.findall(r'class="([^"]*)"', template.read_text()):
            # Only the literal names: a name built from a variable cannot be checked here.
            literal = re.sub(r"\{[{%].*?[%}]\}", "{}", value)
            found.update(name for name in literal.split() if "{" not in name)
    return found


@pytest.mark.parametrize("prefix", ["usa-", "grid-", "tablet:", "desktop:", "margin-", "display-"])
def test_the_uswds_classes_the_templates_name_have_rules(stylesheet, prefix):
    """Removing unused rules must never remove a used one (nor compiling too few packages)."""
    selectors = set(re.findall(r"\.((?:[a-z-]+\\:)?[a-z0-9_-]+)", stylesheet))
    selectors = {selector.replace("\\:", ":") for selector in selectors}
    # Names USWDS's markup carries with no rule of their own, and the slim footer's, whose
    # rules style only parts (a logo, an address) this footer does not have.
    unstyled = {
        "usa-pagination__link-text",
        "usa-pagination__page-no",
        "usa-summary-box__body",
        "usa-footer--slim",
    }
    named = {name for name in classes_in_templates() if name.startswith(prefix)}
    assert named, f"no class starting {prefix!r} in the templates"
    missing = sorted(named - selectors - unstyled)
    assert not missing, f"classes the templates use with no rule in portal.css: {missing}"


@pytest.mark.bare
@pytest.mark.django_db
def test_pages_preload_the_faces_their_text_uses(client, home_page, stylesheet):
    html = client.get("/").content.decode()
    preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="font"', html)
    assert {Path(url).name for url in preloaded} == {
        "PublicSans-Regular.woff2",
        "PublicSans-Bold.woff2",
    }
    for url in preloaded:
        assert Path(url).name in stylesheet, f"{url} is preloaded but no @font-face uses it"
    assert re.search(r'as="font" type="font/woff2" crossorigin>', html)
