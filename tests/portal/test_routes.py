"""Every URL the project serves is classified: who may open it and what decides. A route that
no rule below names fails `test_every_route_is_classified`, so a new route (the project's or a
new Wagtail release's) cannot ship unexamined; a rule that names no route fails too, so the
table stays true.

Each class has a check that every route in it gets, from the roles it concerns (anonymous and
a logged-in user with no rights for all of them; `test_cells_checked` prints the count). The
rows that carry private material are checked role by role in the authorization matrices:
tests/workgroups/test_authorization_matrix.py (the work groups' front end) and
tests/workgroups/test_admin_matrix.py (the admin: page API, searches, reports, documents,
choosers, bulk actions), toolkits' members-only files in tests/toolkits/test_downloads.py, the
improvement collaborative's pages in tests/collaborative/test_authorization.py, and excellence
reports in tests/excellence/ (the form, the feedback link, the moderators' admin).
"""

import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, URLResolver

from tests.factories import UserFactory
from workgroups.viewsets import PAGE_ID_ARGUMENTS

pytestmark = pytest.mark.django_db

# Classes: what decides who may open a route.
PUBLIC = "public"  # anyone; pages and documents apply their own view restrictions
ACCOUNT = "account"  # allauth's account pages (login, sign-up, MFA, e-mail, password)
TO_ALLAUTH = "to allauth"  # another login or password form, answered with allauth's
TOKEN = "token"  # a secret in the URL decides (invitation, calendar feed, unsubscribe)
ADMIN = "admin"  # the Wagtail admin: the admin permission, then Wagtail's permission model
DJANGO_ADMIN = "django admin"  # Django's admin: staff accounts (is_staff) only
SHADOWED = "shadowed"  # answered by an earlier route (named in the rule), never reached
COLLABORATIVE = "collaborative"  # collaborative.access: a site's own people, and the coaches
OWN = "own"  # a logged-in person's own records (their event registrations)
MEMBER_STAFF = "member staff"  # staff of a member organization (portal.access) only

