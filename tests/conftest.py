"""Fixtures shared by every app's tests."""

import re
import socket
import sqlite3
from urllib.parse import urlsplit

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (  # private: allauth has no public TOTP helper
    TOTP,
    generate_totp_secret,
)
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from tests.factories import PASSWORD, HomePageFactory, UserFactory

# What loading the demo sent (it should send nothing: its people are not real).
DEMO_LOAD_EMAILS = []


# The demo as loaded, per SQLite database alias: a byte-for-byte copy made with SQLite's backup
# API, which gives a transactional test its demo back in milliseconds (deserializing Django's
# JSON copy of it took 3 to 4 seconds a test).
DEMO_SNAPSHOTS = {}
# On PostgreSQL, a database made from the demo's as its template, per alias: a transactional test
# gets the demo back by recreating its database from it in a second (Django's serialized
# rollback took 10 seconds a test, and serializing the demo when it was loaded a few more).
DEMO_TEMPLATES = {}
DEMO_LOADED = []  # one entry once this process has loaded the demo


def database_order(item):
    """pytest-django's order: tests in a rolled-back transaction, then transactional tests
    (which flush the database after them), then tests without the database."""
    marker = item.get_closest_marker("django_db")
    if (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) or {
        "transactional_db",
        "live_server",
    } & set(item.fixturenames):
        return 1
    return 0 if marker or "db" in item.fixturenames else 2


def needs_demo(item):
    return database_order(item) < 2 and not item.get_closest_marker("bare")


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="Run only the tests that use the database (a second database's pass: the others "
        "have nothing to do with which database runs).",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked `bare` run on the migrated database alone, building what they need with
    factories; every other database test runs on the demo consortium. Each process loads the
    demo when its first such test starts (`demo_database`), so the bare tests go first: each
    xdist worker runs the tests it is sent in this order."""
    if config.getoption("database_tests_only"):
        deselected = [item for item in items if database_order(item) == 2]
        if deselected:
            config.hook.pytest_deselected(items=deselected)
            items[:] = [item for item in items if database_order(item) < 2]
    items.sort(key=lambda item: (database_order(item), needs_demo(item)))
    for item in items:
        if needs_demo(item):
            # Set up before the test's transaction begins (session scope, first in the list).
            item.fixturenames.insert(0, "demo_database")
        elif database_order(item) < 2:
            item.fixturenames.insert(0, "bare_database")


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The demonstration consortium, built once a process by the same code as
    `load_demo_content`; each test's transaction rolls back what it changes. (Building it
    for every test that needs it cost seconds a test.)

    Transactional tests (the browser's live server, migrations) commit, and the database is
    flushed after each: they are marked `django_db(transaction=True, serialized_rollback=True)`
    and use `committed_demo`, which puts the demo back before they run. (Serialized rollback is
    kept for other database engines; on SQLite and PostgreSQL the copy here is used.)
    """
    from django.core import mail
    from django.db import connections

    from portal.demo import loader

    with django_db_blocker.unblock():
        mail.outbox = []
        loader.load_all(log=lambda *args: None)
        DEMO_LOAD_EMAILS.extend(mail.outbox)
        DEMO_LOADED.append(True)
        for connection in connections.all(initialized_only=True):
            if not hasattr(connection, "_test_serialized_contents"):
                continue
            # Private API: Django's copy for serialized_rollback, taken before the demo existed.
            # With one, the flush after a transactional test leaves the database empty (it
            # makes no content types afresh), for the copy to fill.
            if connection.vendor == "sqlite":
                DEMO_SNAPSHOTS[connection.alias] = snapshot = sqlite3.connect(":memory:")
                connection.connection.backup(snapshot)
                connection._test_serialized_contents = "[]"  # committed_demo restores the copy
            elif connection.vendor == "postgresql":
                DEMO_TEMPLATES[connection.alias] = template = (
                    f"{connection.settings_dict['NAME']}_demo"
                )
                connection.close()  # a template must have no other connection
                server_sql(connection, f'DROP DATABASE IF EXISTS "{template}"')
                server_sql(
                    connection,
                    f'CREATE DATABASE "{template}" TEMPLATE "{connection.settings_dict["NAME"]}"',
                )
                connection._test_serialized_contents = "[]"  # committed_demo recreates it
            else:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def server_sql(connection, sql):
    """Run a statement on a PostgreSQL server outside any database of the tests' (creating or
    dropping a database), on the maintenance database, as Django's own test set-up does."""
    import psycopg

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as server:
        server.execute(sql)


