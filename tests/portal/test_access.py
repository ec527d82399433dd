"""Who may see what: both admins, restricted pages and documents, and error pages.

An anonymous visitor is sent to log in and back; a logged-in user without access
gets a 403 page that says why and whom to ask, never a loop back to the login.
"""

import time

import pytest
from allauth.mfa.totp.internal.auth import (  # private: allauth has no public TOTP helper
    format_hotp_value,
    hotp_value,
)
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from portal.models import ConsortiumSettings
from tests.factories import StandardPageFactory, UserFactory

Document = get_document_model()

ADMIN_REFUSAL = "Your account does not have access to the editing interface."
GROUP_REFUSAL = "This content is only available to members of a particular group."
LOGIN_PAGE = "/accounts/login/"


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def contact_email(demo_site):
    return ConsortiumSettings.for_site(Site.objects.get(is_default_site=True)).contact_email


@pytest.fixture
def work_group(db):
    return Group.objects.create(name="Sepsis bundle work group")


@pytest.fixture
def member(user, work_group):
    user.groups.add(work_group)
    return user


@pytest.fixture
def outsider(db):
    """Logged in, verified, in no group."""
    return UserFactory()


def log_in_with_mfa(client, user, password):
    """The whole real login: e-mail and password, then the authenticator code."""
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    if time.time() % 30 > 28:  # let a code about to expire roll over first
        time.sleep(30 - time.time() % 30 + 0.1)
    code = format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302, "the second step did not log in"


def assert_refused_without_loop(client, url, *texts):
    """A 403 page explaining the refusal, reached without any redirect."""
    response = client.get(url, follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 403
    content = response.content.decode()
    for text in texts:
        assert text in content
    return response


# Wagtail admin


def test_wagtail_admin_sends_anonymous_visitors_to_the_allauth_login(client, demo_site):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_wagtail_admin_refuses_logged_in_user_without_rights(
    client, demo_site, user, contact_email
):
    client.force_login(user)
    assert_refused_without_loop(client, "/admin/", ADMIN_REFUSAL, contact_email)
    assert_refused_without_loop(client, "/admin/pages/", ADMIN_REFUSAL)


def test_wagtail_admin_sends_editor_without_mfa_to_set_it_up(client, demo_site, editor, password):
    client.post("/accounts/login/", {"login": editor.email, "password": password})
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"

    # Told why, on the page that follows (allauth first asks for the password again).
    response = client.get(response["Location"], follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.path == "/accounts/reauthenticate/"
    assert "Set up two-factor authentication" in response.content.decode()


# allauth says the app was set up (which opens the admin to this session) after the commit:
# the requests must really commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("committed_demo")
def test_after_setting_up_mfa_the_editor_is_offered_the_way_back(
    client, demo_site, editor, password
):
    """allauth ends the set-up on the recovery codes; they link back to the admin page the
    editor was opening, until the editor gets there."""
    client.post("/accounts/login/", {"login": editor.email, "password": password})
    client.get("/admin/pages/?q=sepsis")
    client.post("/accounts/reauthenticate/", {"password": password})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code}, follow=True)
    assert response.wsgi_request.path == "/accounts/2fa/recovery-codes/"
    html = response.content.decode()
    assert 'href="/admin/pages/?q=sepsis"' in html
    assert "continue to the page you were opening" in html

    assert client.get("/admin/pages/?q=sepsis").status_code == 200
    html = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert "continue to the page you were opening" not in html


@pytest.mark.parametrize(
    ("stored", "shown"), [("/admin/pages/", True), ("//evil.example/phish", False)]
)
def test_the_way_back_never_leads_off_the_site(
    client, demo_site, editor_with_mfa, password, stored, shown
):
    from portal.middleware import AFTER_MFA_SETUP_SESSION_KEY

    client.force_login(editor_with_mfa)
    client.post("/accounts/reauthenticate/", {"password": password})
    session = client.session
    session[AFTER_MFA_SETUP_SESSION_KEY] = stored
    session.save()
    response = client.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert ("continue to the page you were opening" in html) is shown
    assert "evil.example" not in html


def test_django_admin_sends_staff_without_mfa_to_set_it_up(client, demo_site):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=%2Fdjango-admin%2F"


def test_wagtail_admin_opens_for_editor_after_login_with_mfa(
    client, demo_site, editor_with_mfa, password
):
    log_in_with_mfa(client, editor_with_mfa, password)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user == editor_with_mfa


