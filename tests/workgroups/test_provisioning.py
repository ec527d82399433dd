"""A new work group gets its Django groups, private space, restricted collection, page
permissions and two-step workflow; memberships keep the Django groups in step."""

import pytest
from wagtail.models import CollectionViewRestriction, GroupPagePermission, PageViewRestriction

from workgroups import membership
from workgroups.models import Membership, WorkGroup

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def test_a_new_group_is_private_from_the_start(work_group):
    restriction = PageViewRestriction.objects.get(page=work_group.space)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Work group: Triage Screening Test Group (all members)",
        "Moderators",
    }
    collection_restriction = CollectionViewRestriction.objects.get(collection=work_group.collection)
    assert set(collection_restriction.groups.all()) == set(restriction.groups.all())
    permissions = GroupPagePermission.objects.filter(group=work_group.editors)
    assert {p.permission.codename for p in permissions} == {"add_page", "change_page"}
    assert {p.page_id for p in permissions} == {work_group.space.pk}
    workflow = work_group.space.get_workflow()
    assert [t.name for t in workflow.tasks] == [
        "Work group review: Triage Screening Test Group",
        "Consortium approval",
    ]


def test_roles_put_users_in_the_right_django_groups(work_group, people):
    def groups(user):
        return set(
            user.groups.filter(name__startswith="Work group: Triage").values_list("name", flat=True)
        )

    prefix = "Work group: Triage Screening Test Group"
    assert groups(people["observer"]) == {f"{prefix} (all members)"}
    assert groups(people["member"]) == {f"{prefix} (all members)", f"{prefix} (editors)"}
    assert groups(people["chair"]) == {
        f"{prefix} (all members)",
        f"{prefix} (editors)",
        f"{prefix} (chairs)",
    }
    member = Membership.objects.get(user=people["member"])
    membership.change_role(member, Membership.Role.OBSERVER, actor=people["chair"])
    assert groups(people["member"]) == {f"{prefix} (all members)"}
    membership.remove_member(Membership.objects.get(user=people["member"]), actor=people["chair"])
    assert groups(people["member"]) == set()


def test_archiving_takes_editing_away_but_keeps_reading(work_group, people):
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
    assert not people["chair"].groups.filter(pk=work_group.editors_id).exists()
    assert people["chair"].groups.filter(pk=work_group.readers_id).exists()
    # Nor does a chair keep the admin, where an archived group has nothing left to review.
    assert not people["chair"].groups.filter(pk=work_group.chairs_id).exists()
    assert not people["chair"].has_perm("wagtailadmin.access_admin")
    # Reopened, the chair chairs again.
    work_group.status = WorkGroup.Status.ACTIVE
    work_group.save()
    assert people["chair"].groups.filter(pk=work_group.chairs_id).exists()


def test_the_last_chair_cannot_leave(work_group, people):
    chair = Membership.objects.get(user=people["chair"])
    with pytest.raises(membership.MembershipError):
        membership.remove_member(chair, actor=people["chair"])
    with pytest.raises(membership.MembershipError):
        membership.change_role(chair, Membership.Role.MEMBER, actor=people["chair"])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("other_member", 403),
        ("observer", 200),
        ("member", 200),
        ("chair", 200),
        ("staff", 200),
        ("superuser", 200),
    ],
)
def test_space_home(clients, work_group, role, status):
    response = clients[role].get(work_group.space.url)
    assert response.status_code == status
    if status == 200:
        assert "Recent activity" in response.content.decode()
        assert (
            response["Cache-Control"] == "private, no-store"
            or "no-store" in response["Cache-Control"]
        )
