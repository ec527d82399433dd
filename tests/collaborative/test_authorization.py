"""The improvement collaborative's authorization matrix: every route below /collaborative/ ×
every role × GET and POST, against what collaborative.access decides. A route missing from
ROUTES fails `test_every_collaborative_route_is_in_the_matrix`.

Outcomes: OK (answered: 200, a redirect that is not to the login, or a form's 400), LOGIN (sent
to log in), NO (403), HIDDEN (404: another site's code, or a report that is not there, tells
nothing), NOT_ALLOWED (405: the method is not one the route takes, asked by someone who may
open it). A row with one entry applies to GET and POST alike.
"""

import pytest
from django.urls import reverse

from collaborative.models import MonthlyReport, PDSACycle
from collaborative.urls import urlpatterns

from .test_charts import count_history, month, ratio_history

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

OK, LOGIN, NO, HIDDEN, NOT_ALLOWED = "ok", "login", "403", "404", "405"
ROLES = (
    "anonymous",
    "outsider",
    "editor",
    "other_site",
    "team",
    "data_manager",
    "coach",
    "superuser",
)

# The site's people, the coaches, and everyone else, for North's pages.
SITE_READ = {
    "outsider": HIDDEN,
    "other_site": HIDDEN,
    "team": OK,
    "data_manager": OK,
    "coach": OK,
    "superuser": OK,
}
ENTRY = {**SITE_READ, "team": NO, "coach": NO, "superuser": NO}  # the data manager only
PDSA = {**SITE_READ, "coach": NO, "superuser": NO}  # the site's people
COMMENT = {**SITE_READ, "team": NO, "data_manager": NO}  # coaches only
COACHES = {
    "outsider": NO,
    "other_site": NO,
    "team": NO,
    "data_manager": NO,
    "coach": OK,
    "superuser": OK,
}


def post_only(rule):
    """GET is 405 for those who may open the route (it is checked after the site)."""
    return {role: (NOT_ALLOWED if outcome == OK else outcome) for role, outcome in rule.items()}


# name: (arguments, GET rule, POST rule or None for the same)
ROUTES = {
    "my_site": ((), {**COACHES, "outsider": NO, "other_site": OK, "team": OK, "data_manager": OK}),
    "site_list": (
        (),
        {**COACHES, "outsider": NO, "other_site": OK, "team": OK, "data_manager": OK},
    ),
    "site_home": (("NORTH",), SITE_READ),
    "site_charts": (("NORTH",), SITE_READ),
    "site_measure_chart": (("NORTH", "ASSESS-20"), SITE_READ),
    "site_measure_csv": (("NORTH", "ASSESS-20"), SITE_READ),
    "site_month": (("NORTH", "2025-06"), SITE_READ, ENTRY),
    "site_month_reopen": (("NORTH", "2025-06"), post_only(SITE_READ), ENTRY),
    "site_month_comment": (("NORTH", "2025-06"), post_only(SITE_READ), COMMENT),
    "site_upload": (("NORTH",), ENTRY),
    "site_upload_confirm": (("NORTH",), post_only(ENTRY), ENTRY),  # GET: the site first
    "site_upload_template": (("NORTH",), ENTRY),
    "site_pdsa": (("NORTH",), SITE_READ),
    "site_pdsa_add": (("NORTH",), PDSA),
    "site_pdsa_detail": (("NORTH", "{cycle}"), SITE_READ),
    "site_pdsa_edit": (("NORTH", "{cycle}"), PDSA),
    "site_reports": (("NORTH",), SITE_READ),
    "site_report": (("NORTH", "2025-06"), SITE_READ),
    "coach_home": ((), COACHES),
    "coach_measure": (("ASSESS-20",), COACHES),
    "reports": ((), COACHES),
    "report": (("2025-06",), COACHES),
}


@pytest.fixture
def world(sites, measures, people):
    """Six submitted months of both sites, a test of change at North, June's reports."""
    for site in sites.values():
        ratio_history(site, measures["ASSESS-20"], [(30, 60)] * 6)
        count_history(site, measures["DEATHS-30"], [12] * 6)
    cycle = PDSACycle.objects.create(
        site=sites["north"], title="Triage timer", plan="Start a timer", started_on=month(2)
    )
    for site in (sites["north"], None):
        MonthlyReport.objects.create(site=site, period=month(5), html="<h1>June</h1>")
    return {"cycle": cycle.pk}


def outcome_of(response):
    if response.status_code in (301, 302):
        return LOGIN if "/accounts/login/" in response["Location"] else OK
    return {403: NO, 404: HIDDEN, 405: NOT_ALLOWED}.get(
        response.status_code, OK if response.status_code in (200, 400) else response.status_code
    )


def test_every_collaborative_route_is_in_the_matrix():
    assert {pattern.name for pattern in urlpatterns} == set(ROUTES)


def test_every_role_gets_what_collaborative_access_decides(world, clients):
    wrong, cells = [], 0
    for name, (arguments, get_rule, *post) in ROUTES.items():
        post_rule = post[0] if post else get_rule
        args = [a.format(**world) for a in arguments]
        url = reverse(f"collaborative:{name}", args=args)
        for role in ROLES:
            for method, rule in (("GET", get_rule), ("POST", post_rule)):
                # A Wagtail Editor is nobody in the collaborative: treated as any outsider.
                expected = LOGIN if role == "anonymous" else rule.get(role, rule["outsider"])
                client = clients[role]
                response = client.get(url) if method == "GET" else client.post(url, {})
                got = outcome_of(response)
                cells += 1
                if got != expected:
                    wrong.append((name, role, method, expected, got))
                elif got == OK and response.status_code == 200:
                    assert response["Cache-Control"] == "private, no-store", (name, role)
    print(f"\ncollaborative authorization: {cells} route × role × method cells")
    assert not wrong, "\n".join(map(str, wrong))
