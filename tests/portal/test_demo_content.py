"""`load_demo_content` builds the demo consortium once, and never duplicates or overwrites."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from portal.models import (
    ConsortiumSettings,
    HomePage,
    MemberDirectoryPage,
    MemberOrganization,
    OrganizationCategory,
    StandardPage,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def counts():
    return (
        Page.objects.count(),
        MemberOrganization.objects.count(),
        OrganizationCategory.objects.count(),
        Site.objects.count(),
    )


@pytest.mark.bare  # from the migrated database: the command itself builds everything checked
def test_builds_the_demo_consortium():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    settings = ConsortiumSettings.for_site(site)
    assert settings.consortium_name == "Massachusetts Sepsis Consortium"
    assert settings.state == "Massachusetts" and settings.state_code == "MA"
    assert settings.is_demonstration
    children = {type(p) for p in home.get_children().live().specific()}
    assert {StandardPage, MemberDirectoryPage} <= children
    assert list(OrganizationCategory.objects.values_list("name", flat=True)) == [
        "State agencies and legislators",
        "Health care associations and insurers",
        "Sepsis advocates and patient representatives",
        "Hospitals",  # the improvement collaborative's (collaborative.demo)
    ]
    # Wagtail's placeholder welcome page is gone.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


def test_the_site_answers_where_the_demo_is_served(settings):
    """Links the demo e-mails or prints (citations, manifests) open the running server: the
    site takes the address of WAGTAILADMIN_BASE_URL when first built, and keeps an edited one."""
    Site.objects.update(site_name="")  # as Wagtail's own first site is
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8000"

    Site.objects.filter(pk=site.pk).update(hostname="portal.example.org", port=443)
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Site.objects.get(pk=site.pk).root_url == "https://portal.example.org"


@pytest.mark.bare
def test_running_twice_creates_no_duplicates(tmp_path):
    with open(tmp_path / "out", "w") as out:
        call_command("load_demo_content", stdout=out)
        first = counts()
        call_command("load_demo_content", stdout=out)
    assert counts() == first


def test_running_again_keeps_editors_changes(tmp_path):
    with open(tmp_path / "out", "w") as out:
        call_command("load_demo_content", stdout=out)
        about = StandardPage.objects.get(slug="about")
        about.title = "Who we are"
        about.save_revision().publish()
        settings = ConsortiumSettings.for_site(Site.objects.get(is_default_site=True))
        settings.contact_email = "coordinator@example.org"
        settings.save()
        organization = MemberOrganization.objects.get(slug="home-care-alliance")
        organization.city = "Quincy"
        organization.save()

        call_command("load_demo_content", stdout=out)

    assert StandardPage.objects.get(slug="about").title == "Who we are"
    assert ConsortiumSettings.objects.get().contact_email == "coordinator@example.org"
    assert MemberOrganization.objects.get(slug="home-care-alliance").city == "Quincy"
