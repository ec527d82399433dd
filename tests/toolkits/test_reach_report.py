"""The toolkit reach reports in the Wagtail admin: downloads by month, toolkit, version and
organization; each toolkit's reach and the organizations of its care settings not yet reached;
their CSV exports, a fixed number of queries, and who may see them."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from tests.conftest import activate_totp, force_login_with_mfa
from tests.factories import HomePageFactory, MemberOrganizationFactory, UserFactory
from toolkits.models import CareSetting, DownloadEvent, ToolkitIndexPage, ToolkitPage
from toolkits.reports import monthly_downloads, organizations_not_yet_reached, toolkit_reach

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

DOWNLOADS = "/admin/reports/toolkit-downloads/"
REACH = "/admin/reports/toolkit-reach/"
MARCH = (2025, 3)
APRIL = (2025, 4)


# Building the data


@pytest.fixture
def bare_catalog(db):
    """A catalog without the demo site, so that the reports hold only this module's data."""
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="reach-home")
    index = ToolkitIndexPage(title="Toolkits", slug="toolkits", introduction="All.")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_toolkit(catalog, title, care_settings, *, live=True):
    page = ToolkitPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"{title} summary.",
        recommendation="<p>Do it.</p>",
        rationale="<p>Because.</p>",
        version="1.0",
        release_date=datetime.date(2025, 1, 1),
    )
    catalog.add_child(instance=page)
    page.care_settings.set(care_settings)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        page.save()
    return page


def record(toolkit, organization, month, count, *, version="1.0", user=None):
    """`count` download events in the middle of `month` ((year, month), site time zone)."""
    events = DownloadEvent.objects.bulk_create(
        DownloadEvent(
            document_title="Checklist",
            toolkit=toolkit,
            version=version,
            organization=organization,
            user=user,
            visitor="" if user else "a" * 64,
        )
        for _ in range(count)
    )
    # downloaded_at is set on creation; move the events to the month wanted.
    when = timezone.make_aware(datetime.datetime(*month, 15, 12))
    DownloadEvent.objects.filter(pk__in=[e.pk for e in events]).update(downloaded_at=when)


@pytest.fixture
def world(bare_catalog):
    # The reports cover every live toolkit: take the demo's (in the test database) offline.
    ToolkitPage.objects.filter(live=True).update(live=False)
    ed = CareSetting.objects.create(name="Emergency department", slug="ed-reach")
    icu = CareSetting.objects.create(name="ICU", slug="icu-reach")
    orgs = {
        "north": MemberOrganizationFactory(name="North Hospital", slug="north"),
        "south": MemberOrganizationFactory(name="South Hospital", slug="south"),
        "east": MemberOrganizationFactory(name="East EMS", slug="east"),
        "west": MemberOrganizationFactory(name="West Home Care", slug="west"),
        "closed": MemberOrganizationFactory(name="Closed Clinic", slug="closed", is_active=False),
    }
    ed.organizations.set([orgs["north"], orgs["south"], orgs["closed"]])
    icu.organizations.set([orgs["east"], orgs["north"]])
    alpha = add_toolkit(bare_catalog, "Alpha bundle", [ed])
    beta = add_toolkit(bare_catalog, "Beta screening", [icu])
    nurse = UserFactory(username="nurse.jones", email="nurse.jones@north.example.org")

    record(alpha, orgs["north"], MARCH, 3, user=nurse)
    record(alpha, orgs["west"], MARCH, 1)
    record(alpha, orgs["north"], APRIL, 1, user=nurse)
    record(alpha, None, APRIL, 2)
    record(beta, orgs["east"], MARCH, 2)
    record(beta, orgs["north"], APRIL, 1, user=nurse)
    record(beta, orgs["north"], APRIL, 4, version="2.0", user=nurse)
    # Not a toolkit download (a file outside any toolkit): left out of the reports.
    record(None, orgs["south"], APRIL, 5)
    return {"alpha": alpha, "beta": beta, "orgs": orgs, "ed": ed, "icu": icu, "nurse": nurse}


# Who may see the reports


@pytest.fixture
def report_user(db):
    """Staff given only the admin and the report permission, through a group."""
    user = UserFactory()
    group = Group.objects.create(name="Reach report readers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="toolkits", codename="view_downloadevent"),
    )
    user.groups.add(group)
    activate_totp(user)
    return user


