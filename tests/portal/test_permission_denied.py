"""Every 403 offers the way back to where the person came from and the next step that fits
them: log in, name an organization, wait for staff (with the promised date), how to join."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from portal import access, organization_requests
from portal.models import ConsortiumSettings
from portal.views import permission_denied
from tests.factories import MemberOrganizationFactory, StandardPageFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


@pytest.fixture
def closed_page(home_page):
    """A page for staff of member organizations only, and the site's page on joining."""
    page = StandardPageFactory(parent=home_page, title="Order set", slug="order-set")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([access.members_group()])
    join = StandardPageFactory(parent=home_page, title="Join us", slug="join-us")
    consortium = ConsortiumSettings.for_site(home_page.get_site())
    consortium.joining_page = join
    consortium.contact_email = "consortium@example.org"
    consortium.save()
    return page


def test_a_person_with_no_organization_is_asked_to_name_one(client, closed_page):
    client.force_login(UserFactory())
    response = client.get(closed_page.url, HTTP_REFERER="http://testserver/toolkits/sbar/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Name your member organization on your profile page</a>" in html
    assert 'href="/join-us/">How to join the consortium' in html
    assert 'href="http://testserver/toolkits/sbar/">Go back to the page you came from' in html
    assert "Wait for consortium staff" not in html and "Log in</a>:" not in html


def test_a_person_waiting_for_staff_is_told_when_to_expect_an_answer(client, closed_page):
    person = UserFactory()
    record = organization_requests.name_organization(person, MemberOrganizationFactory())
    client.force_login(person)
    html = client.get(closed_page.url).content.decode()
    assert "Wait for consortium staff to confirm that you work for" in html
    assert "within 3 working days" in html
    assert organization_requests.answer_by(record).strftime("%B") in html
    assert "Name your member organization" not in html
    assert "Go back to the page you came from" not in html  # no page to go back to


def test_an_anonymous_refusal_offers_to_log_in_and_come_back(closed_page):
    request = RequestFactory().get("/work-groups/triage/", HTTP_REFERER="http://testserver/")
    request.user, request.session = AnonymousUser(), SessionStore()
    html = permission_denied(request, PermissionDenied("Closed.")).content.decode()
    assert 'href="/accounts/login/?next=%2Fwork-groups%2Ftriage%2F">Log in</a>' in html
    assert 'href="http://testserver/">Go back to the page you came from' in html


def test_a_link_from_another_site_is_not_offered_as_the_way_back(client, closed_page):
    client.force_login(UserFactory())
    html = client.get(closed_page.url, HTTP_REFERER="https://evil.example/x").content.decode()
    assert "evil.example" not in html


def test_a_member_sees_the_page(client, closed_page):
    member = UserFactory()
    member.profile.organization = MemberOrganizationFactory()
    member.profile.save()
    client.force_login(member)
    assert client.get(closed_page.url).status_code == 200