def test_wagtail_admin_login_url_goes_to_allauth_keeping_next(client, demo_site):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_wagtail_admin_logout_url_goes_to_allauth(client, demo_site):
    response = client.get("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/logout/"


# Django admin


def test_django_admin_sends_anonymous_visitors_to_the_allauth_login(client, demo_site):
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 200
    assert response.wsgi_request.path == LOGIN_PAGE
    assert response.wsgi_request.GET["next"] == "/django-admin/"


def test_django_admin_refuses_logged_in_non_staff(client, demo_site, editor_with_mfa):
    client.force_login(editor_with_mfa)  # may edit in Wagtail, is not staff
    assert_refused_without_loop(client, "/django-admin/", ADMIN_REFUSAL)
    assert_refused_without_loop(client, "/django-admin/login/", ADMIN_REFUSAL)


def test_django_admin_opens_for_superuser_after_login_with_mfa(
    client, demo_site, superuser, password
):
    log_in_with_mfa(client, superuser, password)
    response = client.get("/django-admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user == superuser


# Restricted pages


@pytest.fixture
def login_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Members area", slug="members-area")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def group_page(home_page, work_group):
    page = StandardPageFactory(parent=home_page, title="Work group drafts", slug="drafts")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([work_group])
    return page


def test_login_restricted_page(client, login_page, user):
    url = login_page.url
    assert url == "/members-area/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"

    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Members area" in response.content
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_group_restricted_page_sends_anonymous_visitor_to_log_in(client, group_page):
    response = client.get("/drafts/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/drafts/"


def test_group_restricted_page_refuses_logged_in_non_member(
    client, group_page, outsider, contact_email
):
    client.force_login(outsider)
    response = assert_refused_without_loop(client, "/drafts/", GROUP_REFUSAL, contact_email)
    assert b"Work group drafts" not in response.content
    assert b"Body text of a standard page" not in response.content


def test_non_member_who_logs_in_from_the_redirect_lands_on_403_not_login(
    client, group_page, outsider, password
):
    """The trap from the design: after logging in, a non-member must not be sent back."""
    login_url = client.get("/drafts/")["Location"]
    response = client.post(login_url, {"login": outsider.email, "password": password}, follow=True)
    assert response.status_code == 403
    assert response.wsgi_request.path == "/drafts/"
    assert [url for url, _status in response.redirect_chain] == ["/drafts/"]


def test_group_restricted_page_opens_for_member(client, group_page, member):
    client.force_login(member)
    response = client.get("/drafts/")
    assert response.status_code == 200
    assert b"Body text of a standard page" in response.content
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_restriction_covers_child_pages(client, group_page, outsider):
    child = StandardPageFactory(parent=group_page, title="Draft protocol", slug="protocol")
    assert client.get(child.url)["Location"] == f"/accounts/login/?next={child.url}"
    client.force_login(outsider)
    assert_refused_without_loop(client, child.url, GROUP_REFUSAL)


# Restricted documents


@pytest.fixture
def private_document(demo_site, work_group):
    collection = Collection.get_first_root_node().add_child(name="Work group files")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([work_group])
    document = Document(title="Meeting minutes", collection=collection)
    document.file.save("minutes.txt", ContentFile(b"Minutes of the work group."), save=False)
    document.save()
    return document


def test_restricted_document_sends_anonymous_visitor_to_log_in(client, private_document):
    url = private_document.url
    assert url == f"/documents/{private_document.pk}/{private_document.filename}"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_restricted_document_refuses_logged_in_non_member(
    client, private_document, outsider, contact_email
):
    client.force_login(outsider)
    response = assert_refused_without_loop(
        client, private_document.url, GROUP_REFUSAL, contact_email
    )
    assert b"Minutes of the work group." not in response.content


def test_non_member_who_logs_in_for_a_document_lands_on_403_not_login(
    client, private_document, outsider, password
):
    url = private_document.url
    login_url = client.get(url)["Location"]
    response = client.post(login_url, {"login": outsider.email, "password": password}, follow=True)
    assert response.status_code == 403
    assert [path for path, _status in response.redirect_chain] == [url]


def test_restricted_document_is_served_to_member(client, private_document, member):
    client.force_login(member)
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Minutes of the work group."


# Unknown addresses


@pytest.mark.parametrize(
    ("url", "language"),
    [
        ("/no-such-page/", "en-us"),
        ("/about/no-such-child/", "en-us"),
        ("/es/no-such-page/", "es"),
        ("/documents/999999/x.pdf", "en-us"),
    ],
)
def test_unknown_url_gets_the_styled_404_page(client, demo_site, url, language):
    from django.utils import translation

    response = client.get(url)
    assert response.status_code == 404
    content = response.content.decode()
    with translation.override(language):
        expected = translation.gettext(
            "We could not find the page you asked for. It may have moved, or the address "
            "may be mistyped."
        )
    assert expected in content
    assert "Traceback" not in content
