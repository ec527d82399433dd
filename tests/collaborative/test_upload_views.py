"""A site's upload pages through the real views: who may use them, the form and its template
CSV, the preview (nothing stored), confirm or cancel, and the upload kept between the two steps
for its uploader only."""

import csv
import datetime
import html
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from collaborative import periods, uploads
from collaborative.importing import apply_import, plan_import
from collaborative.models import MeasureValue, SitePerson, Submission
from tests.factories import UserFactory

from .upload_files import csv_file, month, xlsx_file

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

UPLOAD = "/collaborative/sites/NORTH/upload/"
CONFIRM = "/collaborative/sites/NORTH/upload/confirm/"
TEMPLATE = "/collaborative/sites/NORTH/upload/template.csv"
HOME = "/collaborative/sites/NORTH/"

ROLES = [
    ("anonymous", 302),
    ("outsider", 404),
    ("other_site", 404),
    ("team", 403),
    ("coach", 403),
    ("superuser", 403),
    ("data_manager", 200),
]

GOOD_ROWS = [
    {
        "site": "NORTH",
        "measure": "ASSESS-20",
        "period": "2025-03",
        "numerator": 12,
        "denominator": 20,
    },
    {"site": "NORTH", "measure": "DEATHS-30", "period": "2025-03", "count": 2},
    {"site": "NORTH", "measure": "BARRIERS", "period": "2025-04", "text": "Beds, staff"},
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def waiting(media):
    root = Path(media) / "collaborative-uploads"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload(client, data, name="figures.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def token_of(response):
    return response.context["pending"].token if response.context.get("pending") else None


def text(response):
    return html.unescape(response.content.decode())


def confirm(client, token, action="confirm", url=CONFIRM):
    return client.post(url, {"token": token, "action": action})


def assert_private(response):
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def nothing_stored():
    return not MeasureValue.objects.exists() and not Submission.objects.exists()


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_only_the_sites_data_manager_opens_the_form_and_its_template(
    clients, measures, role, status
):
    for url in (UPLOAD, TEMPLATE):
        response = clients[role].get(url)
        assert response.status_code == status, url
        if status == 302:
            assert response["Location"].startswith("/accounts/login/")
        else:
            assert_private(response)


@pytest.mark.parametrize(("role", "status"), ROLES)
def test_only_the_sites_data_manager_uploads_and_confirms(clients, measures, media, role, status):
    response = upload(clients[role], csv_file(GOOD_ROWS))
    assert response.status_code == status
    if status == 200:
        assert token_of(response)
        assert nothing_stored()  # a preview stores nothing
        response = confirm(clients[role], token_of(response))
        assert response.status_code == 302
        assert MeasureValue.objects.count() == 3
    else:
        assert waiting(media) == [] and nothing_stored()
        assert confirm(clients[role], "x" * 43).status_code == status
        assert nothing_stored()


def test_the_form_explains_the_columns_and_lists_the_sites_measures(clients, measures):
    response = clients["data_manager"].get(UPLOAD)
    page = text(response)
    assert '<label class="usa-label" for="id_file">' in page
    assert 'enctype="multipart/form-data"' in page
    for column in uploads.COLUMNS:
        assert f"<code>{column}</code>" in page
    for code in ("ASSESS-20", "DEATHS-30", "TIME-ZERO", "BARRIERS"):
        assert f"<code>{code}</code>" in page
    assert "0-17, 18-64, 65+" in page and "arrival, vitals, alert" in page
    assert TEMPLATE in page


def test_the_template_lists_a_months_rows_and_imports_once_filled_in(clients, measures, media):
    client = clients["data_manager"]
    response = client.get(TEMPLATE)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="NORTH-figures.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(text(response))))
    last = f"{periods.previous_month(periods.month_of(datetime.date.today())):%Y-%m}"
    assert [(r["measure"], r["stratum"], r["category"]) for r in rows] == [
        ("ASSESS-20", "", ""),
        ("ASSESS-20", "0-17", ""),
        ("ASSESS-20", "18-64", ""),
        ("ASSESS-20", "65+", ""),
        ("BARRIERS", "", ""),
        ("DEATHS-30", "", ""),
        ("TIME-ZERO", "", "arrival"),
        ("TIME-ZERO", "", "vitals"),
        ("TIME-ZERO", "", "alert"),
    ]
    assert {(r["site"], r["period"]) for r in rows} == {("NORTH", last)}

    # As it comes, every row lacks its figure.
    response = upload(client, response.content)
    assert [(e.line, e.column) for e in response.context["plan"].errors] == [
        (2, "numerator"),
        (3, "numerator"),
        (4, "numerator"),
        (5, "numerator"),
        (6, "text"),
        (7, "count"),
        (8, "count"),
        (9, "count"),
        (10, "count"),
    ]
    for row in rows:
        if row["measure"] == "ASSESS-20":
            row.update(numerator="3", denominator="4")
        elif row["measure"] == "BARRIERS":
            row["text"] = "Nothing new"
        else:
            row["count"] = "1"
    response = upload(client, csv_file(rows))
    assert len(response.context["plan"].new) == 9
    confirm(client, token_of(response))
    assert MeasureValue.objects.count() == 9


def test_a_preview_then_confirm_stores_the_file_and_the_same_file_again_changes_nothing(
    clients, measures, media, people
):
    client = clients["data_manager"]
    response = upload(client, csv_file(GOOD_ROWS))
    assert response.status_code == 200
    assert_private(response)
    page = text(response)
    assert "3 new figures" in page and "2 months started as drafts" in page
    assert "12 of 20 (60%)" in page and "Import these figures" in page
    assert nothing_stored() and len(waiting(media)) == 1

    response = confirm(client, token_of(response))
    assert response.status_code == 302 and response["Location"] == HOME
    assert waiting(media) == []
    assert MeasureValue.objects.count() == 3
    assert list(Submission.objects.values_list("period", "status", "updated_by")) == [
        (month("2025-04"), "draft", people["data_manager"].pk),
        (month("2025-03"), "draft", people["data_manager"].pk),
    ]
    page = text(client.get(HOME))
    assert "Imported figures.csv: 3 new figures, 0 changed, 0 unchanged." in page
    assert "2 months were started as drafts" in page

    response = upload(client, csv_file(GOOD_ROWS))
    page = text(response)
    assert "Nothing to import" in page and "3 figures already stored as they are" in page
    assert token_of(response) is None and 'name="token"' not in page
    assert waiting(media) == []


def test_changed_figures_show_before_and_after(clients, measures, sites):
    apply_import(plan_import(csv_file(GOOD_ROWS), "first.csv", site=sites["north"]))
    rows = [{**GOOD_ROWS[0], "numerator": 15}, *GOOD_ROWS[1:]]
    response = upload(clients["data_manager"], csv_file(rows))
    page = text(response)
    assert "1 changed figure" in page and "2 figures already stored as they are" in page
    assert "12 of 20 (60%)" in page and "15 of 20 (75%)" in page


def test_every_error_is_listed_with_its_line_and_column_and_nothing_is_kept(
    clients, measures, media
):
    rows = [
        GOOD_ROWS[0],
        {**GOOD_ROWS[1], "count": "twelve"},
        {**GOOD_ROWS[0], "period": "2025-05", "numerator": 30},
        {**GOOD_ROWS[1], "site": "SOUTH"},
    ]
    response = upload(clients["data_manager"], csv_file(rows))
    assert response.status_code == 200
    page = text(response)
    assert "The file cannot be imported: nothing was stored" in page
    assert "Fix these 3 problems" in page
    assert [(e.line, e.column) for e in response.context["plan"].errors] == [
        (3, "count"),
        (4, "numerator"),
        (5, "site"),
    ]
    assert '<th scope="row">3</th><td><code>count</code></td>' in page
    assert "Found “twelve”. Enter a whole number, such as 12." in page
    assert "This file is for NORTH only" in page
    assert 'name="token"' not in page and "Upload the corrected file" in page
    assert waiting(media) == [] and nothing_stored()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "it looks like a PDF document"),
        ("site,text\nNORTH,é\n".encode("utf-16"), "UTF-16"),
        (b"site,measure,period,count\nNORTH,DEATHS-30,2025-03,\x81\n", "UTF-8 or Windows-1252"),
    ],
)
def test_a_file_of_the_wrong_type_or_encoding_is_refused(clients, measures, media, data, words):
    response = upload(clients["data_manager"], data)
    assert response.status_code == 200
    assert words in text(response)
    assert waiting(media) == [] and nothing_stored()


