"""Journey: a hospital's quality lead finds a toolkit for their setting, logs in and downloads
a members-only file and the whole toolkit as a ZIP.

The portal's own scripts are blocked throughout: filtering is a plain form and the rest is
links and forms, so everything here works without JavaScript (axe is still added).
"""

import hashlib
import io
import re
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.test_toolkits import listed_titles, no_scripts
from tests.e2e.journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

QUALITY_LEAD = "david.chen@example.org"  # "Quality analyst" at a member organization
AUDIENCE = "quality-safety-leads"
CARE_SETTING = "emergency-department"
TOOLKIT = "Emergency department sepsis recognition and time zero"


@pytest.fixture
def expected(demo_site):
    """Read before the browser starts: the toolkits the filters should leave, and the
    chosen toolkit's files (which are for members only)."""
    from toolkits.models import ToolkitPage

    live = ToolkitPage.objects.live().public()
    chosen = live.filter(audiences__slug=AUDIENCE).filter(care_settings__slug=CARE_SETTING)
    toolkit = live.get(title=TOOLKIT)
    files = {  # by file name: a PDF and its Word source share a title
        resource.document.filename: {
            "title": resource.document.title,
            "members_only": resource.document.collection.get_view_restrictions().exists(),
        }
        for resource in toolkit.resources.select_related("document__collection")
    }
    assert any(f["members_only"] for f in files.values()), "the demo needs a members' file"
    assert not all(f["members_only"] for f in files.values())
    return {
        "titles": sorted(chosen.distinct().values_list("title", flat=True)),
        "total": live.count(),
        "url": toolkit.url,
        "version": toolkit.version,
        "zip": f"emergency-department-sepsis-recognition-and-time-zero-v{toolkit.version}.zip",
        "files": files,
    }


def download_all(page, tmp_path, expected):
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all files (ZIP)").click()
    download = download_info.value
    assert download.suggested_filename == expected["zip"]
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    archive = zipfile.ZipFile(path)
    assert archive.testzip() is None, "a file in the ZIP is damaged"
    return archive


def test_a_quality_lead_filters_logs_in_and_downloads_members_files(expected, journey, tmp_path):
    page = no_scripts(journey.page())
    journey.visit(page, "/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Toolkits"
    ).click()
    journey.arrive(page, "/toolkits/")
    expect(page.locator("#results-heading")).to_have_text(f"{expected['total']} toolkits")

    # Tick two filters and send the form.
    filters = page.get_by_role("form", name="Narrow the list")
    filters.locator(f"label[for='audience-{AUDIENCE}']").click()
    filters.locator(f"label[for='care_setting-{CARE_SETTING}']").click()
    filters.get_by_role("button", name="Show toolkits").click()
    journey.arrive(
        page, re.compile(rf"\?(?=.*audience={AUDIENCE})(?=.*care_setting={CARE_SETTING})")
    )
    expect(page.locator(f"#audience-{AUDIENCE}")).to_be_checked()
    expect(page.locator(f"#care_setting-{CARE_SETTING}")).to_be_checked()
    assert sorted(listed_titles(page)) == expected["titles"]
    assert TOOLKIT in expected["titles"] and len(expected["titles"]) < expected["total"]

    page.get_by_role("link", name=TOOLKIT).click()
    journey.arrive(page, expected["url"])
    files = page.locator(".portal-resources").first.locator(".portal-resources__item")
    expect(files).to_have_count(len(expected["files"]))
    name, members_file = next(
        (name, f["title"]) for name, f in expected["files"].items() if f["members_only"]
    )
    expect(files.filter(has_text=members_file).locator(".usa-tag")).to_contain_text(
        ["Members only"]
    )

    # Before logging in, the ZIP leaves the members' file out and says so.
    anonymous = download_all(page, tmp_path / "anonymous", expected)
    manifest = anonymous.read("MANIFEST.txt").decode()
    assert manifest.split("Not included")[1].count(members_file) == 1
    public = [file_name for file_name, f in expected["files"].items() if not f["members_only"]]
    assert sorted(anonymous.namelist()) == sorted(["MANIFEST.txt", *public])

    # Log in from the header; the login brings the lead back to the toolkit.
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Log in"
    ).click()
    journey.arrive(page, re.compile(r"/accounts/login/\?next="))
    log_in(journey, page, QUALITY_LEAD)
    journey.arrive(page, expected["url"])
    # The page as a logged-in member sees it, not the copy kept for visitors.
    updates = page.get_by_role("region", name="Hear about new versions")
    expect(updates.get_by_role("button", name="E-mail me about new versions")).to_be_visible()

    # The members' file. Clicked, Chromium would show the PDF in its viewer; the lead saves
    # it instead (Alt+click: Chromium's "download the link").
    with page.expect_download() as download_info:
        page.get_by_role("link", name=members_file).click(modifiers=["Alt"])
    download = download_info.value
    assert download.suggested_filename == name
    download.save_as(tmp_path / name)
    pdf = (tmp_path / name).read_bytes()
    assert "audit worksheet" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text().lower()

    # Logged in, "Download all" holds every file, listed with its checksum in the manifest.
    archive = download_all(page, tmp_path / "member", expected)
    assert sorted(archive.namelist()) == sorted(["MANIFEST.txt", *expected["files"]])
    manifest = archive.read("MANIFEST.txt").decode()
    assert "Not included" not in manifest
    assert f"Version {expected['version']}, released" in manifest
    for file_name, file in expected["files"].items():
        entry = manifest.split(f"- {file_name}\n", 1)[1].split("\n- ", 1)[0]
        assert file["title"] in entry
        checksum = hashlib.sha256(archive.read(file_name)).hexdigest()
        assert f"SHA-256: {checksum}" in entry, f"{file_name}: checksum differs"
    assert archive.read(name) == pdf