# (pattern over the route's text, class, why). Order does not matter: each route must match
# exactly one rule.
RULES = [
    # The site's own pages and files.
    (r"\^\(\(\?:\[\\w\\-\]\+/\)\*\)\$", PUBLIC, "Wagtail serves pages; view restrictions apply"),
    (r"\^documents/\(\\d\+\)/\(\.\*\)\$", PUBLIC, "documents; collection restrictions apply"),
    (r"^documents/\^\(\\d\+\)", SHADOWED, "by the portal's own document route"),
    (r"^documents/authenticate_with_password/", PUBLIC, "a document password form"),
    (r"^_util/authenticate_with_password/", PUBLIC, "a page password form (not a login)"),
    (r"^search/", PUBLIC, "results are filtered by the searcher's access tokens"),
    (r"^translation-missing/", PUBLIC, "names a page only in the language switcher's note"),
    (r"^news-subscription/(check-your-email/)?$", PUBLIC, "the news subscription form"),
    (r"^(robots\.txt|sitemap\.xml|favicon\.ico|health/)$", PUBLIC, "site files"),
    # The improvement collaborative's pages (its public results page is a Wagtail page).
    (r"^collaborative/", COLLABORATIVE, "collaborative.access; role by role in its tests"),
    # Excellence reports: written by member organizations' staff (tests/excellence/).
    (r"^excellence-reports/", MEMBER_STAFF, "excellence.access.may_report"),
    # Asking to join a work group (tests/workgroups/test_join_requests.py).
    (r"^work-group-requests/", MEMBER_STAFF, "workgroups.join_requests.check_may_ask"),
    # Accounts.
    (r"^accounts/(?!subscriptions/)", ACCOUNT, "django-allauth, and the profile page"),
    (
        r"^accounts/subscriptions/",
        ACCOUNT,
        "the user's own subscriptions; tests/toolkits/test_account_subscriptions.py",
    ),
    (r"^_util/login/$", TO_ALLAUTH, "Wagtail's front-end login"),
    (r"^admin/login/$", TO_ALLAUTH, "the Wagtail admin's login"),
    (r"^admin/logout/$", TO_ALLAUTH, "the Wagtail admin's logout"),
    (r"^\^admin/password_reset/$", TO_ALLAUTH, "the Wagtail admin's password reset"),
    (r"^admin/password_reset/", SHADOWED, "by the redirect to allauth's password reset"),
    (r"^django-admin/password_change/(done/)?$", TO_ALLAUTH, "Django admin's password change"),
    # Secret links.
    (r"^work-group-invitations/", TOKEN, "an invitation's token, for its address only"),
    (r"^work-group-calendar/", TOKEN, "a calendar feed's token"),
    (r"^toolkit-updates/unsubscribe/", TOKEN, "an unsubscribe token"),
    (r"^news-subscription/(confirm|unsubscribe)/", TOKEN, "a signed news subscription link"),
    (r"^event-registrations/(cancel|evaluation)/", TOKEN, "a registration's signed token"),
    # A person's own records.
    (r"^event-registrations/(<int:registration_id>/cancel/)?$", OWN, "events.views: their own"),
    (r"^excellence-feedback/", TOKEN, "a signed link for the people an approved report names"),
    # Django's admin.
    (
        r"^django-admin/(?!password_change/)",
        DJANGO_ADMIN,
        "is_staff; every login through allauth with MFA",
    ),
    # Wagtail's admin, by area.
    (r"^admin/(sprite|jsi18n)/$", PUBLIC, "the admin's icons and translations, no data"),
    (r"^admin/$", ADMIN, "the dashboard"),
    (r"^admin/(test404|failwhale)/$", ADMIN, "Wagtail's error pages"),
    (r"^admin/\^\.\*/\$$", ADMIN, "the admin's 404 catch-all"),
    (r"^admin/api/main/\^pages/", ADMIN, "page API: explorable pages; actions ask the tester"),
    (r"^admin/api/main/\^(documents|images)/", ADMIN, "documents API: restricted collections out"),
    (r"^admin/pages/", ADMIN, "page views: tester; work groups' pages: workgroups.viewsets"),
    (r"^admin/bulk/", ADMIN, "bulk actions: visible objects only (portal.admin_guards)"),
    (r"^admin/choose-page/<int:parent_page_id>/$", ADMIN, "chooser: portal.admin_guards"),
    (r"^admin/choose-page/chosen-multiple/$", ADMIN, "chooser: portal.admin_guards"),
    (r"^admin/choose-page/(search/)?$", ADMIN, "chooser: construct_page_chooser_queryset"),
    (r"^admin/choose-(external|email|phone|anchor)-link/$", ADMIN, "link forms, no data"),
    (r"^admin/reports/page-types-usage/(results/)?$", ADMIN, "portal.admin_guards"),
    (r"^admin/reports/(locked|workflow|workflow_tasks|aging-pages)/", ADMIN, "page records"),
    (r"^admin/reports/site-history/", ADMIN, "explorable pages' log entries"),
    (r"^admin/reports/(pages-due-for-review|awareness-reading-level)/", ADMIN, "page records"),
    (r"^admin/reports/(toolkit-downloads|toolkit-reach)/", ADMIN, "the download permission"),
    (r"^admin/reports/search-queries/", ADMIN, "the search report permission"),
    (r"^admin/workgroups/drafts/", ADMIN, "promotion: consortium staff only"),
    (r"^admin/excellence/", ADMIN, "the report and interview permissions (Moderators)"),
    (r"^admin/documents/", ADMIN, "collection permissions (Editors, staff: public ones)"),
    (r"^admin/images/", ADMIN, "collection permissions; images are never private"),
    (r"^admin/snippets/", ADMIN, "each snippet's model permissions"),
    (r"^admin/(collections|workflows|sites|users|groups|locales)/", ADMIN, "model permissions"),
    (r"^admin/(redirects|searchpicks|forms|settings)/", ADMIN, "model permissions"),
    (r"^admin/userprofile/", ADMIN, "member organizations' staff: model permission"),
    (
        r"^admin/organization-requests/",
        ADMIN,
        "the permission to answer; tests/portal/test_organization_requests.py",
    ),
    (r"^admin/trends/", ADMIN, "the data-release import permission"),
    (r"^admin/events/sessions/", ADMIN, "the attendance permission (events.admin_views)"),
    (r"^admin/translation/submit/", ADMIN, "simple_translation's permission, then the tester"),
    (r"^admin/(tag-autocomplete|embeds|block-preview|dismissibles)/", ADMIN, "editing aids"),
    (r"^admin/(account|editing-sessions)/", ADMIN, "the user's own settings and sessions"),
]

