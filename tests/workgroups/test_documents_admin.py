"""A group's files are kept by the space's pages, with every version: members upload there and
link files from drafts, but cannot replace or delete them in Wagtail's document admin; and the
document admin shows a version's document as in use and protected, even to staff."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission, ReferenceIndex

from tests.workgroups.helpers import url
from workgroups.models import FileVersion, SharedFile

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]

migration = importlib.import_module("workgroups.migrations.0004_work_group_documents")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def share(work_group, user, title):
    """Version 1 of a shared file, uploaded by the user (who is the document's owner)."""
    document = get_document_model().objects.create(
        title=title,
        file=ContentFile(PDF, name=f"{title.lower().replace(' ', '-')}.pdf"),
        collection=work_group.collection,
        uploaded_by_user=user,
    )
    shared = SharedFile.objects.create(work_group=work_group, title=title, created_by=user)
    FileVersion.objects.create(shared_file=shared, number=1, document=document, uploaded_by=user)
    return document


@pytest.fixture
def document(work_group, people):
    return share(work_group, people["member"], "Screening card")


def editor_document_codenames(work_group):
    return set(
        GroupCollectionPermission.objects.filter(
            group=work_group.editors, collection=work_group.collection
        ).values_list("permission__codename", flat=True)
    )


def test_editors_may_only_choose_their_groups_documents(work_group):
    assert editor_document_codenames(work_group) == {"choose_document"}


@pytest.mark.parametrize("role", ["member", "chair"])
def test_members_cannot_replace_or_delete_a_version_in_the_document_admin(clients, document, role):
    client = clients[role]
    original = document.file.name
    edit = reverse("wagtaildocs:edit", args=[document.pk])
    assert client.get(edit).status_code == 302  # Wagtail's "no permission" redirect
    client.post(
        edit,
        {
            "title": "Replaced",
            "file": SimpleUploadedFile("other.pdf", PDF + b"%other", "application/pdf"),
        },
    )
    delete = reverse("wagtaildocs:delete", args=[document.pk])
    assert client.get(delete).status_code == 302
    assert client.post(delete).status_code == 302
    document.refresh_from_db()
    assert (document.title, document.file.name) == ("Screening card", original)
    assert client.get(reverse("wagtaildocs:index")).status_code == 302


def test_members_still_choose_their_groups_files_for_drafts(clients, document, other_group, people):
    theirs = share(other_group, people["other_member"], "Discharge checklist")
    response = clients["member"].get(reverse("wagtaildocs_chooser:choose"))
    assert response.status_code == 200
    assert document.title in response.content.decode()
    assert theirs.title not in response.content.decode()


def test_members_still_upload_through_the_space(clients, work_group):
    response = clients["member"].post(
        url(work_group, "files"),
        {"title": "Sepsis huddle notes", "file": SimpleUploadedFile("notes.pdf", PDF)},
    )
    assert response.status_code == 302
    assert FileVersion.objects.filter(shared_file__title="Sepsis huddle notes").exists()


def test_staff_do_not_manage_a_groups_files_in_the_document_admin(clients, document):
    """Moderators hold document permissions on the public collections only
    (portal.staff_permissions): a group's files are the space's to keep."""
    client = clients["staff"]
    for name in ("wagtaildocs:edit", "wagtaildocs:delete", "wagtaildocs:document_usage"):
        assert client.get(reverse(name, args=[document.pk])).status_code == 302, name
    assert document.title not in client.get(reverse("wagtaildocs:index")).content.decode()


def test_the_document_admin_shows_a_versions_document_as_protected(clients, document):
    client = clients["superuser"]
    delete = reverse("wagtaildocs:delete", args=[document.pk])
    response = client.get(delete)
    assert response.status_code == 200
    assert "prevent it from being deleted" in response.content.decode()
    assert "Yes, delete" not in response.content.decode()
    assert client.post(delete).status_code == 302  # refused by Wagtail, not a 500
    assert get_document_model().objects.filter(pk=document.pk).exists()
    usage = client.get(reverse("wagtaildocs:document_usage", args=[document.pk]))
    assert "Private file version" in usage.content.decode()  # it has no admin page


def test_bulk_deleting_a_versions_document_is_refused(clients, document):
    bulk = reverse("wagtail_bulk_action", args=["documents", "portaldocument", "delete"])
    response = clients["superuser"].post(f"{bulk}?id={document.pk}")
    assert response.status_code == 302
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_the_migration_takes_document_editing_from_existing_groups_editors(work_group):
    for codename in ("add_document", "change_document"):
        GroupCollectionPermission.objects.create(
            group=work_group.editors,
            collection=work_group.collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=codename
            ),
        )
    migration.remove_document_editing(apps, None)
    assert editor_document_codenames(work_group) == {"choose_document"}
    migration.restore_document_editing(apps, None)
    assert editor_document_codenames(work_group) == {
        "add_document",
        "change_document",
        "choose_document",
    }


def test_the_migration_indexes_existing_versions(document):
    ReferenceIndex.objects.all().delete()
    assert not ReferenceIndex.get_grouped_references_to(document).is_protected
    migration.index_file_versions(apps, None)
    migration.index_file_versions(apps, None)  # a second run adds nothing
    assert ReferenceIndex.get_grouped_references_to(document).is_protected
    assert ReferenceIndex.get_grouped_references_to(document).count() == 1