@pytest.fixture
def bare_database():
    """A `bare` test's database: as the migrations left it, without the demo."""
    if DEMO_LOADED:
        pytest.fail("a bare test ran after this process loaded the demo (see the test order)")


@pytest.fixture
def committed_demo(transactional_db):
    """For a transactional test: the demo, committed, as `demo_database` left it: on SQLite the
    backup is copied back, on PostgreSQL the database is made again from the demo's template,
    elsewhere Django's serialized rollback restores it."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    for alias, snapshot in DEMO_SNAPSHOTS.items():
        connections[alias].ensure_connection()
        snapshot.backup(connections[alias].connection)
    for alias, template in DEMO_TEMPLATES.items():
        connection = connections[alias]
        name = connection.settings_dict["NAME"]
        connection.close()
        # FORCE: a live server's thread may still hold a connection from an earlier test.
        server_sql(connection, f'DROP DATABASE "{name}" WITH (FORCE)')
        server_sql(connection, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    if DEMO_SNAPSHOTS or DEMO_TEMPLATES:
        # Content types the last test made are cached under ids the copy does not hold. (Not
        # with a serialized rollback: it needs the cache while the content types are reloaded.)
        ContentType.objects.clear_cache()


@pytest.fixture
def fresh_cache():
    """An empty cache before and after the test: rate limits and used authenticator codes live
    there, and no test may inherit them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_admin_mfa(settings):
    """The Wagtail admin without its MFA gate, for tests of what the admin does: the gate has
    its own tests (tests/portal), and here it would only add a step to every request."""
    settings.PORTAL_REQUIRE_ADMIN_MFA = False


@pytest.fixture
def demo_site(request, db):
    """The demonstration consortium's site; for a `bare` test, a site with a bare home page and
    the consortium's languages, as the demo's has (built by factories)."""
    from wagtail.models import Locale, Page, Site

    if request.node.get_closest_marker("bare"):
        for code in ("es", "pt"):
            Locale.objects.get_or_create(language_code=code)
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-test")
        site = Site.objects.get(is_default_site=True)  # Wagtail's, made by its migrations
        origin = urlsplit(settings.WAGTAILADMIN_BASE_URL)  # where the demo's site answers
        site.hostname, site.port = origin.hostname, origin.port or 80
        site.root_page, site.site_name = home, "Test site"
        site.save()
        return site
    return Site.objects.select_related("root_page").get(is_default_site=True)


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


def force_login_with_mfa(client, user):
    """`client.force_login(user)`, then the second step the way allauth takes it: one of the
    user's recovery codes entered on allauth's MFA reauthentication page, which records in the
    session that it passed MFA, as its login's MFA stage does.

    The admins open only to a session that passed MFA (portal.access.must_pass_mfa);
    `force_login` alone has not. The user needs an authenticator (`activate_totp`). Works for
    clients that enforce CSRF checks too (the token is taken from the page).
    """
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    client.force_login(user)
    url = reverse("mfa_reauthenticate")
    page = client.get(url).content.decode()
    csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    recovery_codes = Authenticator.objects.get(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ).wrap()
    code = recovery_codes.get_unused_codes()[0]
    response = client.post(url, {"code": code, "csrfmiddlewaretoken": csrf_token})
    assert response.status_code == 302, "allauth's MFA reauthentication refused the code"


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
def admin_client(db, superuser):
    """A client of its own (not `client`, which stays anonymous), signed in as a superuser who
    has passed MFA, as the admins require (replaces pytest-django's fixture of the name, whose
    session has not)."""
    from django.test import Client

    admin = Client()
    force_login_with_mfa(admin, superuser)
    return admin


@pytest.fixture
def admin_access_permission(db):
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@pytest.fixture
def page_cache(settings):
    """The full-page cache as in production (off by default in tests: see settings.test)."""
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    caches["pages"].clear()
    return caches["pages"]


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: no page stored by another test's data, and no
    rate-limit count carried over."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture
def closed_port():
    """A local port nothing listens on: a service that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request to a Spanish or Portuguese
    page leaves its language active in the thread (LocaleMiddleware activates it, nothing
    deactivates it), and a later test formatting dates would read "Fev" for "Feb"."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
