"""The collaborative's access decisions (collaborative.access): who sees a site by name, who
enters its data, and what others see of it."""

import pytest
from django.http import Http404

from collaborative import access
from collaborative.models import CollaborativeSite
from collaborative.periods import due_date, months, parse_period, reportable

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def test_roles_decide_who_sees_and_who_enters(sites, people):
    north = sites["north"]
    expected = {
        # role: (views the site, enters its data, records PDSA, comments, sees its name)
        "outsider": (False, False, False, False, False),
        "data_manager": (True, True, True, False, True),
        "team": (True, False, True, False, True),
        "other_site": (False, False, False, False, False),
        "coach": (True, False, False, True, True),
        "superuser": (True, False, False, True, True),
    }
    for role, answers in expected.items():
        user = people[role]
        got = (
            access.can_view_site(user, north),
            access.can_enter(user, north),
            access.can_record_pdsa(user, north),
            access.can_comment(user, north),
            access.identifies(user, north),
        )
        assert got == answers, role
    assert access.site_label(people["other_site"], north) == north.pseudonym
    assert access.site_label(people["team"], north) == "North Shore Medical Center"


def test_another_sites_code_is_404(sites, people):
    with pytest.raises(Http404):
        access.get_site(people["other_site"], "NORTH")
    with pytest.raises(Http404):
        access.get_site(people["data_manager"], "NO-SUCH")
    assert access.get_site(people["coach"], "SOUTH") == sites["south"]


def test_small_cells_are_hidden_outside_their_site(settings):
    settings.COLLABORATIVE_SMALL_CELL_MAX = 10
    assert [access.shown_count(n, own=False) for n in (None, 0, 1, 10, 11)] == [
        None,
        0,
        None,
        None,
        11,
    ]
    assert access.shown_count(3, own=True) == 3


def test_pseudonyms_are_unique_and_tell_nothing_of_the_order_sites_joined(db):
    from tests.factories import MemberOrganizationFactory

    made = [
        CollaborativeSite.objects.create(
            organization=MemberOrganizationFactory(), code=f"S{n}", joined_on="2025-01-01"
        )
        for n in range(30)
    ]
    labels = [site.pseudonym for site in made]
    assert len(set(labels)) == 30
    assert all(label.startswith("Site ") for label in labels)
    assert labels != sorted(labels, key=lambda label: (len(label), label))


def test_periods():
    import datetime

    assert parse_period("2026-03") == datetime.date(2026, 3, 1)
    assert parse_period("2026-13") is None
    assert parse_period("March") is None
    assert due_date(datetime.date(2026, 1, 1), 20) == datetime.date(2026, 2, 20)
    assert list(months(datetime.date(2025, 11, 1), datetime.date(2026, 1, 1))) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
    ]
    # The current month is never reportable; a site that left stops at its last month.
    today = datetime.date(2026, 3, 15)
    assert reportable(datetime.date(2026, 1, 1), None, today)[-1] == datetime.date(2026, 2, 1)
    assert reportable(datetime.date(2025, 1, 1), datetime.date(2025, 6, 1), today)[-1] == (
        datetime.date(2025, 6, 1)
    )
