"""The trend page's own routes (data, metadata, chart images, embed), role by role: public
while the page is, and closed with it when editors restrict the page, from every role the
portal has (anonymous, a member of a work group, a Wagtail Editor, a Moderator)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from public_awareness.trends.models import Observation, TrendPage
from tests.factories import UserFactory
from workgroups import membership
from workgroups.models import Membership, WorkGroup

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "work-group member", "editor", "moderator")


@pytest.fixture
def clients(demo_site):
    member = UserFactory()
    membership.add_member(WorkGroup.objects.first(), member, Membership.Role.MEMBER)
    editor, moderator = UserFactory(), UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator.groups.add(Group.objects.get(name="Moderators"))
    found = {"anonymous": Client()}
    for role, user in zip(ROLES[1:], (member, editor, moderator), strict=True):
        found[role] = Client()
        found[role].force_login(user)
    return found


@pytest.fixture
def page_and_urls(demo_site):
    """The demo's trend page and, for every indicator it shows, each of its own routes."""
    page = TrendPage.objects.live().get()
    codes = Observation.objects.filter(is_current=True, geography="MA").values_list(
        "indicator__code", flat=True
    )
    urls = []
    for code in sorted(set(codes)):
        urls += [
            page.url + page.reverse_subpage(route, args=[code])
            for route in (
                "indicator_csv",
                "indicator_json",
                "indicator_metadata",
                "indicator_embed",
            )
        ]
        urls += [
            page.url + page.reverse_subpage("indicator_image", args=[code, which, kind])
            for which in ("trend", "comparison")
            for kind in ("svg", "png")
        ]
    return page, urls


def statuses(clients, url):
    return {role: clients[role].get(url).status_code for role in ROLES}


def test_every_role_gets_the_public_pages_data_alike(clients, page_and_urls):
    _page, urls = page_and_urls
    answered = {}
    for url in urls:
        found = statuses(clients, url)
        # A chart an indicator does not have is a 404 for everyone; nothing depends on the role.
        assert set(found.values()) <= {200, 404} and len(set(found.values())) == 1, (url, found)
        answered[url] = found["anonymous"]
    opened = [url for url, status in answered.items() if status == 200]
    for part in ("/csv/", "/json/", "/metadata/", "/embed/", "/trend/svg/", "/trend/png/"):
        assert any(part in url for url in opened), part
    assert any("/comparison/" in url for url in opened)


def test_a_restricted_trend_page_closes_its_data_and_charts_too(clients, page_and_urls):
    page, urls = page_and_urls
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Moderators"))
    for url in urls[:6]:  # one indicator's every route
        response = clients["anonymous"].get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        for role in ("work-group member", "editor"):
            assert clients[role].get(url).status_code == 403, (url, role)
        assert clients["moderator"].get(url).status_code in {200, 404}, url
    # The group the restriction names still gets the data.
    for url in urls[:4]:
        assert clients["moderator"].get(url).status_code == 200, url
