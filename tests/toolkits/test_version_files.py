"""Files held only by an earlier version: the admin's usage and delete views know them, and
refuse to delete them (the version history would lose them silently)."""

import pytest
from django.urls import reverse
from wagtail.models import ReferenceIndex

from documents.models import PortalDocument
from toolkits.models import ToolkitPage

from .helpers import PUBLIC_PDF, document, files

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]


@pytest.fixture
def superseded_guide(toolkit, collections):
    """Version 2.0 replaces the guide: the old guide is held by version 1.0 only."""
    old_guide = files(toolkit)["Time zero guide"]
    page = ToolkitPage.objects.get(pk=toolkit.pk)
    page.version, page.change_log = "2.0", "<p>New guide.</p>"
    page.resources.filter(document=old_guide).delete()
    new = document("Time zero guide (version 2.0)", PUBLIC_PDF, "guide.pdf", collections[0])
    page.resources.create(document=new)
    page.save_revision().publish()
    assert not page.resources.filter(document=old_guide).exists()
    return old_guide


def test_usage_names_the_earlier_version(client, admin_user, superseded_guide):
    client.force_login(admin_user)
    html = client.get(
        reverse("wagtaildocs:document_usage", args=[superseded_guide.pk])
    ).content.decode()
    assert "Time zero in the emergency department, version 1.0" in html
    # What the documents listing's "Usage" column counts.
    assert ReferenceIndex.get_count_references_to_in_bulk([superseded_guide]) == {
        superseded_guide: 1
    }


def test_deleting_a_file_of_an_earlier_version_is_refused(client, admin_user, superseded_guide):
    client.force_login(admin_user)
    url = reverse("wagtaildocs:delete", args=[superseded_guide.pk])
    page = client.get(url)
    assert page.context["is_protected"] and page.context["usage_count"] == 1
    # Wagtail's admin answers a refused action by sending the user to the dashboard.
    assert client.post(url)["Location"] == reverse("wagtailadmin_home")
    assert PortalDocument.objects.filter(pk=superseded_guide.pk).exists()
    # The listing's bulk delete too.
    bulk = (
        reverse("wagtail_bulk_action", args=["documents", "portaldocument", "delete"])
        + f"?id={superseded_guide.pk}"
    )
    assert client.post(bulk)["Location"] == reverse("wagtailadmin_home")
    assert PortalDocument.objects.filter(pk=superseded_guide.pk).exists()


def test_a_file_no_version_holds_any_more_can_be_deleted(client, admin_user, collections):
    stray = document("Stray file", PUBLIC_PDF, "stray.pdf", collections[0])
    client.force_login(admin_user)
    response = client.post(reverse("wagtaildocs:delete", args=[stray.pk]))
    assert response.status_code == 302
    assert not PortalDocument.objects.filter(pk=stray.pk).exists()
