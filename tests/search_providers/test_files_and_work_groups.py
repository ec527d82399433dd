"""Toolkit files and work-group content."""

import pytest
from django.utils import timezone

from documents.models import PortalDocument
from search.contract import MEMBERS, PUBLIC, workgroup_token
from toolkits.models import ToolkitPage
from workgroups.models import DraftToolPage, FileVersion, Meeting, SharedFile, Thread

from .conftest import documents, provider

pytestmark = pytest.mark.postgresql


def test_toolkit_files_are_found_by_their_text_with_their_toolkits_facets(demo_site):
    found = documents("toolkits.files")
    toolkit = ToolkitPage.objects.get(slug="ed-sepsis-recognition-time-zero")
    for resource in toolkit.resources.select_related("document"):
        document = found[f"documents.portaldocument:{resource.document_id}"]
        assert document.content_type == "file"
        assert document.url == resource.document.url
        assert document.access == (MEMBERS if resource.document.members_only else PUBLIC)
        assert document.language == resource.document.language
        assert resource.document.extracted_text in document.body
        assert set(document.facets["care_setting"]) == set(
            toolkit.care_settings.values_list("slug", flat=True)
        )
    members_only = [d for d in found.values() if d.access == MEMBERS]
    assert members_only and all(
        PortalDocument.objects.get(pk=d.key.split(":")[1]).members_only for d in members_only
    )
    assert {"es", "pt"} <= {d.language for d in found.values()}


def test_a_members_only_file_is_members_and_an_unused_or_unpublished_one_is_not_found(demo_site):
    files = provider("toolkits.files")
    resource = next(
        r
        for r in ToolkitPage.objects.get(slug="pediatric-sepsis-bundle").resources.all()
        if r.document.members_only
    )
    assert files.document_for(resource.document).access == MEMBERS
    assert files.document_for(resource.document).key == files.key_for(resource.document)

    resource.page.unpublish()
    assert files.document_for(resource.document) is None
    unused = PortalDocument.objects.create(title="Loose", file=resource.document.file.name)
    assert files.document_for(unused) is None


def test_threads_carry_visible_posts_under_their_groups_token(demo_site):
    threads = provider("workgroups.threads")
    thread = Thread.objects.select_related("work_group__space").first()
    post = thread.posts.first()
    document = threads.document_for(post)
    assert document.access == workgroup_token(thread.work_group_id)
    assert document.content_type == "workgroup"
    assert document.url == thread.work_group.space.url + f"discussions/{thread.pk}/"
    assert post.body in document.body

    post.hidden_at = timezone.now()
    post.save()
    assert post.body not in threads.document_for(thread).body
    assert post.body not in documents("workgroups.threads")[threads.key_for(thread)].body

    # As a post_delete receiver sees it: the row gone, the instance still with its pk.
    key = threads.key_for(thread)
    Thread.objects.filter(pk=thread.pk).delete()
    assert threads.document_for(thread) is None
    assert threads.key_for(thread) == key


def test_meetings_files_and_drafts_are_their_groups(demo_site):
    for name, model in [
        ("workgroups.meetings", Meeting),
        ("workgroups.files", SharedFile),
    ]:
        for item in model.objects.select_related("work_group__space"):
            document = provider(name).document_for(item)
            assert document.access == workgroup_token(item.work_group_id)
            assert document.url.startswith(item.work_group.space.url)
    meeting = Meeting.objects.exclude(minutes="").first()
    assert meeting.minutes in provider("workgroups.meetings").document_for(meeting).body

    files = provider("workgroups.files")
    shared_file = SharedFile.objects.filter(versions__number=2).first()
    latest, earlier = FileVersion.objects.filter(shared_file=shared_file).order_by("-number")[:2]
    document = files.document_for(latest.document)
    assert document.key == files.key_for(shared_file) == files.key_for(latest)
    assert latest.document.extracted_text in document.body
    assert files.document_for(earlier.document) is None
    assert files.key_for(earlier.document) != document.key  # never removes the file's document

    drafts = documents("workgroups.drafts")
    for draft in DraftToolPage.objects.all():
        document = drafts[f"workgroups.drafttoolpage:{draft.pk}"]
        group = draft.get_parent().specific.work_group
        assert document.access == workgroup_token(group.pk)
        # An unpublished draft is found at its reading page in the space, which observers
        # can open (the editor is for members and chairs only).
        space = draft.get_parent().specific
        reading_page = space.url + space.reverse_subpage("draft", args=[draft.pk])
        assert document.url == (draft.url if draft.live else reading_page)


def test_no_work_group_item_is_public(all_documents):
    private = [d for d in all_documents.values() if d.content_type == "workgroup"]
    assert private
    assert all(d.access.startswith("workgroup:") for d in private)
    assert all(
        d.content_type == "workgroup"
        for d in all_documents.values()
        if d.access.startswith("workgroup:")
    )
