"""The full-page cache and Cache-Control: public pages are shared, nothing personal ever is.

These run the whole middleware stack with the test settings' local-memory page cache."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.rich_text import RichText

from portal.models import ConsortiumSettings
from portal.page_cache import is_shareable, shared_cache_policy
from public_awareness.models import SymptomGuidePage
from tests.factories import UserFactory
from workgroups.models.pages import WorkGroupSpacePage

MEMBER_EMAIL = "maria.alvarez@example.org"

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def guide(demo_site):
    return SymptomGuidePage.objects.get(locale=Locale.get_default())


@pytest.fixture
def member(db):
    return get_user_model().objects.get(email=MEMBER_EMAIL)


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


def assert_never_stored(response):
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


def publish_title(page, title, capture):
    """Publish a new revision of `page` as an editor would, running on-commit work."""
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    with capture(execute=True):
        page.save_revision().publish()
    return page


def test_anonymous_public_page_is_marked_for_shared_caches(client, guide):
    response = client.get(guide.url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=60" in cache_control
    assert "s-maxage=600" in cache_control
    assert "Cookie" in response["Vary"]
    assert not response.has_header("Expires")


def test_second_anonymous_visit_is_served_from_the_page_cache_without_a_query(
    client, guide, django_assert_num_queries
):
    first = client.get(guide.url)
    with django_assert_num_queries(0):
        second = Client().get(guide.url)
    assert second.status_code == 200
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert second.has_header("Age")
    assert not second.has_header("Expires")


def test_a_members_page_never_reaches_an_anonymous_visitor(member_client, member, guide):
    """The cache-leak test: a signed-in member's page is private and never stored; the
    anonymous visitor who comes next gets the anonymous page, rendered for them."""
    member_response = member_client.get(guide.url)
    assert member_response.status_code == 200
    assert_never_stored(member_response)
    member_html = member_response.content.decode()
    assert "Log out" in member_html

    anonymous = Client().get(guide.url)
    assert anonymous.status_code == 200
    html = anonymous.content.decode()
    assert "Log out" not in html
    assert member.email not in html
    assert member.first_name not in html
    assert "public" in anonymous["Cache-Control"]


def test_a_member_is_never_given_the_anonymous_copy(member_client, guide):
    Client().get(guide.url)  # stores the anonymous copy
    response = member_client.get(guide.url)
    assert "Log out" in response.content.decode()
    assert_never_stored(response)


def test_a_cookie_sent_by_the_server_is_never_shared(guide):
    """A response that sets a cookie (here the CSRF cookie of the login form) is personal."""
    client = Client()
    response = client.get("/accounts/login/")
    assert response.cookies  # the CSRF cookie
    assert_never_stored(response)
    again = Client().get("/accounts/login/")
    assert again.cookies  # rendered afresh, with its own token
    assert response.cookies["csrftoken"].value != again.cookies["csrftoken"].value


def test_work_group_space_is_private_for_members_and_redirects_anonymous(member_client):
    space = WorkGroupSpacePage.objects.live().first()
    anonymous = Client().get(space.url)
    assert anonymous.status_code == 302
    assert_never_stored(anonymous)
    response = member_client.get(space.url)
    if response.status_code == 403:  # the demo chair belongs to another group
        space = WorkGroupSpacePage.objects.live().last()
        response = member_client.get(space.url)
    assert_never_stored(response)
    # The anonymous visitor after the member is still sent to log in.
    assert Client().get(space.url).status_code == 302


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/", "/accounts/signup/"])
def test_admin_and_account_pages_are_never_stored(member_client, path):
    for client in (Client(), member_client):
        assert_never_stored(client.get(path))


def test_publishing_purges_the_page_cache(client, guide, django_capture_on_commit_callbacks):
    client.get(guide.url)
    publish_title(guide, "Sepsis: the signs to know today", django_capture_on_commit_callbacks)
    html = Client().get(guide.url).content.decode()
    assert "Sepsis: the signs to know today" in html


def test_publishing_one_page_refreshes_the_pages_that_list_it(
    client, guide, django_capture_on_commit_callbacks
):
    """Menus and listings show other pages' titles: a publish empties the whole cache."""
    listing = guide.get_parent()
    assert guide.title in client.get(listing.url).content.decode()
    publish_title(guide, "Know the signs of sepsis now", django_capture_on_commit_callbacks)
    assert "Know the signs of sepsis now" in Client().get(listing.url).content.decode()