def test_a_workbook_is_previewed_by_its_rows(clients, measures):
    rows = [GOOD_ROWS[0], {**GOOD_ROWS[1], "count": -2}]
    response = upload(clients["data_manager"], xlsx_file(rows), name="extract.xlsx")
    page = text(response)
    assert '<th scope="col">Row</th>' in page
    assert '<th scope="row">3</th><td><code>count</code></td>' in page
    response = upload(clients["data_manager"], xlsx_file(GOOD_ROWS), name="extract.xlsx")
    confirm(clients["data_manager"], token_of(response))
    assert MeasureValue.objects.count() == 3


def test_figures_far_from_the_sites_usual_are_shown_to_check(clients, measures, sites):
    steady = [
        {**GOOD_ROWS[0], "period": f"2025-{m:02d}", "numerator": 10, "denominator": 20}
        for m in range(1, 9)
    ]
    apply_import(plan_import(csv_file(steady), "history.csv"))
    rows = [{**GOOD_ROWS[0], "period": "2025-09", "numerator": 20, "denominator": 20}]
    response = upload(clients["data_manager"], csv_file(rows))
    page = text(response)
    assert "Figures to check" in page and "far from NORTH's usual figures" in page
    confirm(clients["data_manager"], token_of(response))
    assert MeasureValue.objects.get(submission__period=month("2025-09")).confirmed_unusual