@pytest.fixture
def staff_client(client, report_user):
    force_login_with_mfa(client, report_user)
    return client


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


# The downloads report


DOWNLOAD_ROWS = [
    ["2025-04", "Alpha bundle", "1.0", "North Hospital", "1"],
    ["2025-04", "Alpha bundle", "1.0", "No member organization", "2"],
    ["2025-04", "Beta screening", "1.0", "North Hospital", "1"],
    ["2025-04", "Beta screening", "2.0", "North Hospital", "4"],
    ["2025-03", "Alpha bundle", "1.0", "North Hospital", "3"],
    ["2025-03", "Alpha bundle", "1.0", "West Home Care", "1"],
    ["2025-03", "Beta screening", "1.0", "East EMS", "2"],
]


def test_downloads_are_counted_by_month_toolkit_version_and_organization(world):
    rows = [
        (
            f"{r['month']:%Y-%m}",
            r["toolkit__title"],
            r["version"],
            r["organization__name"],
            r["downloads"],
        )
        for r in monthly_downloads()
    ]
    assert rows == [
        ("2025-04", "Alpha bundle", "1.0", "North Hospital", 1),
        ("2025-04", "Alpha bundle", "1.0", None, 2),
        ("2025-04", "Beta screening", "1.0", "North Hospital", 1),
        ("2025-04", "Beta screening", "2.0", "North Hospital", 4),
        ("2025-03", "Alpha bundle", "1.0", "North Hospital", 3),
        ("2025-03", "Alpha bundle", "1.0", "West Home Care", 1),
        ("2025-03", "Beta screening", "1.0", "East EMS", 2),
    ]


def test_downloads_report_shows_the_grouped_rows(staff_client, world):
    response = staff_client.get(DOWNLOADS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Toolkit downloads" in html
    assert "No member organization" in html
    assert "7 rows" in html  # grouped rows, not the 14 downloads they count
    assert "nurse.jones" not in html


def test_downloads_csv_has_the_same_columns_and_exact_counts(staff_client, world):
    rows = csv_rows(staff_client.get(DOWNLOADS + "?export=csv"))
    assert rows[0] == ["Month", "Toolkit", "Version", "Member organization", "Downloads"]
    assert rows[1:] == DOWNLOAD_ROWS


def test_downloads_filters_by_toolkit_organization_and_dates(staff_client, world):
    alpha, north = world["alpha"], world["orgs"]["north"]
    by_toolkit = csv_rows(staff_client.get(f"{DOWNLOADS}?toolkit={alpha.pk}&export=csv"))
    assert by_toolkit[1:] == [row for row in DOWNLOAD_ROWS if row[1] == "Alpha bundle"]

    by_org = csv_rows(staff_client.get(f"{DOWNLOADS}?organization={north.pk}&export=csv"))
    assert by_org[1:] == [row for row in DOWNLOAD_ROWS if row[3] == "North Hospital"]

    march = csv_rows(
        staff_client.get(
            f"{DOWNLOADS}?downloaded_at_from=2025-03-01&downloaded_at_to=2025-03-31&export=csv"
        )
    )
    assert march[1:] == [row for row in DOWNLOAD_ROWS if row[0] == "2025-03"]

    both = csv_rows(
        staff_client.get(
            f"{DOWNLOADS}?toolkit={alpha.pk}&organization={north.pk}"
            "&downloaded_at_from=2025-04-01&export=csv"
        )
    )
    assert both[1:] == [["2025-04", "Alpha bundle", "1.0", "North Hospital", "1"]]


# The reach report


def test_reach_counts_downloads_and_unique_organizations(world):
    rows = {r["title"]: (r["downloads"], r["organizations_reached"]) for r in toolkit_reach()}
    assert rows == {
        # 3 + 1 North, 1 West, 2 anonymous: North and West reached.
        "Alpha bundle": (7, 2),
        # 2 East, 1 + 4 North (two versions, one organization).
        "Beta screening": (7, 2),
    }


def test_not_yet_reached_lists_active_setting_organizations_that_never_downloaded(world):
    alpha, beta = world["alpha"], world["beta"]
    missing = organizations_not_yet_reached([alpha.pk, beta.pk])
    # Alpha (ED: North, South, Closed): North downloaded it; South's download was of a file
    # outside any toolkit; Closed is inactive; West downloaded it but is not in ED.
    assert missing[alpha.pk] == ["South Hospital"]
    # Beta (ICU: East, North): both downloaded it.
    assert missing[beta.pk] == []


def test_reach_csv(staff_client, world):
    rows = csv_rows(staff_client.get(REACH + "?export=csv"))
    assert rows == [
        ["Toolkit", "Downloads", "Member organizations reached", "Not yet reached"],
        ["Alpha bundle", "7", "2", "South Hospital"],
        ["Beta screening", "7", "2", ""],
    ]


def test_reach_joins_several_names_and_leaves_out_unpublished_toolkits(
    staff_client, world, bare_catalog
):
    gamma = add_toolkit(bare_catalog, "Gamma care", [world["ed"], world["icu"]])
    add_toolkit(bare_catalog, "Draft kit", [world["ed"]], live=False)
    record(gamma, world["orgs"]["south"], MARCH, 1)
    rows = csv_rows(staff_client.get(REACH + "?export=csv"))
    assert [row[0] for row in rows[1:]] == ["Alpha bundle", "Beta screening", "Gamma care"]
    assert rows[3] == ["Gamma care", "1", "1", "East EMS; North Hospital"]

    html = staff_client.get(REACH).content.decode()
    assert "Gamma care" in html and "Draft kit" not in html


def test_exports_show_no_user_identity(staff_client, world):
    nurse = world["nurse"]
    for url in (DOWNLOADS, REACH):
        body = "\n".join(",".join(row) for row in csv_rows(staff_client.get(url + "?export=csv")))
        assert "@" not in body
        assert nurse.username not in body and nurse.email not in body
        assert nurse.last_name not in body


def test_report_queries_do_not_grow_with_toolkits_or_events(staff_client, world, bare_catalog):
    def count_queries(url):
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url)
            if url.endswith("export=csv"):
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(queries)

    urls = [DOWNLOADS, DOWNLOADS + "?export=csv", REACH, REACH + "?export=csv"]
    small = [count_queries(url) for url in urls]

    orgs = [MemberOrganizationFactory() for _ in range(4)]
    world["ed"].organizations.add(*orgs)
    for n in range(5):
        toolkit = add_toolkit(bare_catalog, f"Extra kit {n}", [world["ed"], world["icu"]])
        for org in orgs[: n % 4 + 1]:
            record(toolkit, org, MARCH, 2)
            record(toolkit, org, APRIL, 3, version="2.0")
    large = [count_queries(url) for url in urls]

    assert large == small


