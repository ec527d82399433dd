"""The stylesheet every public page loads stays small, keeps what the templates use, and ships
only the font faces its text needs, the first of them fetched with it. The stylesheet is the
one `npm run build` makes (Sass, then assets/purge-css.mjs removes the rules no markup
names): when it is missing or older than the markup and assets it is made from, these tests
build it first, and fail (never skip) when it cannot be built."""

import fcntl
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
BUILT = ROOT / "static_build" / "portal" / "css" / "portal.css"
FONTS = ROOT / "static_build" / "portal" / "fonts"
# Uncompressed: what a phone parses before it draws the page.
STYLESHEET_BUDGET = 150 * 1024
# Top-level folders that hold no markup (assets/purge-css.mjs reads the others).
NOT_MARKUP = {"node_modules", "static_build", "staticfiles", "tests", "scripts", "docs", "locale"}


def app_folders():
    return [
        folder
        for folder in sorted(ROOT.iterdir())
        if folder.is_dir()
        and not folder.name.startswith(".")
        and folder.name not in NOT_MARKUP
        and any(folder.glob("*.py"))
    ]


def template_files():
    for folder in [ROOT / "templates", *(app / "templates" for app in app_folders())]:
        yield from folder.rglob("*.html")


def build_sources():
    """What the build reads: the assets, the lock file, the templates and the apps' Python."""
    yield ROOT / "package-lock.json"
    yield from (path for path in (ROOT / "assets").rglob("*") if path.is_file())
    yield from template_files()
    for app in app_folders():
        yield from (path for path in app.rglob("*.py") if "migrations" not in path.parts)


def is_stale():
    if not BUILT.exists():
        return True
    built = BUILT.stat().st_mtime
    return any(source.stat().st_mtime > built for source in build_sources())


def build():
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(
            f"{BUILT} is missing or older than its sources, and npm is not installed to build "
            "it: install Node.js and npm, then run `make install`",
            pytrace=False,
        )
    done = subprocess.run(  # noqa: S603 - npm's own build script
        [npm, "run", "--silent", "build"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode or not BUILT.exists():
        pytest.fail(
            f"`npm run build` failed (exit {done.returncode}), so {BUILT} cannot be checked "
            f"(run `npm ci` if node_modules is missing):\n{done.stdout}\n{done.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def stylesheet():
    BUILT.parent.parent.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time when several test processes find the stylesheet stale.
    with open(ROOT / "static_build" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_stale():
            build()
    return BUILT.read_text()


def test_the_stylesheet_is_within_its_budget(stylesheet):
    size = len(stylesheet.encode())
    assert size <= STYLESHEET_BUDGET, (
        f"portal.css is {size:,} B, budget {STYLESHEET_BUDGET:,} B: forward only the USWDS "
        "packages the templates use (assets/scss/portal.scss)"
    )


def literal_names(value):
    # A tag ({% if %}) separates names; a name built from a variable ("usa-{{ type }}")
    # cannot be checked here.
    literal = re.sub(r"\{%.*?%\}", " ", value)
    literal = re.sub(r"\{\{.*?\}\}", "{}", literal)
    return {name for name in literal.split() if "{" not in name}


def classes_in_markup():
    found = set()
    for template in template_files():
        for value in re.findall(r'class="([^"]*)"', template.read_text()):
            found |= literal_names(value)
    # Form widgets and views that set classes in Python ({"class": "usa-input"}).
    for app in app_folders():
        for module in app.rglob("*.py"):
            source = module.read_text()
            for value in re.findall(r"""["']class["']\s*:\s*["']([^"']*)["']""", source):
                found |= literal_names(value)
    return found


# USWDS's components and the utilities the templates use (every utility is compiled; the
# purge must keep each one named).
USWDS_PREFIXES = ["usa-", "grid-", "tablet:", "desktop:", "margin-", "padding-", "display-"]
USWDS_PREFIXES += ["text-", "font-", "bg-", "border-", "width-", "maxw-"]


@pytest.mark.parametrize("prefix", USWDS_PREFIXES)
def test_the_uswds_classes_the_markup_names_have_rules(stylesheet, prefix):
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
    named = {name for name in classes_in_markup() if name.startswith(prefix)}
    assert named, f"no class starting {prefix!r} in the templates"
    missing = sorted(named - selectors - unstyled)
    assert not missing, f"classes the templates use with no rule in portal.css: {missing}"


def font_faces(stylesheet):
    return [
        {
            "family": re.search(r"font-family:\s*\"?([^\";]+)", face).group(1),
            "style": re.search(r"font-style:\s*(\w+)", face).group(1),
            "weight": re.search(r"font-weight:\s*(\w+)", face).group(1),
            "urls": re.findall(r"url\(\"?([^\")]+)\"?\)", face),
        }
        for face in re.findall(r"@font-face\s*\{([^}]*)\}", stylesheet)
    ]


def test_only_the_faces_the_text_uses_are_declared_and_shipped(stylesheet):
    """Public Sans in the two weights the pages use (body and bold), upright and italic
    (rich text's emphasis, alone and with bold): no other family, weight or format."""
    faces = font_faces(stylesheet)
    assert {(face["family"], face["style"], face["weight"]) for face in faces} == {
        ("Public Sans Web", style, weight)
        for style in ("normal", "italic")
        for weight in ("400", "700")
    }
    declared = set()
    for face in faces:
        assert len(face["urls"]) == 1 and face["urls"][0].endswith(".woff2"), face
        font = (BUILT.parent / face["urls"][0]).resolve()
        assert font.is_file(), f"@font-face names {face['urls'][0]}, which the build did not ship"
        declared.add(font)
    shipped = {path.resolve() for path in FONTS.rglob("*") if path.is_file()}
    assert shipped == declared, f"fonts shipped that no @font-face uses: {shipped - declared}"


@pytest.mark.bare
@pytest.mark.django_db
def test_pages_preload_the_faces_their_text_uses(client, home_page, stylesheet):
    html = client.get("/").content.decode()
    preloads = re.findall(r"<link rel=\"preload\"[^>]*>", html)
    fonts = [link for link in preloads if 'as="font"' in link]
    preloaded = [re.search(r'href="([^"]+)"', link).group(1) for link in fonts]
    assert {Path(url).name for url in preloaded} == {
        "PublicSans-Regular.woff2",
        "PublicSans-Bold.woff2",
    }
    # Fonts are fetched in CORS mode: a preload without `crossorigin` is fetched twice.
    assert all('type="font/woff2"' in link and "crossorigin" in link for link in fonts), fonts
    faces = {url for face in font_faces(stylesheet) for url in face["urls"]}
    for url in preloaded:
        assert url.startswith(settings.STATIC_URL), url
        built = finders.find(url.removeprefix(settings.STATIC_URL))
        assert built, f"{url} is preloaded but the build did not ship it"
        assert Path(built).resolve().is_relative_to(FONTS.resolve()), built
        assert any(Path(url).name == Path(face).name for face in faces), (
            f"{url} is preloaded but no @font-face uses it"
        )
