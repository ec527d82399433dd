"""Fixtures shared by every app's tests."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group, Permission

from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def demo_site(db):
    """The demonstration consortium, built by the same code as `load_demo_content`."""
    from portal.demo import loader

    return loader.load_all(log=lambda *args: None)


@pytest.fixture
def home_page(demo_site):
    return demo_site.root_page.specific


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    """A verified user with no special rights."""
    return UserFactory()


@pytest.fixture
def editor(db):
    """A user in Wagtail's Editors group (may use the admin), without MFA."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def activate_totp(user):
    """Give a user an authenticator app and recovery codes; returns the TOTP secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


@pytest.fixture
def editor_with_mfa(editor):
    editor.totp_secret = activate_totp(editor)
    return editor


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.totp_secret = activate_totp(user)
    return user


@pytest.fixture
def admin_access_permission(db):
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