# Permissions


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    for url in (DOWNLOADS, REACH, REACH + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_logged_in_user_without_admin_access_is_refused(client, user, world):
    client.force_login(user)
    for url in (DOWNLOADS, REACH + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 403


def test_editor_without_the_report_permission_is_refused_and_not_shown_the_menu(
    client, editor_with_mfa, world
):
    # The demo gives the demo's staff groups the reports; an editor's group may not have it.
    editor_with_mfa.groups.get(name="Editors").permissions.remove(
        Permission.objects.get(codename="view_downloadevent")
    )
    force_login_with_mfa(client, editor_with_mfa)
    for url in (DOWNLOADS, DOWNLOADS + "?export=csv", REACH, REACH + "?export=csv"):
        response = client.get(url)
        # Wagtail's answer to a permission denied in the admin: back home with a message.
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    home = client.get("/admin/").content.decode()
    assert DOWNLOADS not in home and REACH not in home


def test_staff_with_the_report_permission_see_reports_and_menu(staff_client, world):
    assert staff_client.get(DOWNLOADS).status_code == 200
    assert staff_client.get(REACH).status_code == 200
    home = staff_client.get("/admin/").content.decode()
    assert DOWNLOADS in home and REACH in home


def test_superuser_sees_the_reports(client, superuser, world):
    force_login_with_mfa(client, superuser)
    assert client.get(DOWNLOADS).status_code == 200
    assert client.get(REACH).status_code == 200
    assert "Alpha bundle" in client.get(REACH).content.decode()


def test_report_permission_is_offered_in_wagtails_group_editor(client, superuser):
    force_login_with_mfa(client, superuser)
    html = client.get("/admin/groups/new/").content.decode()
    permission = Permission.objects.get(
        content_type__app_label="toolkits", codename="view_downloadevent"
    )
    assert f'value="{permission.pk}"' in html
