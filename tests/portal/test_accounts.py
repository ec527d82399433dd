"""Accounts: sign-up with e-mail verification, login by e-mail, password reset,
rate limits and two-factor authentication, all through django-allauth's real views."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (  # private: allauth has no public TOTP helper
    format_hotp_value,
    hotp_value,
)
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail

from portal import access
from portal.models import ConsortiumSettings
from tests.factories import MemberOrganizationFactory, UserFactory

User = get_user_model()

NEW_PASSWORD = "a-new-and-long-passphrase-42"


pytestmark = pytest.mark.usefixtures("fresh_cache")


def links_in(message):
    """The site-relative paths of the links in an e-mail."""
    return re.findall(r"https?://testserver(/\S+)", message.body)


def totp_code(secret):
    """The code an authenticator app shows now.

    Near the end of a 30-second period the code would expire before it is posted,
    so wait for the next period, as a person would.
    """
    if time.time() % 30 > 28:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def logged_in_user(client):
    """The user the client's session belongs to, as the next request sees it."""
    response = client.get("/accounts/email/")
    return response.wsgi_request.user if response.status_code == 200 else None


def signup_data(email, **extra):
    return {
        "email": email,
        "password1": "sepsis-signup-passphrase-7",
        "password2": "sepsis-signup-passphrase-7",
        "first_name": "Jordan",
        "last_name": "Rivera",
        **extra,
    }


# Sign-up and e-mail verification


