"""Comments on a draft from its reading page: Wagtail's own comments, so the editor and the
space show one conversation; observers read them, members and chairs add to them; @-mentions
of the group's members (only theirs) notify them in the space and by e-mail as they chose;
the group's home says what is new since the member's last visit."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Comment, CommentReply, PageLogEntry

from tests.factories import UserFactory
from workgroups import mentions
from workgroups.discussions import reply, start_thread
from workgroups.models import Activity, DraftToolPage, Membership, Mention

from .helpers import archive, url

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


@pytest.fixture
def draft(work_group, people):
    page = DraftToolPage(
        title="Triage card",
        slug="triage-card",
        summary="For triage nurses.",
        body=[("paragraph", "<p>Check the temperature and the breathing rate.</p>")],
        live=False,
    )
    work_group.space.add_child(instance=page)
    page.save_revision(user=people["member"])
    return DraftToolPage.objects.get(pk=page.pk)


def choose(work_group, user, setting):
    Membership.objects.filter(work_group=work_group, user=user).update(notifications=setting)


# Reading and adding comments


def test_observers_read_the_comments_made_in_the_editor(clients, people, work_group, draft):
    comment = Comment.objects.create(
        page=draft, user=people["chair"], text="Add the lactate threshold.", contentpath="body"
    )
    CommentReply.objects.create(comment=comment, user=people["member"], text="Done in v2.")
    page = clients["observer"].get(url(work_group, "draft", draft.pk)).content.decode()
    assert "Add the lactate threshold." in page
    assert "Done in v2." in page
    assert people["chair"].get_full_name() in page
    # Observers read; the form is for those who take part.
    assert 'name="text"' not in page
    assert "Observers read the comments" in page


def test_a_member_comments_from_the_reading_page_into_wagtails_comments(
    clients, people, work_group, draft
):
    block_id = draft.body[0].id
    page = clients["member"].get(url(work_group, "draft", draft.pk)).content.decode()
    assert f'value="body.{block_id}"' in page
    assert "Section 1 (Paragraph): Check the temperature" in page
    response = clients["member"].post(
        url(work_group, "draft", draft.pk),
        {"about": f"body.{block_id}", "text": "Say which thermometer."},
    )
    comment = Comment.objects.get(page=draft)
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "draft", draft.pk) + f"#comment-{comment.pk}"
    assert comment.user == people["member"]
    assert comment.contentpath == f"body.{block_id}"
    assert comment.has_valid_contentpath(draft)
    assert comment.revision_created == draft.latest_revision
    # In the page's history, as the editor's own comments are.
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.comments.create").exists()
    # Everyone in the group reads it on the reading page, and the activity stream says so.
    for role in ("observer", "chair", "staff"):
        assert (
            "Say which thermometer."
            in clients[role].get(url(work_group, "draft", draft.pk)).content.decode()
        )
    activity = Activity.objects.get(kind=Activity.Kind.COMMENT)
    assert activity.url == f"drafts/{draft.pk}/"


def test_a_chair_replies_to_a_comment(clients, people, work_group, draft):
    comment = Comment.objects.create(
        page=draft, user=people["member"], text="Too long?", contentpath="title"
    )
    response = clients["chair"].post(
        url(work_group, "draft", draft.pk),
        {"reply_to": str(comment.pk), f"reply-{comment.pk}-text": "Shorten the summary."},
    )
    assert response.status_code == 302
    assert comment.replies.get().text == "Shorten the summary."
    assert comment.replies.get().user == people["chair"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"about": "title", "text": "  "}, "Write a comment."),
        ({"about": "body.not-a-block", "text": "Hm."}, "Choose a part of the draft."),
        ({"about": "title", "text": "x" * 10_001}, "A message can be at most 10000 characters"),
    ],
)
def test_a_bad_comment_is_refused_and_nothing_is_stored(clients, work_group, draft, data, message):
    response = clients["member"].post(url(work_group, "draft", draft.pk), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Comment.objects.exists()
    assert not Activity.objects.filter(kind=Activity.Kind.COMMENT).exists()


def test_a_reply_to_another_drafts_comment_is_404(clients, people, work_group, draft):
    other = DraftToolPage(title="Other card", slug="other-card", live=False)
    work_group.space.add_child(instance=other)
    comment = Comment.objects.create(
        page=other, user=people["chair"], text="Elsewhere.", contentpath="title"
    )
    response = clients["member"].post(
        url(work_group, "draft", draft.pk),
        {"reply_to": str(comment.pk), f"reply-{comment.pk}-text": "Hijack."},
    )
    assert response.status_code == 404
    assert not CommentReply.objects.exists()


def test_an_archived_groups_comments_are_read_only(clients, people, work_group, draft):
    archive(work_group)
    page = clients["member"].get(url(work_group, "draft", draft.pk)).content.decode()
    assert "its comments can be read but not added to" in page
    response = clients["member"].post(
        url(work_group, "draft", draft.pk), {"about": "title", "text": "Late."}
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


# Mentions


def test_mentions_resolve_by_name_or_email_handle_and_only_in_the_group(people, work_group):
    chair, member, outsider = people["chair"], people["member"], people["outsider"]
    chair.first_name, chair.last_name, chair.email = "Ana", "Silva", "ana.silva@example.org"
    chair.save()
    outsider.first_name, outsider.last_name = "Rui", "Costa"
    outsider.save()
    found = mentions.mentioned_members
    assert found(work_group, "Over to @Ana Silva.", member) == [chair]
    assert found(work_group, "cc @ana.silva, thanks", member) == [chair]
    assert found(work_group, "cc @ana.silva@example.org", member) == [chair]
    assert found(work_group, "@ana.silvas is someone else", member) == []
    assert found(work_group, "e-mail ana.silva@example.org", member) == []
    # Someone outside the group is never resolved, however they are named.
    assert found(work_group, f"@Rui Costa @{outsider.username} @{outsider.email}", member) == []
    # Nobody is told about mentioning themselves.
    assert found(work_group, "@Ana Silva", chair) == []


def test_a_mention_in_a_comment_emails_an_immediate_member_once(
    clients, people, work_group, draft, mailoutbox, django_capture_on_commit_callbacks
):
    observer = people["observer"]
    observer.first_name, observer.last_name = "Lia", "Mendes"
    observer.save()
    for user in ("observer", "chair"):
        choose(work_group, people[user], Membership.Notifications.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        clients["member"].post(
            url(work_group, "draft", draft.pk),
            {"about": "title", "text": "@Lia Mendes, does this read well to you?"},
        )
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert sorted(by_address) == sorted([observer.email, people["chair"].email])
    mention = by_address[observer.email]
    assert mention.subject == (
        f"[{work_group.name}] {people['member'].get_full_name()} mentioned you"
    )
    assert "You were mentioned:" in mention.body
    assert f"drafts/{draft.pk}/" in mention.body
    assert "mentioned you" not in by_address[people["chair"].email].subject
    assert Mention.objects.get().user == observer


def test_a_mention_waits_for_the_digest_of_a_member_who_chose_one(
    people, work_group, mailoutbox, django_capture_on_commit_callbacks
):
    from workgroups import notifications

    observer = people["observer"]
    choose(work_group, observer, Membership.Notifications.DAILY)
    Membership.objects.filter(user=observer).update(
        digest_covered_until=timezone.now() - datetime.timedelta(days=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(work_group, people["member"], "Wording", f"@{observer.username} see this")
    assert mailoutbox == []  # not at once: the member chose a digest
    notifications.send_digests(Membership.Notifications.DAILY)
    (digest,) = [mail for mail in mailoutbox if mail.to == [observer.email]]
    assert "(mentions you)" in digest.body


def test_no_email_for_a_member_who_chose_none_but_the_space_shows_it(
    clients, people, work_group, mailoutbox, django_capture_on_commit_callbacks
):
    observer = people["observer"]
    choose(work_group, observer, Membership.Notifications.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        thread, _post = start_thread(work_group, people["chair"], "Wording", "Opening.")
        reply(thread, people["member"], f"Asking @{observer.username}")
    assert mailoutbox == []
    home = clients["observer"].get(url(work_group, "home")).content.decode()
    assert "Mentions of you" in home
    assert "replied in “Wording”" in home
    mention = Mention.objects.get(user=observer)
    assert mention.seen_at is not None  # shown: no longer new on the next visit


# What is new since the last visit


def test_the_home_shows_what_others_did_since_the_last_visit(clients, people, work_group, draft):
    member = people["member"]
    home_url = url(work_group, "home")
    first = clients["member"].get(home_url).content.decode()
    assert "New since your last visit" not in first
    visited = Membership.objects.get(work_group=work_group, user=member).last_visited_at
    assert visited is not None
    thread, _post = start_thread(work_group, people["chair"], "Lactate", "Thresholds?")
    reply(thread, people["chair"], "Second thought.")
    Comment.objects.create(page=draft, user=people["chair"], text="Hm.", contentpath="title")
    start_thread(work_group, member, "Mine", "My own post is not news to me.")
    page = clients["member"].get(home_url).content.decode()
    assert "New since your last visit" in page
    assert "2 new posts" in page
    assert "1 new comment" in page
    assert page.count('bg-secondary-dark">New</span>') == 3
    # The visit is recorded: nothing is new on the next one.
    again = clients["member"].get(home_url).content.decode()
    assert "Nothing new from others since then." in again


def test_staff_outside_the_group_have_no_visits_recorded(clients, work_group):
    assert clients["staff"].get(url(work_group, "home")).status_code == 200
    assert not Membership.objects.filter(last_visited_at__isnull=False).exists()


def test_an_outsider_named_in_a_post_gets_nothing(
    people, work_group, mailoutbox, django_capture_on_commit_callbacks
):
    outsider = UserFactory(first_name="Rui", last_name="Costa")
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(work_group, people["member"], "Hello", "@Rui Costa, join us?")
    assert not Mention.objects.exists()
    assert outsider.email not in [address for mail in mailoutbox for address in mail.to]