# The URL arguments of Wagtail's page views that are not pages (workgroups.viewsets checks
# every other one as a page).
NOT_PAGE_ARGUMENTS = {
    "action_name",
    "app_label",
    "content_type_app_name",
    "content_type_model_name",
    "model_name",
    "revision_id",
    "revision_id_a",
    "revision_id_b",
    "task_id",
    "task_state_id",
    "workflow_state_id",
}

# Example values for the routes' arguments.
SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.UUID(int=1))}
REGEX_SAMPLES = [
    # Named groups: the first word of an alternation ("wagtailimages|taggit|..."), else a
    # number, which fits every other group of the project's routes.
    (
        r"\(\?P<\w+>([^)]*)\)",
        lambda m: m.group(1).split("|")[0] if re.fullmatch(r"[\w|]+", m.group(1)) else "1",
    ),
    (r"\(\\d\+\)", "1"),
    (r"\(\.\*\)", "x"),
    (r"\(\(\?:\[\\w\\-\]\+/\)\*\)", ""),
    (r"\.\*", "x"),
]


def routes():
    """(route text, pattern) for every URL pattern, depth first, in resolution order. Where
    the project answers a route of Wagtail's or Django's with its own (the same text, earlier),
    only the one reached is kept."""

    def walk(patterns, prefix):
        for pattern in patterns:
            text = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + text)
            else:
                yield prefix + text, pattern

    found = {}
    for route, pattern in walk(get_resolver().url_patterns, ""):
        found.setdefault(route, pattern)
    return list(found.items())


def example_url(route):
    url = route
    for regex, sample in REGEX_SAMPLES:
        url = re.sub(regex, sample, url)
    url = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m.group(1) or "str", "x"), url)
    return "/" + plain(url).replace("\\.", ".")


def plain(route):
    """The route's text as Django's resolver reports it (regex anchors dropped)."""
    return route.replace("^", "").replace("$", "")


def classify(route):
    matches = [(cls, why) for regex, cls, why in RULES if re.search(regex, route)]
    return matches


def test_every_route_is_classified():
    unclassified = [route for route, _p in routes() if not classify(route)]
    ambiguous = [route for route, _p in routes() if len(classify(route)) > 1]
    assert not unclassified, "Classify these routes in tests/portal/test_routes.py"
    assert not ambiguous, ambiguous


def test_every_rule_names_a_route():
    texts = [route for route, _p in routes()]
    unused = [regex for regex, _c, _w in RULES if not any(re.search(regex, t) for t in texts)]
    assert not unused


def test_shadowed_routes_are_never_reached_and_the_rest_are():
    for route, pattern in routes():
        ((cls, _why),) = classify(route)
        url = example_url(route)
        try:
            reached = resolve(url).func is pattern.callback
        except Exception:  # noqa: BLE001 - an example the resolver refuses reaches nothing
            reached = False
        assert reached == (cls != SHADOWED), (route, url)


def test_every_page_view_names_its_pages_by_arguments_the_viewsets_check():
    """Wagtail's page views route by page type (workgroups.viewsets checks the arguments that
    name pages): a page view taking a page under another name would slip past that check."""
    for route, pattern in routes():
        if not route.startswith("admin/pages/"):
            continue
        names = set(pattern.pattern.regex.groupindex)
        assert names <= set(PAGE_ID_ARGUMENTS) | NOT_PAGE_ARGUMENTS, route


