"""What must hold before a toolkit goes out: a new version's own release date (default today,
and it is the one e-mailed), files or an explicit confirmation that there are none; and the
public page leaves out the sections it has nothing for."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.factories import UserFactory
from toolkits.models import Audience, CareSetting, Population, ToolkitPage, ToolkitVersion, Topic

from .helpers import edit_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]


def with_facets(page):
    for facet, model in (
        ("care_settings", CareSetting),
        ("audiences", Audience),
        ("populations", Population),
        ("topics", Topic),
    ):
        item = model.objects.first() or model.objects.create(name=f"{facet} term", slug=facet)
        setattr(page, facet, [item])
    return page


@pytest.fixture
def released(toolkit):
    """Version 1.0, released March 2, 2026, with a change log and two files."""
    page = with_facets(ToolkitPage.objects.get(pk=toolkit.pk))
    page.change_log = "<p>First release.</p>"
    page.save_revision().publish()
    return ToolkitPage.objects.get(pk=toolkit.pk)


def edit(client, page, action="action-publish", **fields):
    data = edit_form_data(client, page)
    data.update(nested_form_data({"body": streamfield([]), "evidence": streamfield([])}))
    data.update(fields)
    data[action] = action
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def without_files(data_fields, count):
    return {f"resources-{number}-DELETE": "1" for number in range(count)} | data_fields


# A new version's release date


def test_a_new_version_with_the_old_release_date_is_refused_and_today_offered(
    client, admin_user, released
):
    client.force_login(admin_user)
    response = edit(client, released, version="2.0", change_log=rich_text("<p>Neonates.</p>"))
    assert response.status_code == 200
    form = response.context["form"]
    (error,) = form.errors["release_date"]
    assert "Version 2.0 is a new version: when is it released?" in error
    assert "version 1.0's (March 2, 2026)" in error
    # The form shown again offers today's date.
    assert form["release_date"].value() == timezone.localdate().isoformat()
    assert ToolkitPage.objects.get(pk=released.pk).version == "1.0"
    assert not ToolkitVersion.objects.filter(page=released, version="2.0").exists()


def test_the_release_date_given_is_the_one_published_and_e_mailed(
    client, admin_user, released, django_capture_on_commit_callbacks
):
    subscriber = UserFactory()
    subscriber_client = client.__class__()
    subscriber_client.force_login(subscriber)
    subscriber_client.post(released.url + "updates/", {"action": "subscribe"})
    client.force_login(admin_user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            client,
            released,
            version="2.0",
            release_date="2026-10-05",
            change_log=rich_text("<p>Neonates.</p>"),
        )
    assert response.status_code == 302, response.context["form"].errors
    version = ToolkitVersion.objects.get(page=released, version="2.0")
    assert version.release_date == datetime.date(2026, 10, 5)
    (message,) = mail.outbox
    assert message.to == [subscriber.email]
    assert "Released October 5, 2026." in message.body


def test_republishing_a_version_keeps_its_date_and_a_new_toolkit_defaults_to_today(
    client, admin_user, released, catalog
):
    client.force_login(admin_user)
    assert edit(client, released, version="1.0").status_code == 302  # a typo fixed
    add = client.get(
        reverse("wagtailadmin_pages:add", args=["toolkits", "toolkitpage", catalog.pk])
    )
    assert add.context["form"]["release_date"].value() == timezone.localdate()


# A toolkit with no files


def test_a_toolkit_with_no_files_is_not_published_without_a_confirmation(
    client, admin_user, released
):
    client.force_login(admin_user)
    versions = ToolkitVersion.objects.count()
    response = edit(client, released, **without_files({}, 2))
    assert response.status_code == 200
    (error,) = response.context["form"].errors["publish_without_files"]
    assert "This toolkit has no files." in error
    assert "Publish it with no files" in response.content.decode()
    page = ToolkitPage.objects.get(pk=released.pk)
    assert page.resources.count() == 2 and ToolkitVersion.objects.count() == versions

    # Saving a draft without files is not publishing: nothing is asked.
    assert edit(client, released, action="action-save", **without_files({}, 2)).status_code == 302

    response = edit(client, released, **without_files({"publish_without_files": "on"}, 2))
    assert response.status_code == 302, response.context["form"].errors
    assert ToolkitPage.objects.get(pk=released.pk).resources.count() == 0


def test_publishing_from_a_listing_refuses_a_draft_without_files(client, admin_user, released):
    """A bulk publish has no box to tick: a toolkit whose draft has no files is refused there,
    and one with files goes out."""
    client.force_login(admin_user)
    assert edit(client, released, action="action-save", **without_files({}, 2)).status_code == 302
    versions = ToolkitVersion.objects.count()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    back = reverse("wagtailadmin_explore", args=[released.get_parent().pk])
    response = client.post(f"{url}?id={released.pk}&next={back}", follow=True)
    assert "Nothing was published: “Time zero in the emergency department” has no files." in (
        response.content.decode()
    )
    assert response.redirect_chain[0][0] == back
    assert ToolkitPage.objects.get(pk=released.pk).resources.count() == 2  # the live version's
    assert ToolkitVersion.objects.count() == versions

    # With its files back in the draft, the same action publishes it.
    ToolkitPage.objects.get(pk=released.pk).save_revision()
    client.post(f"{url}?id={released.pk}&next={back}")
    assert not ToolkitPage.objects.get(pk=released.pk).has_unpublished_changes


def test_the_confirmation_is_offered_only_to_a_toolkit_without_files(client, admin_user, released):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[released.pk])).content.decode()
    assert 'name="publish_without_files"' not in html
    # Its files are kept when the box is not shown.
    assert edit(client, released).status_code == 302


# The public page


def test_the_public_page_leaves_out_empty_sections(client, released, toolkit):
    html = client.get(released.url).content.decode()
    assert '<h2 id="files">' in html and ">Versions</h2>" in html

    page = ToolkitPage.objects.get(pk=released.pk)
    page.resources.all().delete()
    page.change_log = ""
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert '<h2 id="files">' not in html
    assert "No files yet." not in html
    assert "Download all files" not in html
    assert ">Versions</h2>" not in html
    assert "Version 1.0, released" in html  # the version itself is still said at the top
