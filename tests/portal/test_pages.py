"""Every page type renders inside the site frame, with navigation, breadcrumbs and review dates."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail.models import Page

from portal.models import ConsortiumSettings, HomePage, MemberDirectoryPage, StandardPage
from portal.review import READER_NOTICE_AFTER_DAYS
from tests.factories import MemberOrganizationFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_every_page_type_of_the_demo_tree_renders(client, admin_client, demo_site):
    """Public pages for anyone; private ones (work-group spaces) for staff, and anonymous
    visitors are asked to log in."""
    rendered = set()
    for page in Page.objects.live().filter(depth__gte=2).specific():
        # Private: a view restriction, or an event for members or one work group only.
        if page.get_view_restrictions() or getattr(page, "audience", "public") != "public":
            assert client.get(page.url).status_code == 302, page.url
            response = admin_client.get(page.url)
        else:
            response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert escape(page.title) in html
        rendered.add(type(page))
    assert {HomePage, StandardPage, MemberDirectoryPage} <= rendered


def test_home_page_shows_settings_and_demo_notice(client, demo_site):
    settings = ConsortiumSettings.for_site(demo_site)
    html = client.get("/").content.decode()
    assert settings.consortium_name in html
    assert 'href="tel:911"' in html
    assert settings.contact_email in html
    assert "Demonstration content." in html

    settings.is_demonstration = False
    settings.emergency_number = "112"
    settings.save()
    html = client.get("/").content.decode()
    assert "Demonstration content." not in html
    assert 'href="tel:112"' in html


def test_about_page_presents_the_three_aims(client, demo_site):
    html = client.get("/about/").content.decode()
    assert "<h1>About the consortium</h1>" in html
    for aim in (
        "Share what works",
        "Help the public know the signs",
        "Track sepsis across the state",
    ):
        assert aim in html


def test_directory_groups_active_organizations_by_category(client, demo_site):
    html = client.get("/members/").content.decode()
    state = html.index("State agencies and legislators")
    associations = html.index("Health care associations and insurers")
    advocates = html.index("Sepsis advocates and patient representatives")
    assert state < associations < advocates
    assert state < html.index("Department of Public Health") < associations
    assert associations < html.index("Home Care Alliance") < advocates

    inactive = MemberOrganizationFactory(name="Lapsed Clinic", is_active=False)
    assert inactive.name not in client.get("/members/").content.decode()


def test_directory_query_count_does_not_grow_with_organizations(client, demo_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/members/")  # warm caches of site settings and the site root
    with CaptureQueriesContext(connection) as before:
        client.get("/members/")
    MemberOrganizationFactory.create_batch(30)
    with CaptureQueriesContext(connection) as after:
        response = client.get("/members/")
    assert response.content.decode().count("usa-collection__item") >= 41
    assert len(after) == len(before)


def test_navigation_comes_from_the_page_tree(client, home_page):
    hidden = StandardPageFactory(parent=home_page, title="Hidden page", show_in_menus=False)
    draft = StandardPageFactory(
        parent=home_page, title="Draft page", show_in_menus=True, live=False
    )
    html = client.get("/").content.decode()
    start = html.index('class="usa-nav__primary')
    nav = html[start : html.index("</ul>", start)]
    assert "About the consortium" in nav
    assert hidden.title not in nav
    assert draft.title not in nav
    # The sections kept out of the main menu are listed in the footer instead.
    footer = html[html.index('aria-label="More from the consortium"') :]
    footer = footer[: footer.index("</nav>")]
    assert "Member organizations" in footer and "Join the consortium" in footer
    assert hidden.title in footer
    assert draft.title not in footer and "About the consortium" not in footer


def test_current_section_is_marked_in_navigation_and_breadcrumbs(client, home_page):
    about = home_page.get_children().get(slug="about").specific
    child = StandardPageFactory(parent=about, title="Our work groups")
    html = client.get(child.url).content.decode()
    assert 'aria-current="page"><span>About the consortium' in html
    crumbs = html[html.index('class="usa-breadcrumb"') :]
    assert crumbs.index("Home") < crumbs.index("About the consortium") < crumbs.index(child.title)


def test_review_dates_shown_and_next_review_defaults_to_a_year(client, home_page):
    page = StandardPageFactory(parent=home_page, last_reviewed=datetime.date(2026, 3, 2))
    assert page.next_review_due == datetime.date(2027, 3, 2)
    html = client.get(page.url).content.decode()
    assert "Page last reviewed:" in html and "March 2, 2026" in html
    assert "Next review due:" in html and "March 2, 2027" in html


def test_next_review_cannot_precede_last_review(home_page):
    from django.core.exceptions import ValidationError

    page = StandardPage(
        title="Bad dates",
        body=[],
        last_reviewed=datetime.date(2026, 5, 1),
        next_review_due=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "next_review_due" in error.value.message_dict


def test_readers_warned_only_when_review_is_long_overdue(client, home_page):
    today = datetime.date.today()
    notice = "We are checking that this page is still up to date."
    slightly = StandardPageFactory(
        parent=home_page,
        last_reviewed=today - datetime.timedelta(days=400),
        next_review_due=today - datetime.timedelta(days=READER_NOTICE_AFTER_DAYS),
    )
    long_overdue = StandardPageFactory(
        parent=home_page,
        last_reviewed=today - datetime.timedelta(days=500),
        next_review_due=today - datetime.timedelta(days=READER_NOTICE_AFTER_DAYS + 1),
    )
    assert notice not in client.get(slightly.url).content.decode()
    assert notice in client.get(long_overdue.url).content.decode()


def test_page_frame_has_skip_link_and_landmarks(client, demo_site):
    html = client.get("/about/").content.decode()
    assert '<a class="usa-skipnav" href="#main-content">' in html
    assert '<main id="main-content"' in html
    assert "<header" in html and "<footer" in html
    assert '<html lang="en-us">' in html
    # Works without JavaScript: the no-script stylesheet shows the navigation.
    assert '<noscript><link rel="stylesheet" href="/static/portal/css/nojs.css"></noscript>' in html


def test_password_protected_page_asks_for_the_password_in_the_site_frame(client, home_page):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home_page, title="Shared draft")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="s3psis")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Password required" in html and 'class="usa-skipnav"' in html
    assert "Body text of a standard page." not in html

    form = (
        BeautifulSoup(html, "html.parser")
        .find("input", attrs={"name": "password"})
        .find_parent("form")
    )
    action = form["action"]
    wrong = client.post(action, {"password": "guess", "return_url": page.url})
    assert "Body text of a standard page." not in wrong.content.decode()
    right = client.post(action, {"password": "s3psis", "return_url": page.url}, follow=True)
    assert "Body text of a standard page." in right.content.decode()


def test_profile_page_lets_users_request_but_not_confirm_an_organization(client, demo_site):
    from portal import access
    from tests.factories import UserFactory

    user = UserFactory()
    organization = MemberOrganizationFactory(name="Baystate Test Hospital")
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {
            "first_name": "Ana",
            "last_name": "Silva",
            "job_title": "Nurse educator",
            "organization": organization.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.first_name, user.profile.job_title) == ("Ana", "Nurse educator")
    assert user.profile.requested_organization == organization
    assert access.member_organization(user) is None
    assert "waiting for consortium staff to confirm it" in response.content.decode()

    user.profile.organization = organization
    user.profile.save()
    html = client.get("/accounts/profile/").content.decode()
    assert "Consortium staff have confirmed that you work for" in html
    assert access.member_organization(user) == organization


def test_profile_page_requires_login(client, demo_site):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/profile/")
