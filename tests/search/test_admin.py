"""Editors manage synonyms in the admin, under the "Search" menu."""

import pytest
from django.urls import reverse

from search.models import Synonym
from tests.portal.test_access import log_in_with_mfa

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_superuser_lists_and_adds_synonyms(client, demo_site, superuser, password):
    log_in_with_mfa(client, superuser, password)
    listing = reverse("wagtailsnippets_search_synonym:list")
    response = client.get(listing)
    assert response.status_code == 200
    assert "blood poisoning" in response.content.decode()
    response = client.post(
        reverse("wagtailsnippets_search_synonym:add"),
        {"term": "Sepsis  Shock", "alternatives": "septic shock, sepsis"},
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get(term="sepsis shock")
    assert synonym.alternative_list() == ["septic shock", "sepsis"]
    assert client.get(listing, {"q": "shock"}).status_code == 200
