"""Drafts in the Wagtail admin: members write, revise, compare, comment and submit drafts in
their own space only; chairs and then consortium staff approve; the space's list shows where
each draft stands; and the activity stream hears of every step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Comment
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from workgroups import drafts
from workgroups.models import Activity, DraftToolPage, WorkGroup

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.usefixtures("no_admin_mfa")]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(space):
    return reverse("wagtailadmin_pages:add", args=["workgroups", "drafttoolpage", space.pk])


def draft_form(title, summary, paragraph, *, slug=None, comments=(), action=None):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug or title.lower().replace(" ", "-"),
            "summary": summary,
            "body": streamfield([("paragraph", rich_text(paragraph))]),
        }
    )
    data.update(
        {
            "comments-TOTAL_FORMS": str(len(comments)),
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "",
        }
    )
    for number, text in enumerate(comments):
        prefix = f"comments-{number}-"
        data.update(
            {
                f"{prefix}DELETE": "",
                f"{prefix}resolved": "",
                f"{prefix}id": "",
                f"{prefix}contentpath": "summary",
                f"{prefix}text": text,
                f"{prefix}position": "",
                f"{prefix}replies-TOTAL_FORMS": "0",
                f"{prefix}replies-INITIAL_FORMS": "0",
                f"{prefix}replies-MIN_NUM_FORMS": "0",
                f"{prefix}replies-MAX_NUM_FORMS": "0",
            }
        )
    if action:
        data[action] = "1"
    return data


def make_draft(work_group, author, title, *, submit=False):
    """A draft saved as the admin would, optionally submitted for work group review."""
    page = DraftToolPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"What {title} is for.",
        body=[("paragraph", f"<p>{title}</p>")],
        owner=author,
        live=False,
    )
    work_group.space.add_child(instance=page)
    page.save_revision(user=author)
    if submit:
        work_group.space.get_workflow().start(page, author)
    return DraftToolPage.objects.get(pk=page.pk)


def approve(page, user):
    page = DraftToolPage.objects.get(pk=page.pk)
    page.current_workflow_task_state.approve(user=user)
    return DraftToolPage.objects.get(pk=page.pk)


def kinds_and_summaries(work_group, kind):
    return list(
        Activity.objects.filter(work_group=work_group, kind=kind)
        .order_by("pk")
        .values_list("summary", "url")
    )


# Writing in the admin


def test_a_member_writes_revises_comments_and_submits_a_draft(work_group, people, clients):
    member, chair = clients["member"], clients["chair"]
    space = work_group.space

    assert member.get(reverse("wagtailadmin_home")).status_code == 200
    assert member.get(reverse("wagtailadmin_explore", args=[space.pk])).status_code == 200
    assert member.get(add_url(space)).status_code == 200
    response = member.post(
        add_url(space), draft_form("Triage screen", "For triage nurses.", "Screen every adult.")
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = DraftToolPage.objects.child_of(space).get(slug="triage-screen")
    assert not page.live
    assert page.revisions.count() == 1

    # Another member revises it and comments on it.
    response = chair.post(
        edit_url(page),
        draft_form(
            "Triage screen",
            "For triage nurses and EMS crews.",
            "Screen every adult with an infection.",
            comments=["Should EMS crews screen too?"],
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.revisions.count() == 2
    comment = Comment.objects.get(page=page)
    assert comment.text == "Should EMS crews screen too?"
    assert comment.user == people["chair"]

    # Revisions, history and compare are Wagtail's, open to the group's editors.
    first, second = page.revisions.order_by("pk")
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    response = member.get(compare)
    assert response.status_code == 200
    assert "EMS crews" in response.content.decode()
    assert member.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200

    # Submitting starts the group's workflow at the chairs' review.
    response = member.post(
        edit_url(page),
        draft_form(
            "Triage screen",
            "For triage nurses and EMS crews.",
            "Screen every adult with an infection.",
            action="action-submit",
        ),
    )
    assert response.status_code == 302
    page = DraftToolPage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == f"Work group review: {work_group.name}"
    assert drafts.status_of(page, work_group) == drafts.Status.GROUP_REVIEW

    draft_activity = kinds_and_summaries(work_group, Activity.Kind.DRAFT)
    summaries = [summary for summary, _url in draft_activity]
    member_name = people["member"].get_full_name()
    chair_name = people["chair"].get_full_name()
    assert summaries == [
        f"{member_name} started a draft: “Triage screen”",
        f"{chair_name} revised “Triage screen”",
        # The member's own earlier entry keeps their quick re-save quiet; the submission shows.
        f"{member_name} submitted “Triage screen” for work group review",
    ]
    # Activity leads to the draft's reading page, which observers can open too.
    assert {url for _summary, url in draft_activity} == {f"drafts/{page.pk}/"}
    assert kinds_and_summaries(work_group, Activity.Kind.COMMENT) == [
        (
            f"{chair_name} commented on “Triage screen”: “Should EMS crews screen too?”",
            f"drafts/{page.pk}/",
        )
    ]
    reading_page = space.url + f"drafts/{page.pk}/"
    assert f'href="{reading_page}"' in clients["observer"].get(space.url).content.decode()


def test_members_cannot_publish(work_group, people, clients):
    page = make_draft(work_group, people["member"], "Handoff card")
    response = clients["member"].post(
        edit_url(page),
        draft_form("Handoff card", "Changed.", "Changed.", action="action-publish"),
    )
    assert response.status_code == 302
    page = DraftToolPage.objects.get(pk=page.pk)
    assert not page.live
    assert not page.permissions_for_user(people["member"]).can_publish()
    assert not page.permissions_for_user(people["chair"]).can_publish()


def test_members_comment_and_revise_while_the_chairs_review(work_group, people, clients):
    """Work group review is the group reading the draft together: members keep commenting
    and editing; only the chairs approve. Observers and other groups stay out."""
    page = make_draft(work_group, people["member"], "Handoff card", submit=True)
    assert drafts.status_of(page, work_group) == drafts.Status.GROUP_REVIEW

    html = clients["member"].get(edit_url(page)).content.decode()
    assert "Page locked" not in html
    response = clients["member"].post(
        edit_url(page),
        draft_form(
            "Handoff card",
            "For EMS crews.",
            "Say the time of first antibiotic.",
            comments=["Add the receiving nurse's name?"],
        ),
    )
    assert response.status_code == 302
    page = DraftToolPage.objects.get(pk=page.pk)
    assert Comment.objects.get(page=page).user == people["member"]
    assert page.revisions.count() == 2
    # Still in review, at the chairs' step, which the chairs (and only they) approve.
    assert drafts.status_of(page, work_group) == drafts.Status.GROUP_REVIEW
    task = page.current_workflow_task
    assert not task.locked_for_user(page, people["chair"])
    assert [name for name, *_ in task.get_actions(page, people["member"])] == []

    assert clients["observer"].get(edit_url(page)).status_code == 403
    # To another group's editor the draft does not exist.
    assert clients["other_member"].get(edit_url(page)).status_code == 404
    # At consortium approval the draft is the staff's to decide: members wait.
    page = approve(page, people["chair"])
    assert page.current_workflow_task.locked_for_user(page, people["member"])


def test_everyone_in_the_group_reads_a_drafts_latest_revision(work_group, people, clients):
    page = make_draft(work_group, people["member"], "Handoff card", submit=True)
    page.body = [("paragraph", "<p>Say the time of first antibiotic.</p>")]
    page.save_revision(user=people["chair"])
    url = work_group.space.url + f"drafts/{page.pk}/"

    for role in ("observer", "member", "chair", "staff", "superuser"):
        response = clients[role].get(url)
        assert response.status_code == 200, role
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        assert "Say the time of first antibiotic." in html, role
        assert "In work group review" in html
        assert people["chair"].get_full_name() in html
        assert (edit_url(page) in html) == (role in {"member", "chair", "staff", "superuser"})
    for role, status in (("anonymous", 302), ("outsider", 403), ("other_member", 403)):
        assert clients[role].get(url).status_code == status, role

    # The list links every draft there, for observers too.
    list_html = clients["observer"].get(work_group.space.url + "drafts/").content.decode()
    assert f'href="{url}"' in list_html

    # Archived, the group keeps reading its drafts; nobody is offered the editor.
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
    html = clients["chair"].get(url).content.decode()
    assert "Say the time of first antibiotic." in html
    assert edit_url(page) not in html


def test_a_draft_is_read_only_through_its_own_groups_space(
    work_group, other_group, people, clients
):
    theirs = make_draft(other_group, people["other_member"], "Their draft")
    ours = make_draft(work_group, people["member"], "Our draft")
    assert clients["member"].get(work_group.space.url + f"drafts/{theirs.pk}/").status_code == 404
    assert clients["member"].get(work_group.space.url + f"drafts/{ours.pk}/").status_code == 200
    # Another group's members cannot read ours through their own space either.
    assert (
        clients["other_member"].get(other_group.space.url + f"drafts/{ours.pk}/").status_code == 404
    )


def test_chairs_then_staff_approve_and_the_draft_goes_live_but_private(work_group, people, clients):
    page = make_draft(work_group, people["member"], "Handoff card", submit=True)
    task_state = page.current_workflow_task_state

    def act(client, task_state):
        return client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": ""},
        )

    # A member who is not a chair cannot approve the chairs' step.
    act(clients["member"], task_state)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"

    act(clients["chair"], task_state)
    page = DraftToolPage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == "Consortium approval"
    assert drafts.status_of(page, work_group) == drafts.Status.CONSORTIUM_APPROVAL
    assert not page.live

    # The chairs cannot give consortium approval themselves.
    consortium_state = page.current_workflow_task_state
    act(clients["chair"], consortium_state)
    consortium_state.refresh_from_db()
    assert consortium_state.status == "in_progress"

    act(clients["staff"], consortium_state)
    page = DraftToolPage.objects.get(pk=page.pk)
    assert page.live
    assert drafts.status_of(page, work_group) == drafts.Status.APPROVED

    summaries = [s for s, _url in kinds_and_summaries(work_group, Activity.Kind.DRAFT)]
    chair_name = people["chair"].get_full_name()
    staff_name = people["staff"].get_full_name()
    assert summaries[-2:] == [
        f"{chair_name} approved “Handoff card” in work group review: on to consortium approval",
        f"{staff_name} gave consortium approval to “Handoff card”: it is now approved",
    ]

    # Live, yet only for the group: the space's restriction covers it.
    expected = {
        "anonymous": 302,
        "outsider": 403,
        "other_member": 403,
        "observer": 200,
        "member": 200,
        "chair": 200,
        "staff": 200,
        "superuser": 200,
    }
    for role, status in expected.items():
        response = clients[role].get(page.url)
        assert response.status_code == status, role
        if status == 200:
            assert "no-store" in response["Cache-Control"]
            assert "Handoff card" in response.content.decode()


def test_changes_requested_and_withdrawn_are_recorded(work_group, people, clients):
    page = make_draft(work_group, people["member"], "Stop and watch", submit=True)
    task_state = page.current_workflow_task_state
    clients["chair"].post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Add the night shift."},
    )
    page = DraftToolPage.objects.get(pk=page.pk)
    assert drafts.status_of(page, work_group) == drafts.Status.CHANGES_REQUESTED
    page.current_workflow_state.cancel(user=people["member"])
    assert drafts.status_of(page, work_group) == drafts.Status.DRAFT
    summaries = [s for s, _url in kinds_and_summaries(work_group, Activity.Kind.DRAFT)]
    assert summaries[-2:] == [
        f"{people['chair'].get_full_name()} asked for changes to “Stop and watch”",
        f"{people['member'].get_full_name()} withdrew “Stop and watch” from review",
    ]


# Nothing beyond their own space


def test_members_cannot_reach_another_groups_drafts(work_group, other_group, people, clients):
    theirs = make_draft(other_group, people["other_member"], "Their draft")
    client = clients["member"]
    for url in (
        edit_url(theirs),
        reverse("wagtailadmin_explore", args=[other_group.space.pk]),
        add_url(other_group.space),
        reverse("wagtailadmin_pages:history", args=[theirs.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[theirs.pk, "earliest", "latest"]),
    ):
        # Another group's pages do not exist for them (workgroups.viewsets).
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Their draft" not in response.content.decode(), url
    response = client.post(edit_url(theirs), draft_form("Mine now", "x", "x", slug="their-draft"))
    assert response.status_code == 404
    assert DraftToolPage.objects.get(pk=theirs.pk).title == "Their draft"
    # Nor in the admin's page search, nor in the site history (which shows only the pages
    # one may edit).
    ours = make_draft(work_group, people["member"], "Our draft")
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "draft"})
    assert f"/admin/pages/{ours.pk}/" in response.content.decode()
    assert f"/admin/pages/{theirs.pk}/" not in response.content.decode()
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "Their draft" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/toolkits/caresetting/",
        "/admin/snippets/workgroups/workgroup/",
        "/admin/settings/portal/consortiumsettings/",
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
    ],
)
def test_members_see_no_other_admin_area(clients, url):
    response = clients["member"].get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_observers_do_not_get_into_the_admin(work_group, people, clients):
    page = make_draft(work_group, people["member"], "Handoff card")
    assert clients["observer"].get(reverse("wagtailadmin_home")).status_code == 403
    assert clients["observer"].get(edit_url(page)).status_code == 403


# The space's list of drafts


def test_the_list_shows_status_and_the_right_links(work_group, people, clients):
    plain = make_draft(work_group, people["member"], "Plain draft")
    in_review = make_draft(work_group, people["member"], "In review", submit=True)
    at_consortium = approve(
        make_draft(work_group, people["member"], "At consortium", submit=True), people["chair"]
    )
    approved = approve(
        approve(make_draft(work_group, people["member"], "Approved", submit=True), people["chair"]),
        people["staff"],
    )
    url = work_group.space.url + "drafts/"

    response = clients["member"].get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    rows = {row.page.pk: row for row in response.context["drafts"]}
    assert {pk: row.status for pk, row in rows.items()} == {
        plain.pk: drafts.Status.DRAFT,
        in_review.pk: drafts.Status.GROUP_REVIEW,
        at_consortium.pk: drafts.Status.CONSORTIUM_APPROVAL,
        approved.pk: drafts.Status.APPROVED,
    }
    html = response.content.decode()
    for label in ("Draft", "In work group review", "In consortium approval", "Approved"):
        assert label in html
    assert edit_url(plain) in html
    assert f"{url}{approved.pk}/" in html
    assert reverse("workgroups_promote_draft", args=[approved.pk]) not in html
    assert add_url(work_group.space) in html
    assert rows[plain.pk].last_edited_by == people["member"]

    observer_html = clients["observer"].get(url).content.decode()
    assert edit_url(plain) not in observer_html
    assert f"{url}{plain.pk}/" in observer_html
    assert add_url(work_group.space) not in observer_html

    staff_html = clients["staff"].get(url).content.decode()
    assert reverse("workgroups_promote_draft", args=[approved.pk]) in staff_html
    assert reverse("workgroups_promote_draft", args=[plain.pk]) not in staff_html

    for role, status in (("anonymous", 302), ("outsider", 403), ("other_member", 403)):
        assert clients[role].get(url).status_code == status


def test_an_archived_groups_list_offers_no_editing(work_group, people, clients):
    page = make_draft(work_group, people["member"], "Plain draft")
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
    html = clients["chair"].get(work_group.space.url + "drafts/").content.decode()
    assert "Plain draft" in html
    assert edit_url(page) not in html
    assert add_url(work_group.space) not in html


def test_the_list_takes_the_same_queries_for_one_draft_or_many(work_group, people, clients):
    url = work_group.space.url + "drafts/"
    client = clients["member"]
    make_draft(work_group, people["member"], "First", submit=True)
    client.get(url)  # warm caches (site root paths, content types)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    one = count()
    for number in range(6):
        page = make_draft(work_group, people["member"], f"Draft {number}", submit=number % 2 == 0)
        if number == 0:
            approve(approve(page, people["chair"]), people["staff"])
    assert count() == one


def test_activity_on_pages_outside_work_groups_is_ignored(home_page, people):
    from portal.models import StandardPage

    page = StandardPage(title="About", slug="about-us-test", introduction="About.")
    home_page.add_child(instance=page)
    assert drafts.record_created(page, people["member"]) is None
    Comment.objects.create(page=page, user=people["member"], text="Hi", contentpath="title")
    assert not Activity.objects.filter(kind=Activity.Kind.COMMENT).exists()
