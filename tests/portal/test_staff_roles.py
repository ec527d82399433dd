"""The consortium's two staff groups hold what their work needs, tried through the admin as
each role: Editors write guidance and toolkits and keep the toolkit terms; Moderators
(consortium staff) also publish, keep the member directory, the trend indicators and search's
synonyms. A member organization's staff do not reach the admin at all."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from portal.models import MemberOrganization
from search.models import Synonym
from tests.factories import MemberOrganizationFactory, UserFactory
from toolkits.models import CareSetting

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]

ORGANIZATIONS = "wagtailsnippets_portal_memberorganization:list"
CATEGORIES = "wagtailsnippets_portal_organizationcategory:list"
CARE_SETTINGS = "wagtailsnippets_toolkits_caresetting:list"
INDICATORS = "wagtailsnippets_trends_indicator:list"
SYNONYMS = "wagtailsnippets_search_synonym:list"

# (screen, {role: may they open it?})
SCREENS = [
    (ORGANIZATIONS, {"editor": False, "moderator": True}),
    (CATEGORIES, {"editor": False, "moderator": True}),
    (CARE_SETTINGS, {"editor": True, "moderator": True}),
    (INDICATORS, {"editor": False, "moderator": True}),
    (SYNONYMS, {"editor": False, "moderator": True}),
]


def client_in(group_name):
    user = UserFactory()
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients():
    return {
        "editor": client_in("Editors"),
        "moderator": client_in("Moderators"),
        "member_staff": client_in(None),
    }


@pytest.mark.parametrize(("screen", "allowed"), SCREENS)
def test_each_role_opens_the_screens_its_work_needs(clients, screen, allowed):
    for role, may in allowed.items():
        response = clients[role].get(reverse(screen))
        assert (response.status_code == 200) is may, (role, screen, response.status_code)
    # A member organization's staff are kept out of the admin.
    assert clients["member_staff"].get(reverse(screen)).status_code == 403


def test_a_moderator_adds_a_member_organization_and_confirms_a_person(clients):
    category = MemberOrganizationFactory().category
    response = clients["moderator"].post(
        reverse("wagtailsnippets_portal_memberorganization:add"),
        {
            "name": "Berkshire Regional Hospital",
            "slug": "berkshire-regional",
            "category": category.pk,
            "description": "",
            "website": "",
            "city": "Pittsfield",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    organization = MemberOrganization.objects.get(slug="berkshire-regional")

    person = UserFactory()
    profile_url = reverse("userprofile:edit", args=[person.profile.pk])
    response = clients["moderator"].post(
        profile_url, {"organization": organization.pk, "job_title": "Sepsis coordinator"}
    )
    assert response.status_code == 302
    person.profile.refresh_from_db()
    assert person.profile.organization == organization
    # An editor may not.
    assert clients["editor"].get(profile_url).status_code != 200


def test_editors_and_moderators_keep_the_toolkit_terms(clients):
    for number, role in enumerate(("editor", "moderator")):
        response = clients[role].post(
            reverse("wagtailsnippets_toolkits_caresetting:add"),
            {"name": f"Urgent care {number}", "slug": f"urgent-care-{number}", "sort_order": "9"},
        )
        assert response.status_code == 302, role
    assert CareSetting.objects.filter(slug__startswith="urgent-care-").count() == 2


def test_a_moderator_keeps_search_synonyms(clients):
    response = clients["moderator"].post(
        reverse("wagtailsnippets_search_synonym:add"),
        {"term": "sepsis", "alternatives": "blood poisoning"},
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(term="sepsis").exists()


def test_the_group_screen_labels_every_permission_in_full(admin_client):
    moderators = Group.objects.get(name="Moderators")
    html = admin_client.get(reverse("wagtailusers_groups:edit", args=[moderators.pk]))
    page = html.content.decode()
    assert "Can import data releases" in page
    assert "Can see inside every work group (consortium staff)" in page
    assert "Can coach every site of the collaborative (consortium staff)" in page
