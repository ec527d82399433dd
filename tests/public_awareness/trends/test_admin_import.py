"""Staff import a data release in the admin: upload, preview (nothing written), confirm or cancel.

Only users with "Can import a data release" (or superusers) may; bad files are explained and
change nothing; an upload waits in private storage, bound to the user who made it.
"""

import html
import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from public_awareness.trends import parsers
from public_awareness.trends.importing import import_release
from public_awareness.trends.models import DataRelease, Observation
from tests.conftest import activate_totp, force_login_with_mfa
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("no_trend_data"),
    pytest.mark.postgresql,
]

FIXTURES = Path(__file__).parent / "fixtures"
CMS_STATE = FIXTURES / "cms_state_bom.csv"  # SEP_1 for MA (58) and RI (62), Oct 2022–Sep 2023

IMPORT = "/admin/trends/import/"
CONFIRM = "/admin/trends/import/confirm/"
CANCEL = "/admin/trends/import/cancel/"
RELEASES = "/admin/trends/releases/"

HEADER = (
    "indicator,geography,stratum,period_start,period_end,numerator,denominator,value,footnote\n"
)
# Against CMS_STATE: MA revised 58 → 59, RI unchanged, VT new.
REVISION = (
    HEADER
    + 'SEP_1,MA,,2022-10-01,2023-09-30,,,59,"25, 26"\n'
    + 'SEP_1,RI,,2022-10-01,2023-09-30,,,62,"25, 26"\n'
    + "SEP_1,VT,,2022-10-01,2023-09-30,,,50,\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pending_files(media):
    """The files waiting in the private upload directory."""
    root = Path(media) / "trend-imports"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def admin_user(*permissions):
    """A non-superuser with admin access (and MFA) in a group with these permissions."""
    group = Group.objects.create(name=f"Group with {', '.join(permissions)}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *(
            Permission.objects.get(content_type__app_label="trends", codename=codename)
            for codename in permissions
        ),
    )
    user = UserFactory()
    user.groups.add(group)
    activate_totp(user)
    return user


@pytest.fixture
def importer():
    return admin_user("import_release")


def upload(client, name, content, **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content), **fields})


def text(response):
    """The page's HTML, with entities decoded."""
    return html.unescape(response.content.decode())