def test_unpublishing_purges_the_page(client, guide, django_capture_on_commit_callbacks):
    assert client.get(guide.url).status_code == 200
    url = guide.url
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=guide.pk).specific.unpublish()
    assert Client().get(url).status_code == 404


def test_saving_site_settings_purges_the_page_cache(
    client, demo_site, home_page, django_capture_on_commit_callbacks
):
    client.get(home_page.url)
    site_settings = ConsortiumSettings.for_site(demo_site)
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    # The next visitor's page is rendered again, not taken from the cache.
    assert not Client().get(home_page.url).wsgi_request.served_from_page_cache


def test_saving_a_draft_does_not_purge(client, guide, django_capture_on_commit_callbacks):
    client.get(guide.url)
    page = Page.objects.get(pk=guide.pk).specific
    page.title = "A draft title nobody sees yet"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    response = Client().get(guide.url)
    assert response.wsgi_request.served_from_page_cache
    assert "A draft title nobody sees yet" not in response.content.decode()


class PurgeRecorder(BaseHTTPRequestHandler):
    """A caching proxy's purge endpoint, as Varnish or nginx would take it."""

    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_at_the_cdn(
    guide, purge_server, django_capture_on_commit_callbacks
):
    publish_title(guide, "Sepsis signs", django_capture_on_commit_callbacks)
    paths = [path for _host, path in purge_server]
    assert guide.url in paths


