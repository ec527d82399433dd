"""One login path: every form that logs anyone in is allauth's, so its MFA stage, rate limits
and e-mail verification always apply; and both admins open only to a session that passed MFA.

Wagtail and Django still register their own login and password forms; the portal answers
them with allauth's pages. Having an authenticator app is not enough for the admins: the
session must have used it (allauth's MFA login stage or MFA reauthentication), or set it up.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (  # private: allauth has no public TOTP helper
    format_hotp_value,
    hotp_value,
)
from django.contrib.auth import SESSION_KEY
from django.urls import resolve
from django.utils.http import urlencode

from tests.conftest import activate_totp, force_login_with_mfa
from tests.factories import UserFactory

MFA_REQUEST = "Enter a code from your authenticator app to use the admin."


pytestmark = pytest.mark.usefixtures("fresh_cache")


def totp_code(secret):
    """The code an authenticator app shows now (waiting for the next one near the end)."""
    if time.time() % 30 > 28:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def session_user_id(client):
    return client.session.get(SESSION_KEY)


def assert_redirects_to(response, url_name, **query):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert resolve(location.path).url_name == url_name
    assert parse_qs(location.query) == {key: [value] for key, value in query.items()}


# Wagtail's front-end login form


@pytest.mark.parametrize("prefix", ["", "/es", "/pt"])
def test_wagtail_login_form_is_allauths_login(client, demo_site, prefix):
    response = client.get(f"{prefix}/_util/login/?next=/admin/pages/")
    assert_redirects_to(response, "account_login", next="/admin/pages/")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("login", ["email", "username"])
def test_a_password_posted_to_wagtails_login_form_logs_nobody_in(
    client, demo_site, superuser, password, prefix, login
):
    """Not even with the right password: that form has no MFA stage and no lockout."""
    response = client.post(
        f"{prefix}/_util/login/?next=/admin/",
        {"username": getattr(superuser, login), "password": password, "next": "/admin/"},
    )
    assert_redirects_to(response, "account_login", next="/admin/")
    assert session_user_id(client) is None
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302


def test_an_unverified_account_gets_no_session_from_wagtails_login_form(
    client, demo_site, password
):
    unverified = UserFactory(verified=False)
    client.post("/_util/login/", {"username": unverified.email, "password": password})
    assert session_user_id(client) is None


def test_wagtails_page_password_form_is_left_alone():
    """`_util/authenticate_with_password/` asks for a page's password, not a user's."""
    match = resolve("/_util/authenticate_with_password/1/2/")
    assert match.url_name == "wagtailcore_authenticate_with_password"


# The admins' own password forms


@pytest.mark.parametrize(
    "path",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/set-password/",
        "/admin/password_reset/complete/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_wagtail_admin_password_reset_is_allauths(client, demo_site, path, method):
    response = getattr(client, method)(path)
    assert_redirects_to(response, "account_reset_password")


@pytest.mark.parametrize(
    "path", ["/django-admin/password_change/", "/django-admin/password_change/done/"]
)
def test_django_admin_password_change_is_allauths(client, demo_site, superuser, password, path):
    force_login_with_mfa(client, superuser)
    assert_redirects_to(client.get(path), "account_change_password")

    new = "another-long-passphrase-for-the-admin-91"
    response = client.post(
        path, {"old_password": password, "new_password1": new, "new_password2": new}
    )
    assert_redirects_to(response, "account_change_password")
    superuser.refresh_from_db()
    assert superuser.check_password(password)


# The admins ask a session that has not passed MFA for a code


@pytest.mark.parametrize(
    ("path", "other"), [("/admin/", "/django-admin/"), ("/django-admin/", "/admin/")]
)
def test_admin_asks_a_session_that_did_not_pass_mfa_for_a_code(
    client, demo_site, superuser, path, other
):
    client.force_login(superuser)  # has an authenticator app, never asked for a code

    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?" + urlencode({"next": path})
    assert client.get(other).status_code == 302

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert MFA_REQUEST in page.content.decode()

    # The code from the app, on allauth's page, leads back to where the user was going.
    response = client.post(response["Location"], {"code": totp_code(superuser.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == path
    assert client.get(path).status_code == 200
    assert client.get(other).status_code == 200


def test_admin_asks_a_password_only_session_for_a_code(client, demo_site, editor, password):
    """An editor logged in with the password alone (no app then), whose app was set up
    somewhere else since, is asked for a code from it."""
    response = client.post("/accounts/login/", {"login": editor.email, "password": password})
    assert response.status_code == 302
    secret = activate_totp(editor)

    response = client.get("/admin/pages/?q=sepsis")
    assert response["Location"] == (
        "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F%3Fq%3Dsepsis"
    )
    response = client.post(response["Location"], {"code": totp_code(secret)})
    assert response["Location"] == "/admin/pages/?q=sepsis"
    assert client.get("/admin/pages/?q=sepsis").status_code == 200


def test_after_password_and_code_both_admins_open(client, demo_site, superuser, password):
    response = client.post("/accounts/login/", {"login": superuser.email, "password": password})
    assert response["Location"] == "/accounts/2fa/authenticate/"

    # The password alone, on any form, leaves the user at the second step, with no admin.
    assert client.get("/admin/").status_code == 302
    client.post("/_util/login/", {"username": superuser.email, "password": password})
    assert session_user_id(client) is None
    assert client.get("/admin/").status_code == 302
    assert client.get("/django-admin/").status_code == 302

    response = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(superuser.totp_secret)}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


# Setting up the app in this session counts; allauth says so after the commit, so the
# requests must really commit (a transactional test).


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("committed_demo")
def test_setting_up_the_app_in_this_session_opens_the_admin(client, demo_site, editor, password):
    client.post("/accounts/login/", {"login": editor.email, "password": password})
    response = client.get("/admin/pages/")
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"
    client.post("/accounts/reauthenticate/", {"password": password})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"

    # No second code for this session...
    assert client.get("/admin/pages/").status_code == 200

    # ...but another session of the same user has not used the app.
    client.logout()
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fpages%2F"