# The checks each class gets.


@pytest.fixture
def outsider_client():
    client = Client()
    client.force_login(UserFactory())
    return client


def staff_client(group_name):
    """A Wagtail Editor or Moderator with no member organization."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


def by_class(cls):
    return [(route, example_url(route)) for route, _p in routes() if classify(route)[0][0] == cls]


class Cells:
    """The cells of one check: each role × route's status, and those that broke the rule (all
    are reported at once)."""

    def __init__(self):
        self.status = {}
        self.wrong = []

    def check(self, route, role, response, allowed, location=None):
        self.status[(route, role)] = response.status_code
        if response.status_code not in allowed:
            self.wrong.append((route, role, response.status_code))
        elif location and not response.get("Location", "").startswith(location):
            self.wrong.append((route, role, response.get("Location")))

    def assert_none_wrong(self):
        assert not self.wrong, "\n".join(map(str, self.wrong))


def the_admin_is_closed_to_anonymous_and_to_accounts_without_admin_access(
    cells, client, outsider_client
):
    for route, url in by_class(ADMIN):
        # Wagtail's catch-all 404 sends to its own login address, which leads to allauth's.
        cells.check(
            route, "anonymous", client.get(url), {302}, ("/accounts/login/", "/admin/login/")
        )
        cells.check(route, "outsider", outsider_client.get(url), {403})


def djangos_admin_is_closed_to_anonymous_and_to_accounts_without_staff(
    cells, client, outsider_client
):
    for route, url in by_class(DJANGO_ADMIN):
        # To the login (allauth's, through secure_admin_login), or from logging out to the index.
        cells.check(
            route, "anonymous", client.get(url), {302}, ("/accounts/login/", "/django-admin/")
        )
        cells.check(route, "outsider", outsider_client.get(url), {403})


def other_login_and_password_forms_lead_to_allauths(cells, client, outsider_client):
    for route, url in by_class(TO_ALLAUTH):
        for method in (client.get, client.post):
            cells.check(route, "anonymous", method(url), {301, 302}, "/accounts/")
        # Inside an admin's address, a logged-in account without access is refused there first.
        in_admin = route.lstrip("^").startswith(("admin/", "django-admin/"))
        for method in (outsider_client.get, outsider_client.post):
            if in_admin:
                cells.check(route, "outsider", method(url), {403})
            else:
                cells.check(route, "outsider", method(url), {301, 302}, "/accounts/")


def a_made_up_token_opens_nothing(cells, client, outsider_client):
    for route, url in by_class(TOKEN):
        cells.check(route, "anonymous", client.get(url), {404})
        cells.check(route, "outsider", outsider_client.get(url), {404})


def the_collaboratives_pages_need_a_place_in_it(cells, client, outsider_client):
    """Anonymous visitors log in first; an account with no site and no coaching is refused
    (another site's code is 404: it tells nothing). Role by role: tests/collaborative/."""
    for route, url in by_class(COLLABORATIVE):
        cells.check(route, "anonymous", client.get(url), {302}, "/accounts/login/")
        cells.check(route, "outsider", outsider_client.get(url), {403, 404})


def a_persons_own_records_need_a_login(cells, client, outsider_client):
    """Anonymous visitors log in first; a logged-in person sees or changes only their own
    (someone else's registration is a 404). Role by role: tests/events/test_views.py."""
    for route, url in by_class(OWN):
        cells.check(route, "anonymous", client.get(url), {302}, "/accounts/login/")
        cells.check(route, "outsider", outsider_client.get(url), {200, 405})


def member_staff_routes_need_a_member_organization(cells, client, outsider_client):
    """Anonymous visitors log in first; an account with no member organization is refused
    (403, saying why). Role by role: tests/excellence/test_reports.py."""
    staff = {name: staff_client(name) for name in ("Editors", "Moderators")}
    for route, url in by_class(MEMBER_STAFF):
        cells.check(route, "anonymous", client.get(url), {302}, "/accounts/login/")
        cells.check(route, "outsider", outsider_client.get(url), {403})
        # Consortium staff are not a member organization's staff: they moderate, not report.
        for name, staff_member in staff.items():
            cells.check(route, name, staff_member.get(url), {403})


def public_and_account_routes_answer_without_error(cells, client, outsider_client):
    """What they show is checked by their own tests and the matrices; here, that none errs
    for a stranger."""
    answers = {200, 301, 302, 400, 403, 404, 405}
    for route, url in by_class(PUBLIC) + by_class(ACCOUNT):
        cells.check(route, "anonymous", client.get(url), answers)
        cells.check(route, "outsider", outsider_client.get(url), answers)


# Routes inside pages (RoutablePageMixin): Wagtail's catch-all serves them, so the page's view
# restrictions apply before any of them; what each adds is classified here, and checked role by
# role in the test file named.
PAGE_ROUTES = {
    "trends.TrendPage": (
        {
            "index_route",
            "indicator_csv",
            "indicator_json",
            "indicator_metadata",
            "indicator_image",
            "indicator_embed",
        },
        "public data of the page's own indicators: tests/public_awareness/trends/"
        "test_authorization.py",
    ),
    "toolkits.ToolkitPage": (
        {"index_route", "download_all", "subscription"},
        "members-only files left out by access: tests/toolkits/test_downloads.py",
    ),
    "workgroups.WorkGroupSpacePage": (
        {
            "home",
            "threads",
            "thread",
            "edit_post",
            "hide_post",
            "meetings",
            "meeting",
            "edit_meeting",
            "meeting_calendar",
            "cancel_meeting",
            "files",
            "file",
            "drafts",
            "draft",
            "members",
            "membership",
            "settings",
            "index_route",
        },
        "workgroups.access: tests/workgroups/test_authorization_matrix.py",
    ),
    "news.NewsIndexPage": (
        {"index_route", "feed"},
        "members-only news for members only, never in the feed: tests/news/test_pages.py",
    ),
    "events.EventPage": (
        {"index_route", "register", "cancel", "calendar", "join"},
        "events.access (audience, registration, joining time): tests/events/test_views.py",
    ),
    "events.EventSeriesPage": (
        {"index_route", "register", "cancel", "calendar", "join"},
        "events.access (audience, registration, joining time): tests/events/test_views.py",
    ),
    "collaborative.CollaborativePage": (
        {"index_route", "measure_csv"},
        "pooled figures only: tests/collaborative/test_authorization.py",
    ),
}


def test_every_route_inside_a_page_is_classified():
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    found = {
        model._meta.label: {pattern.name for pattern in model.get_subpage_urls()}
        for model in get_page_models()
        if issubclass(model, RoutablePageMixin)
    }
    classified = {label: names for label, (names, _why) in PAGE_ROUTES.items()}
    assert found == classified, "Classify the routes of page types in PAGE_ROUTES"


def test_every_route_answers_each_role_as_its_class_requires(client, outsider_client):
    cells = Cells()
    for check_class in (
        the_admin_is_closed_to_anonymous_and_to_accounts_without_admin_access,
        djangos_admin_is_closed_to_anonymous_and_to_accounts_without_staff,
        other_login_and_password_forms_lead_to_allauths,
        a_made_up_token_opens_nothing,
        the_collaboratives_pages_need_a_place_in_it,
        a_persons_own_records_need_a_login,
        member_staff_routes_need_a_member_organization,
        public_and_account_routes_answer_without_error,
    ):
        check_class(cells, client, outsider_client)
    reachable = {route for route, _p in routes() if classify(route)[0][0] != SHADOWED}
    print(
        f"\nauthorization: {len(cells.status)} role × route cells checked, {len(reachable)} routes"
    )
    cells.assert_none_wrong()
    assert {route for route, _role in cells.status} == reachable
