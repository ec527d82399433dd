"""The demo's page on joining: in English, Spanish and Portuguese, linked from the consortium's
settings (so every 403 leads to it), found by site search for the words people use, and beside
it a member directory with hospitals as well as associations and agencies."""

import pytest

from portal.models import ConsortiumSettings, MemberOrganization, StandardPage
from search import indexing

pytestmark = pytest.mark.django_db


def test_the_page_on_joining_is_in_every_language_and_linked_from_the_settings(client, demo_site):
    consortium = ConsortiumSettings.for_site(demo_site)
    join = consortium.joining_page.specific
    assert isinstance(join, StandardPage) and join.live and join.url == "/join/"
    html = client.get("/join/").content.decode()
    for words in (
        "Hospitals and health care providers",
        "Health care associations and insurers",
        "State agencies and legislators",
        "Sepsis advocates and patient representatives",
        "What membership opens",
        "Name your organization when you sign up",
    ):
        assert words in html
    assert "Únase al consorcio" in client.get("/es/join/").content.decode()
    assert "Junte-se ao consórcio" in client.get("/pt/join/").content.decode()


def test_the_directory_lists_member_hospitals(client, demo_site):
    hospitals = MemberOrganization.objects.filter(category__slug="hospitals", is_active=True)
    assert {"Granite Ledge Hospital", "Cape Harbor Hospital"} <= set(
        hospitals.values_list("name", flat=True)
    )
    html = client.get("/members/").content.decode()
    assert "Cape Harbor Hospital" in html and "Department of Public Health" in html


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("join", "Join the consortium"),
        ("membership", "Join the consortium"),
        ("become a member", "Join the consortium"),
        ("hacerse miembro", "Únase al consorcio"),
        ("ser membro", "Junte-se ao consórcio"),
    ],
)
def test_site_search_finds_it(client, demo_site, query, title):
    indexing.rebuild()
    html = client.get("/search/", {"q": query}).content.decode()
    results = html.split("result", 1)[1]
    assert title in results
