"""Publishing a new version from the editor: its change log must be its own."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from toolkits.models import Audience, CareSetting, Population, ToolkitPage, ToolkitVersion, Topic

from .helpers import edit_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_admin_mfa")]


@pytest.fixture
def released(toolkit):
    """The toolkit as version 1.0 with a change log, as an editor finds it."""
    for facet, model in (
        ("care_settings", CareSetting),
        ("audiences", Audience),
        ("populations", Population),
        ("topics", Topic),
    ):
        setattr(toolkit, facet, [model.objects.first()])
    toolkit.change_log = "<p>First release.</p><ul><li>Time zero at triage.</li></ul>"
    toolkit.save_revision().publish()
    return ToolkitPage.objects.get(pk=toolkit.pk)


def post(client, page, version, change_log, action="action-publish"):
    data = edit_form_data(client, page)
    # Stream fields are built by the editor's JavaScript; the fixture's are empty.
    data.update(nested_form_data({"body": streamfield([]), "evidence": streamfield([])}))
    # A date after version 1.0's: a new version needs its own (test_publishing_checks.py).
    data.update(
        {
            "version": version,
            "release_date": "2026-10-05",
            "change_log": rich_text(change_log),
            action: action,
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def change_log_errors(response):
    return response.context["form"].errors.get("change_log", [])


@pytest.mark.parametrize(
    "change_log",
    [
        "<p>First release.</p><ul><li>Time zero at triage.</li></ul>",  # left as it was
        "<p>First release.</p><p>Time zero at triage.</p>",  # same words, other breaks
        "",
    ],
)
def test_a_new_version_with_the_previous_change_log_is_not_published(
    client, admin_user, released, change_log
):
    client.force_login(admin_user)
    revisions = released.revisions.count()
    response = post(client, released, "2.0", change_log)
    assert response.status_code == 200
    (error,) = change_log_errors(response)
    assert set(response.context["form"].errors) == {"change_log"}
    assert "Version 2.0" in error or "change log of version 1.0" in error
    page = ToolkitPage.objects.get(pk=released.pk)
    assert page.version == "1.0" and page.revisions.count() == revisions
    assert not ToolkitVersion.objects.filter(page=released, version="2.0").exists()


def test_a_new_version_with_its_own_change_log_is_published(client, admin_user, released):
    client.force_login(admin_user)
    response = post(client, released, "2.0", "<p>Now covers neonates.</p>")
    assert response.status_code == 302, response.context["form"].errors
    assert ToolkitPage.objects.get(pk=released.pk).version == "2.0"
    assert ToolkitVersion.objects.filter(page=released, version="2.0").exists()


def test_republishing_the_same_version_or_saving_a_draft_is_not_refused(
    client, admin_user, released
):
    client.force_login(admin_user)
    same = "<p>First release.</p><ul><li>Time zero at triage.</li></ul>"
    assert post(client, released, "1.0", same).status_code == 302  # a typo fixed elsewhere
    # A draft of the next version may keep the old text until the editor gets to it.
    response = post(client, released, "2.0", same, action="action-save")
    assert response.status_code == 302
    assert ToolkitPage.objects.get(pk=released.pk).live_revision.as_object().version == "1.0"
