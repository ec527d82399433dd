"""Consortium staff (Moderators, not superusers) run work groups from the admin's Work groups
snippet: they create and archive groups and read each group's history, the membership audit
log. Members and outsiders do not."""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from workgroups import membership
from workgroups.models import Membership, WorkGroup

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]

migration = importlib.import_module("workgroups.migrations.0005_staff_manage_work_groups")


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_workgroups_workgroup:{name}", args=args)


@pytest.fixture
def role_change(work_group, people):
    observer = Membership.objects.get(work_group=work_group, user=people["observer"])
    membership.change_role(observer, Membership.Role.MEMBER, actor=people["chair"])
    return people["observer"].get_full_name() or people["observer"].get_username()


def test_a_moderator_reads_a_groups_membership_history(clients, people, work_group, role_change):
    assert not people["staff"].is_superuser
    response = clients["staff"].get(snippet_url("history", work_group.pk))
    assert response.status_code == 200
    assert f"{role_change} changed from observer to member" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "chair", "other_member", "outsider", "observer"])
def test_nobody_else_reads_it(clients, work_group, role_change, role):
    response = clients[role].get(snippet_url("history", work_group.pk))
    assert response.status_code in (302, 403)  # Wagtail's refusal, or no admin at all
    assert "changed from" not in response.content.decode()


def test_a_moderator_lists_creates_and_archives_groups(clients, work_group):
    client = clients["staff"]
    listing = client.get(snippet_url("list"))
    assert listing.status_code == 200
    assert work_group.name in listing.content.decode()

    response = client.post(
        snippet_url("add"),
        {
            "name": "Pediatric Sepsis",
            "slug": "pediatric-sepsis",
            "charge": "Adapt the tools for children.",
            "status": "active",
        },
    )
    assert response.status_code == 302
    created = WorkGroup.objects.get(slug="pediatric-sepsis")
    assert created.space is not None

    response = client.post(
        snippet_url("edit", work_group.pk),
        {
            "name": work_group.name,
            "slug": work_group.slug,
            "charge": work_group.charge,
            "status": "archived",
        },
    )
    assert response.status_code == 302
    work_group.refresh_from_db()
    assert work_group.is_archived


def test_the_migration_grants_and_takes_back_the_snippet(db):
    moderators = Group.objects.get(name="Moderators")
    apps = (
        MigrationExecutor(connection)
        .loader.project_state(("workgroups", "0005_staff_manage_work_groups"))
        .apps
    )

    def codenames():
        return set(
            moderators.permissions.filter(content_type__app_label="workgroups").values_list(
                "codename", flat=True
            )
        )

    assert {"add_workgroup", "change_workgroup", "view_workgroup"} <= codenames()
    migration.revoke(apps, None)
    assert codenames() == {"oversee_workgroups"}
    migration.grant(apps, None)
    assert codenames() == {
        "add_workgroup",
        "change_workgroup",
        "view_workgroup",
        "oversee_workgroups",
    }
