"""Staff manage member organizations and confirm which organization each person works for."""

import pytest

from portal import access
from portal.models import UserProfile
from tests.conftest import force_login_with_mfa
from tests.factories import MemberOrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_confirm_a_persons_organization_in_the_admin(client, superuser, demo_site):
    organization = MemberOrganizationFactory(name="Cape Cod Test Hospital")
    person = UserFactory(first_name="Lee", last_name="Chen")
    person.profile.requested_organization = organization
    person.profile.save()
    force_login_with_mfa(client, superuser)

    listing = client.get("/admin/userprofile/?q=Chen").content.decode()
    assert "Lee Chen" in listing and person.email in listing
    assert "Cape Cod Test Hospital" in listing

    response = client.post(
        f"/admin/userprofile/edit/{person.profile.pk}/",
        {"organization": organization.pk, "job_title": "Sepsis coordinator"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert access.member_organization(person) == organization


def test_profiles_cannot_be_added_or_deleted_by_hand(client, superuser, demo_site):
    force_login_with_mfa(client, superuser)
    profile = UserProfile.objects.get(user=superuser)
    assert "Add user profile" not in client.get("/admin/userprofile/").content.decode()
    assert client.get("/admin/userprofile/new/").status_code in (302, 403)
    assert client.get(f"/admin/userprofile/delete/{profile.pk}/").status_code in (302, 403)
    assert UserProfile.objects.filter(pk=profile.pk).exists()


def test_inactive_organization_grants_no_membership(demo_site):
    organization = MemberOrganizationFactory(is_active=False)
    person = UserFactory()
    person.profile.organization = organization
    person.profile.save()
    assert access.member_organization(person) is None


def test_every_new_user_gets_a_profile(db):
    user = UserFactory()
    assert UserProfile.objects.filter(user=user).count() == 1