def visible_html(markup):
    """Words as a reader sees them: no tags, single spaces."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def visible(response):
    return visible_html(response.content.decode())


def token_of(response):
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, "the preview offers no confirm button"
    return match.group(1)


def test_preview_shows_new_observations_and_writes_nothing(admin_client, media):
    response = upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes())
    assert response.status_code == 200
    page = text(response)
    words = visible(response)
    assert "cms-state" in words and "Rows read 2" in words
    assert "2 new observations" in words
    assert "0 revised values" in words and "0 unchanged observations" in words
    new_table = page.split('id="new-observations"')[1].split("</table>")[0]
    assert "MA" in new_table and "RI" in new_table and "SEP_1" in new_table
    assert "2022-10-01 – 2023-09-30" in new_table and "58" in new_table
    assert "Import this release" in page
    token_of(response)
    assert not DataRelease.objects.exists() and not Observation.objects.exists()
    assert [p.suffix for p in pending_files(media)] == [".csv", ".json"]


def test_preview_of_a_revision_shows_old_and_new_values(admin_client):
    import_release(CMS_STATE.read_bytes(), CMS_STATE.name)
    response = upload(admin_client, "revision.csv", REVISION.encode())
    page = text(response)
    words = visible(response)
    assert "1 new observation " in words
    assert "1 revised value " in words
    assert "1 unchanged observation " in words
    revised = visible_html(page.split('id="revised-observations"')[1].split("</table>")[0])
    assert "SEP_1 MA — 2022-10-01 – 2023-09-30 58; footnotes 25, 26 → 59; footnotes 25, 26" in (
        revised
    )
    assert "RI" not in revised
    assert "VT" in page.split('id="new-observations"')[1].split("</table>")[0]
    assert DataRelease.objects.count() == 1 and Observation.objects.count() == 2


def test_confirm_imports_the_release_as_the_user(admin_client, superuser, media):
    preview = upload(
        admin_client,
        CMS_STATE.name,
        CMS_STATE.read_bytes(),
        source="CMS, September 2023 refresh",
        released_on="2023-09-25",
    )
    response = admin_client.post(CONFIRM, {"token": token_of(preview)}, follow=True)
    assert response.redirect_chain[-1][0] == RELEASES
    assert "Imported cms_state_bom.csv: 2 new, 0 revised, 0 unchanged." in visible(response)
    release = DataRelease.objects.get()
    assert release.imported_by == superuser
    assert (release.dialect, release.source, str(release.released_on)) == (
        "cms-state",
        "CMS, September 2023 refresh",
        "2023-09-25",
    )
    assert (release.rows_read, release.observations_new) == (2, 2)
    assert Observation.objects.filter(release=release).count() == 2
    assert pending_files(media) == []
    assert "cms_state_bom.csv" in text(admin_client.get(RELEASES))


def test_confirming_a_revision_keeps_the_history(admin_client):
    import_release(CMS_STATE.read_bytes(), CMS_STATE.name)
    preview = upload(admin_client, "revision.csv", REVISION.encode())
    response = admin_client.post(CONFIRM, {"token": token_of(preview)}, follow=True)
    assert "Imported revision.csv: 1 new, 1 revised, 1 unchanged." in visible(response)
    ma = Observation.objects.filter(geography="MA").order_by("pk")
    assert [(o.value, o.is_current) for o in ma] == [(58, False), (59, True)]
    assert DataRelease.objects.get(filename="revision.csv").observations_revised == 1


def test_confirm_plans_again_when_the_data_changed_since_the_preview(admin_client):
    preview = upload(admin_client, "revision.csv", REVISION.encode())
    assert "3 new observations" in visible(preview)
    import_release(CMS_STATE.read_bytes(), CMS_STATE.name)  # someone else, meanwhile

    again = admin_client.post(CONFIRM, {"token": token_of(preview)})
    words = visible(again)
    assert again.status_code == 200 and "data changed since your preview" in words
    assert "1 new observation " in words and "1 revised value " in words
    assert DataRelease.objects.count() == 1

    done = admin_client.post(CONFIRM, {"token": token_of(again)}, follow=True)
    assert "Imported revision.csv: 1 new, 1 revised, 1 unchanged." in visible(done)
    assert DataRelease.objects.count() == 2


def test_a_file_imported_before_offers_nothing_to_confirm(admin_client, media):
    import_release(CMS_STATE.read_bytes(), CMS_STATE.name)
    response = upload(admin_client, "same-bytes-new-name.csv", CMS_STATE.read_bytes())
    page = text(response)
    assert "This file was imported before, as cms_state_bom.csv" in page
    assert "nothing to confirm" in page
    assert 'name="token"' not in page
    assert pending_files(media) == []
    assert DataRelease.objects.count() == 1 and Observation.objects.count() == 2


def binary_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "file, messages",
    [
        (None, ["Choose a CSV file to import."]),
        (("empty.csv", b""), ["The file is empty."]),
        (("blank-lines.csv", b"\n\n\n"), ["the file is empty; expected a header row"]),
        (
            ("notes.csv", b"color,shape\nred,round\n"),
            ["Unrecognized file", *parsers.DIALECTS],
        ),
        (("data.xlsx", binary_workbook()), ["This is not a CSV file", "Excel workbook"]),
        (("image.csv", b"\x00\x01\x02binary\x00" * 50), ["This is not a CSV file"]),
    ],
    ids=["no file", "empty", "only blank lines", "unrecognized header", "workbook", "binary"],
)
def test_bad_input_is_explained_and_changes_nothing(admin_client, media, file, messages):
    data = {"file": SimpleUploadedFile(*file)} if file else {}
    response = admin_client.post(IMPORT, data)
    assert response.status_code == 200
    page = text(response)
    for message in messages:
        assert message in page
    assert 'name="token"' not in page
    assert pending_files(media) == []
    assert not DataRelease.objects.exists() and not Observation.objects.exists()


@override_settings(TRENDS_MAX_UPLOAD_BYTES=100)
def test_a_file_over_the_limit_is_refused(admin_client, media):
    response = upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes())
    assert "The file is larger than 100 bytes" in visible(response)
    assert 'name="token"' not in visible(response)
    assert pending_files(media) == [] and not DataRelease.objects.exists()


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the oversized upload was read")


def test_an_oversized_upload_is_refused_before_it_is_read(superuser, media):
    # CSRF checks on, as in a browser: the CSRF middleware must not read the body either.
    client = Client(enforce_csrf_checks=True)
    force_login_with_mfa(client, superuser)
    client.get(IMPORT)  # sets the CSRF cookie; the middleware would look for the token in the body
    assert "csrftoken" in client.cookies
    response = client.generic(
        "POST",
        IMPORT,
        CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(2 * 1024**3),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "The file is larger than 200.0 MB" in visible(response)
    assert pending_files(media) == []


def test_the_upload_still_needs_a_csrf_token(superuser, media):
    client = Client(enforce_csrf_checks=True)
    force_login_with_mfa(client, superuser)
    response = upload(client, CMS_STATE.name, CMS_STATE.read_bytes())
    assert response.status_code == 403
    assert pending_files(media) == []


def test_errors_are_listed_with_line_and_column(admin_client, media):
    bad = (
        HEADER
        + "SEP_1,MA,,2023-01-01,2023-03-31,580,1000,58,\n"
        + "SEP_1,MA,,2023-04-01,2023-06-30,600,1000,lots,\n"
        + "SEP_1,MA,,2023-07-01,2023-06-30,620,1000,62,\n"
    )
    response = upload(admin_client, "bad.csv", bad.encode())
    page = text(response)
    assert "The file has 2 problems and cannot be imported" in page
    rows = re.findall(r'<tr class="trends-import-error">(.*?)</tr>', page, re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    assert cells[0][:2] == ["3", "value"] and "'lots' is not a number" in cells[0][2]
    assert cells[1][0] == "4" and "before it starts" in cells[1][2]
    assert "Import this release" not in page and 'name="token"' not in page
    assert pending_files(media) == [] and not Observation.objects.exists()


def test_a_long_list_of_errors_is_capped(admin_client):
    bad = HEADER + "SEP_1,MA,,2023-01-01,2023-03-31,,,lots,\n" * 60
    page = text(upload(admin_client, "bad.csv", bad.encode()))
    assert len(re.findall(r'<tr class="trends-import-error">', page)) == 50
    assert "… and 10 more problems, not shown." in page


def test_another_user_cannot_confirm_or_cancel_your_upload(admin_client, importer, media):
    preview = upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes())
    token = token_of(preview)

    other = Client()
    force_login_with_mfa(other, importer)
    for url in (CONFIRM, CANCEL):
        response = other.post(url, {"token": token}, follow=True)
        assert response.status_code == 200
        assert not DataRelease.objects.exists()
    assert "no longer waiting to be imported" in text(
        other.post(CONFIRM, {"token": token}, follow=True)
    )
    assert len(pending_files(media)) == 2  # still there for its owner

    admin_client.post(CONFIRM, {"token": token})
    assert DataRelease.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    ["A" * 43, "../../../../etc/passwd", "", "x" * 500],
    ids=["unknown", "path", "empty", "long"],
)
def test_an_unknown_token_is_explained(admin_client, token):
    response = admin_client.post(CONFIRM, {"token": token}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == IMPORT
    assert "That upload is no longer waiting to be imported" in visible(response)
    assert not DataRelease.objects.exists()


def test_a_confirmed_or_canceled_token_is_stale(admin_client):
    token = token_of(upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes()))
    admin_client.post(CONFIRM, {"token": token})
    again = admin_client.post(CONFIRM, {"token": token}, follow=True)
    assert "no longer waiting to be imported" in visible(again)
    assert DataRelease.objects.count() == 1


def test_an_expired_upload_is_stale_and_deleted(admin_client, media):
    token = token_of(upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes()))
    details = next(p for p in pending_files(media) if p.suffix == ".json")
    meta = json.loads(details.read_text())
    meta["uploaded_at"] = (timezone.now() - timedelta(days=2)).isoformat()
    details.write_text(json.dumps(meta))

    response = admin_client.post(CONFIRM, {"token": token}, follow=True)
    assert "no longer waiting to be imported" in visible(response)
    assert pending_files(media) == [] and not DataRelease.objects.exists()


def test_cancel_deletes_the_uploaded_file(admin_client, media):
    token = token_of(upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes()))
    assert len(pending_files(media)) == 2
    response = admin_client.post(CANCEL, {"token": token}, follow=True)
    assert response.redirect_chain[-1][0] == RELEASES
    assert "Import canceled: cms_state_bom.csv was not imported" in visible(response)
    assert pending_files(media) == []
    assert not DataRelease.objects.exists()


def test_a_user_without_the_permission_gets_403_everywhere(admin_client, editor_with_mfa, media):
    token = token_of(upload(admin_client, CMS_STATE.name, CMS_STATE.read_bytes()))
    import_release(REVISION.encode(), "earlier.csv")
    release = DataRelease.objects.get()

    client = Client()
    force_login_with_mfa(client, editor_with_mfa)
    assert client.get("/admin/").status_code == 200  # an editor, with admin access
    refused = [
        client.get(IMPORT),
        client.post(IMPORT, {"file": SimpleUploadedFile(CMS_STATE.name, CMS_STATE.read_bytes())}),
        client.post(CONFIRM, {"token": token}),
        client.post(CANCEL, {"token": token}),
        client.get(RELEASES),
        client.get(f"{RELEASES}inspect/{release.pk}/"),
    ]
    assert [response.status_code for response in refused] == [403] * 6
    assert "Can import a data release" in text(refused[0])
    assert "Import a release" not in text(client.get("/admin/"))
    assert DataRelease.objects.count() == 1 and len(pending_files(media)) == 2


def test_a_user_who_may_only_view_sees_releases_but_cannot_import(client):
    import_release(CMS_STATE.read_bytes(), CMS_STATE.name)
    force_login_with_mfa(client, admin_user("view_datarelease"))
    listing = client.get(RELEASES)
    assert listing.status_code == 200 and "cms_state_bom.csv" in text(listing)
    assert IMPORT not in text(listing)
    assert client.get(IMPORT).status_code == 403


def test_a_permitted_staff_member_imports(client, importer):
    force_login_with_mfa(client, importer)
    home = text(client.get("/admin/"))
    assert "Data releases" in home and "Import a release" in home
    listing = client.get(RELEASES)
    assert listing.status_code == 200 and IMPORT in text(listing)
    assert client.get(IMPORT).status_code == 200

    preview = upload(client, CMS_STATE.name, CMS_STATE.read_bytes())
    client.post(CONFIRM, {"token": token_of(preview)})
    assert DataRelease.objects.get().imported_by == importer


def test_releases_are_listed_newest_first_and_cannot_be_edited(admin_client):
    import_release(CMS_STATE.read_bytes(), CMS_STATE.name)
    import_release(REVISION.encode(), "revision.csv")
    page = text(admin_client.get(RELEASES))
    assert page.index("revision.csv") < page.index("cms_state_bom.csv")
    for heading in ("Format", "Source", "Release date", "Imported at", "Imported by", "Rows read"):
        assert heading in page
    assert "Add data release" not in page and "/edit/" not in page and "/delete/" not in page
    release = DataRelease.objects.get(filename="revision.csv")
    for path in ("new/", f"edit/{release.pk}/", f"delete/{release.pk}/"):
        assert admin_client.get(RELEASES + path).status_code == 404
    inspect = text(admin_client.get(f"{RELEASES}inspect/{release.pk}/"))
    assert release.checksum in inspect


def test_consortium_staff_import_releases_by_default(client, admin_client):
    # Wagtail's Moderators are the consortium's staff: the migrations give them the import.
    moderators = Group.objects.get(name="Moderators")
    staff = UserFactory()
    staff.groups.add(moderators)
    activate_totp(staff)
    force_login_with_mfa(client, staff)
    assert client.get(IMPORT).status_code == 200
    # The group screen names the permission in full, not "Can import a".
    screen = visible(admin_client.get(f"/admin/groups/edit/{moderators.pk}/"))
    assert "Can import data releases" in screen
    assert "Can import a " not in screen