def test_signup_requires_verified_email_and_records_requested_organization(client, demo_site):
    organization = MemberOrganizationFactory()
    response = client.post(
        "/accounts/signup/",
        signup_data("new.member@example.org", organization=organization.pk),
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    user = User.objects.get(email="new.member@example.org")
    assert (user.first_name, user.last_name) == ("Jordan", "Rivera")
    assert not EmailAddress.objects.get(user=user).verified
    # The organization named at sign-up is only a request until staff confirm it.
    assert user.profile.requested_organization == organization
    assert user.profile.organization is None
    assert access.member_organization(user) is None
    # Not logged in by signing up.
    assert logged_in_user(client) is None

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.member@example.org"]
    [confirm_path] = [p for p in links_in(mail.outbox[0]) if "/confirm-email/" in p]

    # Logging in before verifying does not log in; it asks for verification again.
    client.logout()
    response = log_in(client, "new.member@example.org", "sepsis-signup-passphrase-7")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert logged_in_user(client) is None

    # Following the link (and confirming, allauth does not confirm on GET) verifies.
    assert client.get(confirm_path).status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert logged_in_user(client) == user


def test_signup_with_existing_email_does_not_reveal_the_account(client, demo_site, user):
    fresh = client.post("/accounts/signup/", signup_data("someone.new@example.org"))
    mail.outbox.clear()
    client.logout()

    response = client.post("/accounts/signup/", signup_data(user.email))

    # Same answer as for an address nobody uses...
    assert response.status_code == fresh.status_code == 302
    assert response["Location"] == fresh["Location"] == "/accounts/confirm-email/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"already" not in page.content.lower()
    # ...no second account...
    assert User.objects.filter(email__iexact=user.email).count() == 1
    assert EmailAddress.objects.filter(email__iexact=user.email).count() == 1
    # ...and the owner of the address is told, by e-mail, with a way back in.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "already exists" in message.subject.lower() or "already exists" in message.body
    assert any(path.startswith("/accounts/password/reset/") for path in links_in(message))


def test_account_emails_greet_from_the_consortium_by_name(client, demo_site):
    name = ConsortiumSettings.for_site(demo_site).consortium_name
    client.post("/accounts/signup/", signup_data("greeted@example.org"))
    [message] = mail.outbox
    assert f"Hello from {name}!" in message.body
    assert f"Thank you for using {name}!" in message.body
    assert "Hello from testserver" not in message.body
    # The person the message is about is named by their name, not an internal username.
    assert "user Jordan Rivera has given your email address" in message.body
    user = User.objects.get(email="greeted@example.org")
    assert user.username not in message.body


def test_signing_in_names_the_person_not_their_username(client, demo_site, user, password):
    user.first_name, user.last_name = "Ana", "Souza"
    user.save()
    response = log_in(client, user.email, password)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Successfully signed in as Ana Souza."]


# Login, logout, password reset


def test_login_is_by_email_address_not_username(client, demo_site, user, password):
    response = log_in(client, user.username, password)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert logged_in_user(client) is None

    response = log_in(client, user.email, password)
    assert response.status_code == 302
    assert logged_in_user(client) == user


def test_wrong_password_is_refused_with_a_form_error(client, demo_site, user):
    response = log_in(client, user.email, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert logged_in_user(client) is None


def test_logout_takes_a_post(client, demo_site, user, password):
    log_in(client, user.email, password)
    assert logged_in_user(client) == user

    # A link (GET) only asks for confirmation, so another site cannot log users out.
    assert client.get("/accounts/logout/").status_code == 200
    assert logged_in_user(client) == user

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert logged_in_user(client) is None


def test_password_reset_email_lets_the_user_choose_a_new_password(
    client, demo_site, user, password
):
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    [reset_path] = [p for p in links_in(mail.outbox[0]) if "/password/reset/key/" in p]

    # allauth moves the key from the URL into the session, then shows the form.
    response = client.get(reset_path)
    assert response.status_code == 302
    set_password_path = response["Location"]
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert logged_in_user(client) is None  # no login by merely resetting

    assert log_in(client, user.email, password).status_code == 200  # old one refused
    assert logged_in_user(client) is None
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302
    assert logged_in_user(client) == user

    # The link works once only.
    client.post("/accounts/logout/")
    response = client.get(reset_path, follow=True)
    assert response.context["token_fail"]
    assert b'name="password1"' not in response.content


def test_repeated_failed_logins_lock_out_even_the_right_password(client, demo_site, user, password):
    for _attempt in range(5):
        response = log_in(client, user.email, "guessing-again")
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()

    response = log_in(client, user.email, password)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert logged_in_user(client) is None

    # The limit is per account too: moving to another address does not help.
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": password}, REMOTE_ADDR="10.9.8.7"
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert logged_in_user(client) is None

    # Other accounts on another address are not affected.
    other = UserFactory()
    response = client.post(
        "/accounts/login/", {"login": other.email, "password": password}, REMOTE_ADDR="10.9.8.7"
    )
    assert response.status_code == 302
    assert logged_in_user(client) == other


# Two-factor authentication


def test_user_activates_authenticator_app_and_then_needs_it_to_log_in(
    client, demo_site, user, password
):
    assert log_in(client, user.email, password).status_code == 302

    # Adding an authenticator is a sensitive change: allauth asks for the password again.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": password})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"

    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    secret = response.context["form"].secret
    assert secret == client.session["mfa.totp.secret"]
    assert secret in response.content.decode()  # shown for typing into an app

    # A wrong code does not activate anything.
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=user).exists()

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 200
    recovery_codes = response.context["unused_codes"]
    assert len(recovery_codes) == 10
    assert all(code in response.content.decode() for code in recovery_codes)

    client.post("/accounts/logout/")

    # The password alone no longer logs in: a second step is asked for.
    response = log_in(client, user.email, password)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert logged_in_user(client) is None

    response = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert logged_in_user(client) is None

    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert logged_in_user(client) == user


def test_second_step_cannot_be_skipped(client, demo_site, editor_with_mfa, password):
    log_in(client, editor_with_mfa.email, password)
    # Going anywhere else does not finish the login half-way.
    assert client.get("/admin/").status_code == 302
    assert logged_in_user(client) is None


def test_recovery_code_logs_in_once(client, demo_site, editor_with_mfa, password):
    recovery = Authenticator.objects.get(
        user=editor_with_mfa, type=Authenticator.Type.RECOVERY_CODES
    )
    code = recovery.wrap().get_unused_codes()[0]

    assert log_in(client, editor_with_mfa.email, password)["Location"] == (
        "/accounts/2fa/authenticate/"
    )
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert logged_in_user(client) == editor_with_mfa

    client.post("/accounts/logout/")
    log_in(client, editor_with_mfa.email, password)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert logged_in_user(client) is None


def test_totp_code_cannot_be_replayed(client, demo_site, editor_with_mfa, password):
    code = totp_code(editor_with_mfa.totp_secret)
    log_in(client, editor_with_mfa.email, password)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302

    client.post("/accounts/logout/")
    log_in(client, editor_with_mfa.email, password)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert logged_in_user(client) is None
