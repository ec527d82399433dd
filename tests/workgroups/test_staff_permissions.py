"""Where Wagtail's Editors and Moderators hold their permissions: never on anything that holds a
work group's space or files (portal.staff_permissions, migration workgroups 0007)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from portal.models import StandardPage
from portal.staff_permissions import open_collection_to_staff, works_only_in_private_areas

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_work_groups")]

migration = importlib.import_module(
    "workgroups.migrations.0007_staff_permissions_off_private_areas"
)


def page_records(group_name):
    return GroupPagePermission.objects.filter(group__name=group_name).select_related("page")


def document_records(group_name):
    return GroupCollectionPermission.objects.filter(
        group__name=group_name, permission__content_type__app_label="wagtaildocs"
    ).select_related("collection", "permission")


def covers(records, page):
    return any(page.path.startswith(record.page.path) for record in records)


def test_editors_hold_nothing_over_a_space_and_everything_over_the_sections(work_group, home_page):
    editors = list(page_records("Editors"))
    assert not covers(editors, work_group.space)
    assert not covers(editors, work_group.space.get_parent())
    assert not covers(editors, home_page)
    for section in home_page.get_children().exclude(pk=work_group.space.get_parent().pk):
        assert covers(editors, section), section.title
    # Moderators oversee everything.
    assert covers(list(page_records("Moderators")), work_group.space)


def test_a_new_section_is_opened_to_editors_but_a_new_page_inside_a_space_is_not(
    home_page, work_group
):
    section = home_page.add_child(instance=StandardPage(title="Press room", slug="press-room"))
    assert {r.permission.codename for r in page_records("Editors").filter(page=section)} == {
        "add_page",
        "change_page",
    }
    assert not page_records("Editors").filter(page__path__startswith=work_group.space.path)


def test_documents_staff_manage_only_the_public_collections(work_group):
    for name in ("Editors", "Moderators"):
        records = list(document_records(name))
        managed = {r.collection_id for r in records if r.permission.codename != "choose_document"}
        assert work_group.collection_id not in managed
        assert Collection.get_first_root_node().pk not in managed
        assert managed  # the demo's toolkit collections
    with pytest.raises(ValueError):
        open_collection_to_staff(work_group.collection)
    with pytest.raises(ValueError):
        open_collection_to_staff(Collection.get_first_root_node())


def test_the_migration_moves_wagtails_root_permissions_off_the_private_areas(work_group):
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=editors,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    for group in (editors, moderators):
        for codename in ("add_document", "change_document", "choose_document"):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label="wagtaildocs", codename=codename
                ),
            )
    assert covers(list(page_records("Editors")), work_group.space)

    migration.forward(apps, None)

    assert not covers(list(page_records("Editors")), work_group.space)
    assert not document_records("Editors").filter(collection=root_collection).exists()
    assert list(
        document_records("Moderators")
        .filter(collection=root_collection)
        .values_list("permission__codename", flat=True)
    ) == ["choose_document"]


def test_members_of_work_groups_are_offered_only_the_site_history(people, work_group):
    assert works_only_in_private_areas(people["member"])
    assert works_only_in_private_areas(people["chair"])
    assert not works_only_in_private_areas(people["staff"])
    editor = people["outsider"]
    editor.groups.add(Group.objects.get(name="Editors"))
    assert not works_only_in_private_areas(editor)
