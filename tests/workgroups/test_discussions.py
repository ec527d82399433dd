"""Discussions: who may read, start, reply, edit and hide; plain text with safe links; another
group's ids answer 404; a fixed number of queries however many threads and posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workgroups import discussions
from workgroups.models import Activity, Post, Thread
from workgroups.models.discussions import MAX_POST_CHARS

from .helpers import VIEWER_STATUSES, archive, assert_private, url

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

READERS = ("observer", "member", "chair", "staff", "superuser")


@pytest.fixture
def thread(work_group, people):
    thread, _post = discussions.start_thread(
        work_group, people["member"], "Triage wording", "Shall we say “suspected sepsis”?"
    )
    return thread


@pytest.fixture
def other_thread(other_group, people):
    thread, _post = discussions.start_thread(
        other_group, people["other_member"], "Discharge letters", "A private thought."
    )
    return thread


# Who may read


@pytest.mark.parametrize(
    ("role", "status"),
    VIEWER_STATUSES,
)
def test_thread_list_and_thread_page(clients, work_group, thread, role, status):
    for address in (url(work_group, "threads"), url(work_group, "thread", thread.pk)):
        response = clients[role].get(address)
        assert response.status_code == status
        if status == 302:
            assert "/accounts/login/" in response["Location"]
        if status == 200:
            assert "Triage wording" in response.content.decode()
            assert_private(response)


def test_another_groups_thread_and_post_ids_are_404(clients, work_group, other_thread):
    other_post = other_thread.posts.get()
    chair = clients["chair"]
    assert chair.get(url(work_group, "thread", other_thread.pk)).status_code == 404
    assert chair.post(url(work_group, "thread", other_thread.pk), {"body": "x"}).status_code == 404
    assert chair.get(url(work_group, "edit_post", other_post.pk)).status_code == 404
    confirm = {"confirm": "yes"}
    assert chair.post(url(work_group, "hide_post", other_post.pk), confirm).status_code == 404
    staff = clients["staff"]
    assert staff.post(url(work_group, "hide_post", other_post.pk), confirm).status_code == 404
    other_post.refresh_from_db()
    assert not other_post.is_hidden
    assert other_thread.posts.count() == 1


# Starting and replying


def test_member_starts_a_thread(clients, work_group, people):
    response = clients["member"].post(
        url(work_group, "threads"), {"title": "Lactate timing", "body": "Within one hour?"}
    )
    thread = Thread.objects.get(title="Lactate timing")
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "thread", thread.pk)
    assert_private(response)
    assert thread.work_group == work_group
    assert thread.author == people["member"]
    assert list(thread.posts.values_list("body", flat=True)) == ["Within one hour?"]
    activity = Activity.objects.filter(work_group=work_group, kind=Activity.Kind.POST).first()
    assert activity.url == f"discussions/{thread.pk}/"
    assert "Lactate timing" in activity.summary
    assert activity.actor == people["member"]


def test_member_replies_and_the_thread_comes_first(clients, work_group, people, thread):
    older = thread
    newer, _post = discussions.start_thread(work_group, people["chair"], "Newer", "Hello.")
    response = clients["chair"].post(url(work_group, "thread", older.pk), {"body": "I agree."})
    reply = Post.objects.get(body="I agree.")
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "thread", older.pk) + f"#post-{reply.pk}"
    assert reply.author == people["chair"]
    activity = Activity.objects.filter(work_group=work_group, kind=Activity.Kind.POST).first()
    assert activity.url == f"discussions/{older.pk}/#post-{reply.pk}"
    assert "replied" in activity.summary
    page = clients["member"].get(url(work_group, "threads")).content.decode()
    assert page.index("Triage wording") < page.index("Newer")


@pytest.mark.parametrize("role", ["observer", "staff", "superuser", "outsider", "other_member"])
def test_those_who_do_not_take_part_cannot_post(clients, work_group, thread, role):
    start = clients[role].post(url(work_group, "threads"), {"title": "T", "body": "B"})
    answer = clients[role].post(url(work_group, "thread", thread.pk), {"body": "B"})
    assert start.status_code == 403
    assert answer.status_code == 403
    assert Thread.objects.count() == 1
    assert Post.objects.count() == 1


def test_observer_sees_no_forms(clients, work_group, thread):
    page = clients["observer"].get(url(work_group, "thread", thread.pk)).content.decode()
    assert 'name="body"' not in page
    assert (
        "Start a discussion"
        not in clients["observer"].get(url(work_group, "threads")).content.decode()
    )


def test_an_archived_group_is_read_only(clients, work_group, thread):
    archive(work_group)
    for role in ("member", "chair"):
        assert clients[role].get(url(work_group, "thread", thread.pk)).status_code == 200
        assert (
            clients[role].post(url(work_group, "threads"), {"title": "T", "body": "B"}).status_code
            == 403
        )
        reply = clients[role].post(url(work_group, "thread", thread.pk), {"body": "B"})
        assert reply.status_code == 403
    post = thread.posts.get()
    assert clients["member"].get(url(work_group, "edit_post", post.pk)).status_code == 403
    hide_url = url(work_group, "hide_post", post.pk)
    assert clients["chair"].post(hide_url, {"confirm": "yes"}).status_code == 403
    page = clients["member"].get(url(work_group, "thread", thread.pk)).content.decode()
    assert "archived" in page
    assert 'name="body"' not in page


# Plain text with safe links


def test_html_and_script_are_shown_as_text_and_links_are_safe(clients, work_group, thread):
    body = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> '
        "See https://www.cdc.gov/sepsis/ and www.sccm.org. javascript:alert(1)"
    )
    clients["member"].post(url(work_group, "thread", thread.pk), {"body": body})
    page = clients["observer"].get(url(work_group, "thread", thread.pk)).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")' not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert (
        '<a class="usa-link" href="https://www.cdc.gov/sepsis/" rel="nofollow noopener ugc">'
        "https://www.cdc.gov/sepsis/</a>"
    ) in page
    assert 'href="https://www.sccm.org" rel="nofollow noopener ugc">www.sccm.org</a>.' in page
    assert 'href="javascript' not in page


def test_a_too_long_post_gets_a_clear_error_and_is_not_saved(clients, work_group, thread):
    response = clients["member"].post(
        url(work_group, "thread", thread.pk), {"body": "x" * (MAX_POST_CHARS + 1)}
    )
    assert response.status_code == 200
    assert "A message can be at most 10000 characters long; this one has 10001." in (
        response.content.decode()
    )
    assert thread.posts.count() == 1
    ok = clients["member"].post(
        url(work_group, "thread", thread.pk), {"body": "x" * MAX_POST_CHARS}
    )
    assert ok.status_code == 302


def test_an_empty_post_is_refused(clients, work_group, thread):
    response = clients["member"].post(url(work_group, "thread", thread.pk), {"body": "   "})
    assert response.status_code == 200
    assert "Write a message." in response.content.decode()
    assert thread.posts.count() == 1


# Editing and hiding


def test_authors_edit_their_own_posts(clients, work_group, thread):
    post = thread.posts.get()
    edit_url = url(work_group, "edit_post", post.pk)
    form = clients["member"].get(edit_url)
    assert form.status_code == 200
    assert "Shall we say" in form.content.decode()
    response = clients["member"].post(edit_url, {"body": "Shall we say “possible sepsis”?"})
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "thread", thread.pk) + f"#post-{post.pk}"
    post.refresh_from_db()
    assert post.body == "Shall we say “possible sepsis”?"
    assert post.edited_at is not None
    page = clients["observer"].get(url(work_group, "thread", thread.pk)).content.decode()
    assert "edited" in page
    assert "possible sepsis" in page


@pytest.mark.parametrize("role", ["chair", "observer", "staff", "superuser"])
def test_nobody_else_edits_a_post(clients, work_group, thread, role):
    post = thread.posts.get()
    assert clients[role].get(url(work_group, "edit_post", post.pk)).status_code == 403
    assert (
        clients[role].post(url(work_group, "edit_post", post.pk), {"body": "X"}).status_code == 403
    )
    post.refresh_from_db()
    assert post.body.startswith("Shall we say")
    assert post.edited_at is None


def test_the_edit_link_shows_only_on_own_posts(clients, work_group, thread):
    post = thread.posts.get()
    edit_link = f'href="{url(work_group, "edit_post", post.pk)}"'
    assert edit_link in clients["member"].get(url(work_group, "thread", thread.pk)).content.decode()
    assert (
        edit_link not in clients["chair"].get(url(work_group, "thread", thread.pk)).content.decode()
    )


@pytest.mark.parametrize("role", ["chair", "staff", "superuser"])
def test_chairs_and_staff_hide_posts(clients, people, work_group, thread, role):
    post = thread.posts.get()
    response = clients[role].post(url(work_group, "hide_post", post.pk), {"confirm": "yes"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    assert post.hidden_by == people[role]
    for reader in ("member", "observer", "chair"):
        page = clients[reader].get(url(work_group, "thread", thread.pk)).content.decode()
        assert "Hidden by a chair" in page
        assert "Shall we say" not in page
    # The author can no longer change it.
    assert clients["member"].get(url(work_group, "edit_post", post.pk)).status_code == 403
    # And a moderator can show it again.
    restore = clients[role].post(url(work_group, "hide_post", post.pk), {"restore": "1"})
    assert restore.status_code == 302
    post.refresh_from_db()
    assert not post.is_hidden


@pytest.mark.parametrize("role", ["member", "observer"])
def test_members_cannot_hide_posts(clients, work_group, thread, role):
    post = thread.posts.get()
    hide_url = url(work_group, "hide_post", post.pk)
    assert clients[role].get(hide_url).status_code == 403
    assert clients[role].post(hide_url, {"confirm": "yes"}).status_code == 403
    post.refresh_from_db()
    assert not post.is_hidden


def test_hide_asks_for_confirmation_first(clients, work_group, thread):
    """The Hide link opens a confirmation page (no JavaScript needed); neither opening it nor
    a POST without the confirmation hides anything."""
    post = thread.posts.get()
    hide_url = url(work_group, "hide_post", post.pk)
    thread_page = clients["chair"].get(url(work_group, "thread", thread.pk)).content.decode()
    assert f'href="{hide_url}"' in thread_page
    for response in (clients["chair"].get(hide_url), clients["chair"].post(hide_url)):
        assert response.status_code == 200
        page = response.content.decode()
        assert "Hide this post?" in page
        assert "Shall we say" in page  # the post itself, to be sure which one
        assert 'name="confirm" value="yes"' in page
        assert f'href="{url(work_group, "thread", thread.pk)}#post-{post.pk}"' in page
    post.refresh_from_db()
    assert not post.is_hidden


def test_hiding_takes_only_get_or_post(clients, work_group, thread):
    post = thread.posts.get()
    assert clients["chair"].delete(url(work_group, "hide_post", post.pk)).status_code == 405
    post.refresh_from_db()
    assert not post.is_hidden


# Pages and queries


def test_threads_and_posts_are_paginated(clients, work_group, people, thread):
    for n in range(discussions.POSTS_PER_PAGE + 5):
        discussions.reply(thread, people["chair"], f"Reply number {n}")
    first = clients["member"].get(url(work_group, "thread", thread.pk)).content.decode()
    second = clients["member"].get(url(work_group, "thread", thread.pk) + "?page=2").content
    assert "Shall we say" in first
    assert "Reply number 34" not in first
    assert "Reply number 34" in second.decode()


def make_threads(work_group, people, count, replies=2):
    authors = [people["member"], people["chair"]]
    for n in range(count):
        thread, _post = discussions.start_thread(
            work_group, authors[n % 2], f"Thread {n}", f"First post {n}"
        )
        for r in range(replies):
            discussions.reply(thread, authors[r % 2], f"Reply {r}")


def queries(client, address):
    """Queries of a page view, after a first view has filled the per-process caches."""
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_thread_list_queries_do_not_grow_with_threads(clients, work_group, other_group, people):
    make_threads(work_group, people, 2)
    few = queries(clients["member"], url(work_group, "threads"))
    make_threads(work_group, people, 40)
    many = queries(clients["member"], url(work_group, "threads"))
    assert few == many


def test_thread_page_queries_do_not_grow_with_posts(clients, work_group, people, thread):
    extra = [p for p in people.values() if p not in (people["member"], people["chair"])]
    discussions.reply(thread, people["chair"], "One reply.")
    few = queries(clients["chair"], url(work_group, "thread", thread.pk))
    for n in range(60):
        post = discussions.reply(thread, [people["member"], people["chair"]][n % 2], f"R{n}")
        if n % 5 == 0:
            discussions.edit(post, f"R{n} (edited)")
        if n % 7 == 0:
            discussions.set_hidden(post, people["chair"], True)
    assert extra  # other people exist but have not posted
    many = queries(clients["chair"], url(work_group, "thread", thread.pk))
    assert few == many