def test_moving_a_page_purges_its_old_address_at_the_cdn(
    guide, home_page, purge_server, django_capture_on_commit_callbacks
):
    old_url = guide.url
    target = Page.objects.get(pk=home_page.pk).get_children().exclude(pk=guide.pk).first()
    page = Page.objects.get(pk=guide.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(target, pos="last-child")
    page.refresh_from_db()
    paths = [path for _host, path in purge_server]
    assert old_url in paths
    assert page.url in paths
    assert old_url != page.url


def anonymous_get(rf, path="/"):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get(path)
    request.user = AnonymousUser()
    return request


def signed_in(request, member):
    request.user = member
    return request


def with_session_cookie(request, _member):
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    return request


def with_csrf_token_used(request, _member):
    from django.middleware.csrf import get_token

    request.COOKIES[settings.CSRF_COOKIE_NAME] = "x" * 32
    get_token(request)
    return request


def as_post(request, _member):
    request.method = "POST"
    return request


@pytest.mark.parametrize(
    "personalise",
    [signed_in, with_session_cookie, with_csrf_token_used, as_post],
    ids=lambda f: f.__name__,
)
def test_each_sign_of_a_personal_response_keeps_it_out_of_shared_caches(rf, member, personalise):
    """Each rule on its own: the whole-stack tests above pass through several at once."""
    assert is_shareable(anonymous_get(rf), HttpResponse("same for everyone"))
    request = personalise(anonymous_get(rf), member)
    response = HttpResponse("depends on who asks")
    assert not shared_cache_policy(request, response)
    assert_never_stored(response)


@pytest.mark.parametrize("status", [301, 302, 403, 404, 500])
def test_only_successful_pages_are_shared(rf, status):
    response = HttpResponse(status=status)
    assert not shared_cache_policy(anonymous_get(rf), response)
    assert_never_stored(response)


def test_a_response_that_sets_a_cookie_is_not_shared(rf):
    response = HttpResponse("hello")
    response.set_cookie("preference", "large-text")
    assert not shared_cache_policy(anonymous_get(rf), response)
    assert_never_stored(response)


def test_a_view_that_decides_its_own_caching_is_left_alone(rf):
    response = HttpResponse("robots")
    response["Cache-Control"] = "public, max-age=86400"
    assert not shared_cache_policy(anonymous_get(rf), response)
    assert response["Cache-Control"] == "public, max-age=86400"


def test_pages_are_served_while_the_page_cache_is_down(client, guide, settings, closed_port):
    """An unreachable Redis behind the page cache costs speed, not availability."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/1",
        },
    }
    response = client.get(guide.url)
    assert response.status_code == 200
    assert guide.title in response.content.decode()


def test_the_menu_remembered_for_every_visitor_follows_a_publish(
    member_client, home_page, django_capture_on_commit_callbacks
):
    """Menus and language links are kept in the page cache for signed-in members' pages
    too (they are never stored whole): a publish refreshes them for everyone."""
    section = home_page.get_children().live().in_menu().first().specific
    assert section.title in member_client.get(home_page.url).content.decode()
    publish_title(section, "Sepsis help and guidance", django_capture_on_commit_callbacks)
    html = member_client.get(home_page.url).content.decode()
    assert "Sepsis help and guidance" in html
    assert "Log out" in html


# The body of an unrestricted page, kept in the page cache (portal_tags.public_body)


def with_button_to(page, target, capture):
    """Publish `page` with a button whose text is `target`'s title."""
    page = Page.objects.get(pk=page.pk).specific
    page.body.append(("button", {"page": target, "url": "", "label": ""}))
    with capture(execute=True):
        page.save_revision().publish()
    return page


def rename_without_purging(target, title):
    """Change a title under the page cache's feet (no signal, so no purge): what a page shows
    afterwards tells whether its body was rendered again."""
    Page.objects.filter(pk=target.pk).update(title=title)


@pytest.fixture
def target(home_page):
    return home_page.get_children().live().exclude(title="").first()


def test_a_public_pages_body_is_rendered_once_for_every_reader(
    client, member_client, guide, target, django_capture_on_commit_callbacks
):
    """Members' pages are never stored whole, but the body of a public page is the same for
    every reader, and kept until the next purge."""
    with_button_to(guide, target, django_capture_on_commit_callbacks)
    assert target.title in member_client.get(guide.url).content.decode()
    rename_without_purging(target, "Renamed without a purge")
    assert "Renamed without a purge" not in member_client.get(guide.url).content.decode()


def test_a_restricted_pages_body_is_rendered_for_each_request(
    member_client, guide, target, django_capture_on_commit_callbacks
):
    guide = with_button_to(guide, target, django_capture_on_commit_callbacks)
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    assert target.title in member_client.get(guide.url).content.decode()
    rename_without_purging(target, "Renamed without a purge")
    assert "Renamed without a purge" in member_client.get(guide.url).content.decode()


def add_paragraph(page, html):
    page = Page.objects.get(pk=page.pk).specific
    page.body.append(("paragraph", RichText(html)))
    return page


def test_a_new_revision_of_the_body_is_shown_at_once_and_a_preview_shows_the_draft(
    client, member_client, guide, django_capture_on_commit_callbacks
):
    member_client.get(guide.url)  # the body as published is kept
    draft = add_paragraph(guide, "<p>Words still in draft.</p>").save_revision()
    preview = draft.as_object().make_preview_request()
    assert "Words still in draft." in preview.content.decode()
    assert "Words still in draft." not in member_client.get(guide.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        add_paragraph(guide, "<p>Words now published.</p>").save_revision().publish()
    for reader in (client, member_client):
        assert "Words now published." in reader.get(guide.url).content.decode()


def test_the_breadcrumbs_follow_a_parents_new_title(
    member_client, guide, django_capture_on_commit_callbacks
):
    assert guide.get_parent().title in member_client.get(guide.url).content.decode()
    publish_title(guide.get_parent(), "Sepsis, in plain words", django_capture_on_commit_callbacks)
    crumbs = member_client.get(guide.url).content.decode()
    assert "Sepsis, in plain words" in crumbs


ROLES = ("anonymous", "member of another group", "Wagtail Editor", "Moderator", "group member")


def client_as(role, group, other_group):
    client = Client()
    if role == "anonymous":
        return client
    user = UserFactory()
    user.groups.add(
        {
            "member of another group": other_group,
            "Wagtail Editor": Group.objects.get(name="Editors"),
            "Moderator": Group.objects.get(name="Moderators"),
            "group member": group,
        }[role]
    )
    client.force_login(user)
    return client


def test_a_group_restricted_body_reaches_only_the_group_whoever_came_first(
    guide, django_capture_on_commit_callbacks
):
    """The page's own parts are kept for other readers only when it has no view restriction:
    after a group member has read a group-restricted page, every other role is still refused
    and sent nothing of its body."""
    group, other_group = Group.objects.create(name="Reviewers"), Group.objects.create(name="Other")
    guide = add_paragraph(guide, "<p>Words for the reviewers alone.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
        restriction = PageViewRestriction.objects.create(
            page=guide, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
    clients = {role: client_as(role, group, other_group) for role in ROLES}
    words = "Words for the reviewers alone."
    assert words in clients["group member"].get(guide.url).content.decode()
    for role in ROLES[:-1]:
        response = clients[role].get(guide.url)
        assert response.status_code == (302 if role == "anonymous" else 403), role
        assert words not in response.content.decode(), role