def test_oversized_files_are_refused(clients, measures, monkeypatch, media):
    monkeypatch.setattr(uploads, "WEB_LIMITS", uploads.Limits(2000, 100, 10**6))
    client = clients["data_manager"]
    # Larger than the limit and the form around it: refused before the body is read.
    response = upload(client, b"site,measure,period,count\n" + b"x" * 100_000)
    assert response.status_code == 413
    assert "an upload may be at most" in text(response)
    # Over the limit, within the form's allowance: the form says so.
    response = upload(client, b"site,measure,period,count\n" + b"x" * 3000)
    assert response.status_code == 200
    assert "an upload may be at most" in text(response)
    assert response.context["form"].errors
    assert waiting(media) == [] and nothing_stored()


def test_an_upload_is_confirmed_only_by_its_uploader_in_their_session(
    clients, measures, sites, people, media
):
    colleague = UserFactory()
    SitePerson.objects.create(
        site=sites["north"], user=colleague, role=SitePerson.Role.DATA_MANAGER
    )
    others = [Client(), Client()]
    others[0].force_login(colleague)
    others[1].force_login(people["data_manager"])  # the uploader, in another session

    token = token_of(upload(clients["data_manager"], csv_file(GOOD_ROWS)))
    for other in others:
        response = confirm(other, token)
        assert response.status_code == 302 and response["Location"] == UPLOAD
        assert "no longer waiting" in text(other.get(UPLOAD))
        assert nothing_stored()
    assert len(waiting(media)) == 1

    # Another site's address does not take it either.
    response = confirm(
        clients["data_manager"], token, url="/collaborative/sites/SOUTH/upload/confirm/"
    )
    assert response.status_code == 404 and nothing_stored()

    confirm(clients["data_manager"], token)
    assert MeasureValue.objects.count() == 3
    # Once used, the token is gone.
    confirm(clients["data_manager"], token)
    assert MeasureValue.objects.count() == 3


def test_cancel_discards_the_upload(clients, measures, media):
    client = clients["data_manager"]
    token = token_of(upload(client, csv_file(GOOD_ROWS)))
    response = confirm(client, token, action="cancel")
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert waiting(media) == [] and nothing_stored()
    assert "Upload canceled: nothing was imported." in text(client.get(UPLOAD))
    confirm(client, token)
    assert nothing_stored()


def test_data_changed_since_the_preview_are_previewed_again(clients, measures, sites, media):
    client = clients["data_manager"]
    token = token_of(upload(client, csv_file(GOOD_ROWS)))
    # Meanwhile the month's form (or another upload) stores a different figure.
    apply_import(plan_import(csv_file([{**GOOD_ROWS[0], "numerator": 10}]), "other.csv"))
    response = confirm(client, token)
    assert response.status_code == 200
    page = text(response)
    assert "changed since your preview" in page and "1 changed figure" in page
    assert MeasureValue.objects.get(measure__code="ASSESS-20").numerator == 10
    assert token_of(response) == token
    confirm(client, token)
    assert MeasureValue.objects.get(measure__code="ASSESS-20").numerator == 12
    assert MeasureValue.objects.count() == 3


def test_a_month_submitted_since_the_preview_refuses_the_file(clients, measures, sites, media):
    client = clients["data_manager"]
    token = token_of(upload(client, csv_file(GOOD_ROWS)))
    Submission.objects.create(site=sites["north"], period=month("2025-03"), status="submitted")
    response = confirm(client, token)
    page = text(response)
    assert "can no longer be imported" in page and "March 2025 is submitted" in page
    assert waiting(media) == [] and not MeasureValue.objects.exists()
