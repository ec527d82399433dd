"""The Wagtail admin shows a work group's editors and chairs their own group's drafts and the
public site, never another group's: not in the page chooser, not in reports, not through bulk
actions. Reports about the whole site are refused (the portal's 403) to those whose admin
comes only from work groups, and left out of their Reports menu."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from workgroups.models import DraftToolPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_work_groups", "no_admin_mfa")]

SECRET = "Stop and Watch for sepsis"


def add_draft(work_group, title, author=None):
    draft = DraftToolPage(title=title, slug=title.lower().replace(" ", "-"), live=False)
    work_group.space.add_child(instance=draft)
    draft.save_revision(user=author)
    return draft


@pytest.fixture
def drafts(work_group, other_group, people):
    return {
        "ours": add_draft(work_group, "Sepsis screening card", people["member"]),
        "theirs": add_draft(other_group, SECRET, people["other_member"]),
    }


# Reports

WHOLE_SITE_REPORTS = [
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:site_history",
    "awareness_readability_report",
    "pages_due_for_review",
]
# Reports given through a permission of their own, which work groups do not hold.
PERMISSION_REPORTS = ["toolkit_downloads_report", "toolkit_reach_report", "search_query_report"]


@pytest.mark.parametrize("url_name", WHOLE_SITE_REPORTS)
@pytest.mark.parametrize("role", ["member", "chair"])
def test_reports_show_work_group_editors_nothing_of_other_groups(clients, drafts, role, url_name):
    """Wagtail's reports list what the user's page permissions reach (their own space); the
    page types report names a last edited page only if the user may explore it (the other
    group's draft, here, was edited last). The locked pages report needs the lock permission,
    which they do not hold: Wagtail sends them back to the dashboard."""
    response = clients[role].get(reverse(url_name))
    assert response.status_code == (302 if url_name.endswith("locked_pages") else 200)
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("url_name", PERMISSION_REPORTS)
@pytest.mark.parametrize("role", ["member", "chair"])
def test_reports_given_by_a_permission_are_refused_to_work_group_editors(
    clients, drafts, role, url_name
):
    response = clients[role].get(reverse(url_name))
    assert response.status_code in (302, 403)
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("role", ["staff", "superuser"])
def test_staff_keep_the_reports(clients, drafts, role):
    response = clients[role].get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    assert SECRET in response.content.decode()  # the last edited draft tool
    for url_name in ("awareness_readability_report", "pages_due_for_review"):
        assert clients[role].get(reverse(url_name)).status_code == 200


def test_site_history_stays_and_shows_only_their_own_pages(clients, drafts):
    response = clients["member"].get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Sepsis screening card" in response.content.decode()
    assert SECRET not in response.content.decode()


def test_the_reports_menu_offers_members_only_the_site_history(clients, drafts):
    page = clients["member"].get(reverse("wagtailadmin_home")).content.decode()
    assert "Site history" in page
    for label in (
        "Page types usage",
        "Aging pages",
        "Reading level of awareness pages",
        "Pages due for review",
        "Workflow tasks",
    ):
        assert label not in page, label
    staff_page = clients["staff"].get(reverse("wagtailadmin_home")).content.decode()
    assert "Page types usage" in staff_page
    assert "Pages due for review" in staff_page


def test_a_member_who_is_also_a_consortium_editor_keeps_the_reports_menu(people, client, drafts):
    member = people["member"]
    member.groups.add(Group.objects.get(name="Editors"))
    client.force_login(member)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Page types usage" in page
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


# The page chooser


def chooser_browse(page):
    return reverse("wagtailadmin_choose_page_child", args=[page.pk])


def test_the_chooser_does_not_browse_into_another_groups_space(
    clients, other_group, work_group, drafts
):
    client = clients["member"]
    for page in (other_group.space, drafts["theirs"]):
        response = client.get(chooser_browse(page))
        assert response.status_code == 404, page
        assert SECRET not in response.content.decode()
    # Their own space, with its drafts.
    response = client.get(chooser_browse(work_group.space))
    assert response.status_code == 200
    assert "Sepsis screening card" in response.content.decode()
    # Browsing the list of groups shows their own space only.
    response = client.get(chooser_browse(work_group.space.get_parent()))
    assert work_group.space.title in response.content.decode()
    assert other_group.space.title not in response.content.decode()
    # Staff browse everywhere.
    response = clients["staff"].get(chooser_browse(other_group.space))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_the_chooser_search_finds_public_pages_and_their_own_drafts_only(clients, drafts):
    search = reverse("wagtailadmin_choose_page_search")
    client = clients["member"]
    assert SECRET not in client.get(search, {"q": "stop"}).content.decode()
    assert "Sepsis screening card" in client.get(search, {"q": "screening"}).content.decode()
    public = Page.objects.live().public().filter(depth__gt=2).exclude(title="").first()
    assert public.title in client.get(search, {"q": public.title}).content.decode()
    assert SECRET in clients["staff"].get(search, {"q": "stop"}).content.decode()


def test_chosen_pages_are_looked_up_only_among_those_the_user_may_see(clients, drafts):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = clients["member"].get(url, {"id": [drafts["ours"].pk, drafts["theirs"].pk]})
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert clients["member"].get(url, {"id": drafts["ours"].pk}).status_code == 200
    assert clients["staff"].get(url, {"id": drafts["theirs"].pk}).status_code == 200


# Bulk actions and the explorer


def test_bulk_actions_list_no_page_the_user_may_not_explore(clients, other_group, drafts):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    # Asked for by id: 404, as if it did not exist.
    response = clients["member"].get(f"{url}?id={drafts['theirs'].pk}")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    # "All" of another group's space lists nothing of it.
    response = clients["member"].get(f"{url}?id=all&childOf={other_group.space.pk}")
    assert SECRET not in response.content.decode()
    # Nor does a POST delete it.
    clients["member"].post(f"{url}?id={drafts['theirs'].pk}")
    clients["member"].post(f"{url}?id=all&childOf={other_group.space.pk}")
    assert DraftToolPage.objects.filter(pk=drafts["theirs"].pk).exists()


def test_the_explorer_hides_other_groups_spaces_from_consortium_editors(
    people, client, work_group, other_group, drafts
):
    """Wagtail's Editors may edit every page, but nobody outside a group sees inside it."""
    editor = people["outsider"]
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    index = work_group.space.get_parent()
    listing = client.get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert other_group.space.title not in listing
    assert work_group.space.title not in listing


def test_consortium_editors_outside_a_group_cannot_open_its_drafts(
    people, client, work_group, drafts
):
    """Wagtail's Editors hold page permissions on the whole tree; a group's pages still do not
    exist for them (as for anyone outside the group who is not consortium staff)."""
    editor = people["outsider"]
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    theirs = drafts["theirs"]
    revision = theirs.latest_revision
    for url in (
        reverse("wagtailadmin_pages:edit", args=[theirs.pk]),
        reverse("wagtailadmin_pages:history", args=[theirs.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[theirs.pk, revision.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[theirs.pk]),
        reverse("wagtailadmin_pages:delete", args=[theirs.pk]),
        reverse("wagtailadmin_pages:copy", args=[theirs.pk]),
        reverse("wagtailadmin_pages:move", args=[theirs.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[work_group.space.pk]),
        reverse("wagtailadmin_explore", args=[work_group.space.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()
    # The public sections are theirs to edit; the list of work groups (which holds the spaces)
    # is consortium staff's.
    about = Page.objects.get(slug="about", depth=3)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).status_code == 200
    index = work_group.space.get_parent()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[index.pk])).status_code == 302
    # Consortium staff still open every group's drafts.
    client.force_login(people["staff"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])).status_code == 200


def test_page_views_that_name_a_page_before_checking_answer_404(
    clients, work_group, other_group, people
):
    """Wagtail's workflow views put the page's title in an error message, and its move
    confirmation shows it, before checking any permission."""
    from tests.workgroups.test_drafts import make_draft

    theirs = make_draft(other_group, people["other_member"], SECRET, submit=True)
    task_state = theirs.current_workflow_task_state
    client = clients["member"]
    for url in (
        reverse("wagtailadmin_pages:workflow_preview", args=[theirs.pk, task_state.task_id]),
        reverse("wagtailadmin_pages:workflow_action", args=[theirs.pk, "approve", task_state.pk]),
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data",
            args=[theirs.pk, "approve", task_state.pk],
        ),
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[theirs.pk]),
        reverse("wagtailadmin_pages:move_confirm", args=[theirs.pk, work_group.space.pk]),
    ):
        for method in (client.get, client.post):
            assert method(url).status_code == 404, url
            # Nor in a message shown on the next page.
            shown = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
            assert SECRET not in shown, url
    assert theirs.get_parent().pk == other_group.space.pk
    # Nor is another group's space a destination for their own draft.
    ours = add_draft(work_group, "Sepsis screening card", people["member"])
    response = client.get(
        reverse("wagtailadmin_pages:move_confirm", args=[ours.pk, other_group.space.pk])
    )
    assert response.status_code == 404
