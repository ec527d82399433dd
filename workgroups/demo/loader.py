"""Demonstration work groups: the public list, three groups with their people, drafts in review,
meetings, a discussion and shared files.

Like the rest of the demo, everything is created only when missing (people by e-mail address,
groups by slug, drafts by slug, meetings, threads and files by title within their group), so a
second run creates nothing and never overwrites what someone has changed. Groups are made by
workgroups.provisioning like any other, so the demo's privacy is the real one.
"""

import datetime
import hashlib
from contextlib import contextmanager
from functools import cache

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import signal_handlers as wagtail_emails
from wagtail.documents import get_document_model
from wagtail.models import Comment, CommentReply, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_submitted

from documents import demo_files
from portal.demo.loader import ensure_child, ensure_demo_login
from portal.models import MemberOrganization

from .. import drafts, membership
from ..access import STAFF_GROUP_NAMES
from ..activity import record
from ..files import record_version
from ..models import (
    Activity,
    DraftToolPage,
    FileVersion,
    Meeting,
    Membership,
    SharedFile,
    Thread,
    WorkGroup,
    WorkGroupIndexPage,
)
from ..provisioning import create_work_group
from . import content


def load(site, log=print):
    with transaction.atomic():
        people = ensure_people()
        index = ensure_index(site.root_page.specific)
        created = 0
        for spec in content.GROUPS:
            work_group, new = ensure_group(index, spec, people)
            created += new
            key = spec["slug"]  # the demo's own key, whatever the group's slug is now
            ensure_drafts(work_group, content.DRAFTS[key], people)
            ensure_meetings(work_group, content.MEETINGS[key], people[spec["chairs"][0]], people)
            ensure_threads(work_group, content.THREADS[key], people)
            ensure_files(work_group, content.FILES[key], people)
    log(
        f"Work groups ready: {WorkGroup.objects.count()} in {index.url_path} ({created} new); "
        f"demo accounts share the password in the README."
    )
    return index


def person(user):
    return user.get_full_name() or user.get_username()


def ensure_people():
    """{key: user}: demo accounts that can log in (verified address, the shared password), with
    their organization confirmed on their profile."""
    organizations = {o.slug: o for o in MemberOrganization.objects.all()}
    staff = Group.objects.filter(name__in=STAFF_GROUP_NAMES)
    people = {}
    for key, (email, first, last, organization, job_title) in content.PEOPLE.items():
        user = ensure_demo_login(email, first, last)
        profile = user.profile
        if profile.organization_id is None and organization in organizations:
            profile.organization = organizations[organization]
            profile.job_title = profile.job_title or job_title
            profile.save()
        if key in content.STAFF:
            user.groups.add(*staff)
        people[key] = user
    return people


def ensure_index(home):
    existing = WorkGroupIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing

    def fields():
        return {"title": content.INDEX["title"], "introduction": content.INDEX["introduction"]}

    return ensure_child(home, WorkGroupIndexPage, content.INDEX["slug"], fields)


def ensure_group(index, spec, people):
    """The group (made by provisioning, like any other) and its members; True if new."""
    # By slug or name: both are unique, and an editor may have changed either.
    work_group = WorkGroup.objects.filter(Q(slug=spec["slug"]) | Q(name=spec["name"])).first()
    if work_group is not None:
        return work_group, False
    work_group = create_work_group(
        index, name=spec["name"], slug=spec["slug"], charge=spec["charge"]
    )
    space = work_group.space
    space.welcome = spec["welcome"]
    space.save_revision().publish()
    for role, keys in (
        (Membership.Role.CHAIR, spec["chairs"]),
        (Membership.Role.MEMBER, spec["members"]),
        (Membership.Role.OBSERVER, spec["observers"]),
    ):
        for key in keys:
            membership.add_member(work_group, people[key], role, via="demo")
    return work_group, True


def ensure_drafts(work_group, specs, people):
    space = work_group.space
    if space is None:
        return  # someone deleted the space; drafts have nowhere to go
    existing = set(DraftToolPage.objects.child_of(space).values_list("slug", flat=True))
    for spec in specs:
        if spec["slug"] not in existing:
            add_draft(work_group, spec, people)


def add_draft(work_group, spec, people):
    """A draft written in several revisions by different members, commented on, and taken as
    far through review as the spec says; activity is recorded as the admin would."""
    space = work_group.space
    first_author, summary, body = spec["revisions"][0]
    page = DraftToolPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=summary,
        body=body,
        owner=people[first_author],
        live=False,
    )
    space.add_child(instance=page)
    revision = page.save_revision(user=people[first_author], log_action="wagtail.create")
    drafts.record_created(page, people[first_author])
    for author, summary, body in spec["revisions"][1:]:
        page = DraftToolPage.objects.get(pk=page.pk)
        page.summary, page.body = summary, body
        revision = page.save_revision(user=people[author], log_action=True)
        drafts.record_revised(page, people[author])
    for author, field, text, replies in spec["comments"]:
        comment = Comment.objects.create(
            page=page,
            user=people[author],
            text=text,
            contentpath=field,
            revision_created=revision,
        )
        for reply_author, reply_text in replies:
            CommentReply.objects.create(comment=comment, user=people[reply_author], text=reply_text)
    if spec["review"] is None:
        return page
    # Through Wagtail's own workflow, so that the signals record each step.
    page = DraftToolPage.objects.get(pk=page.pk)
    submitter = people[spec["revisions"][-1][0]]
    with no_review_emails():
        space.get_workflow().start(page, submitter)
        if spec["review"] == "approved":
            chair = work_group.chairs.user_set.order_by("pk").first()
            page.current_workflow_task_state.approve(user=chair)
            staff = Group.objects.filter(name__in=STAFF_GROUP_NAMES).first()
            approver = staff.user_set.order_by("pk").first() if staff else None
            page = DraftToolPage.objects.get(pk=page.pk)
            page.current_workflow_task_state.approve(user=approver)
    return page


@contextmanager
def no_review_emails():
    """Wagtail's review e-mails stay unsent while the demo plays its drafts through review:
    they would go to the demo's people and to any real moderators, about make-believe."""

    receivers = [
        (
            task_submitted,
            wagtail_emails.task_submission_email_notifier,
            TaskState,
            "group_approval_task_submitted_email_notification",
        ),
        (
            workflow_submitted,
            wagtail_emails.workflow_submission_email_notifier,
            WorkflowState,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_approved,
            wagtail_emails.workflow_approval_email_notifier,
            WorkflowState,
            "workflow_state_approved_email_notification",
        ),
    ]
    disconnected = [
        receiver
        for receiver in receivers
        if receiver[0].disconnect(sender=receiver[2], dispatch_uid=receiver[3])
    ]
    try:
        yield
    finally:
        for signal, notifier, sender, uid in disconnected:
            signal.connect(notifier, sender=sender, dispatch_uid=uid)


def consortium_time(days, hour):
    """A moment `days` from today at `hour` o'clock, in the consortium's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    naive = datetime.datetime.combine(day, datetime.time(hour))
    return timezone.make_aware(naive)


def ensure_meetings(work_group, specs, chair, people):
    existing = set(Meeting.objects.filter(work_group=work_group).values_list("title", flat=True))
    for spec in specs:
        title, days, hour, minutes_long, location, agenda, minutes, attended = spec
        if title in existing:
            continue
        starts = consortium_time(days, hour)
        meeting = Meeting.objects.create(
            work_group=work_group,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=minutes_long),
            location=location,
            agenda=agenda,
            minutes=minutes,
            created_by=chair,
        )
        meeting.attendees.set([people[key] for key in attended])
        if minutes:
            notes = ensure_document(
                work_group, "minutes", "pdf", chair, title=_("%(title)s: notes") % {"title": title}
            )
            meeting.attachments.add(notes)
        record(
            work_group,
            Activity.Kind.MEETING,
            chair,
            _("%(name)s scheduled a meeting: “%(title)s”")
            % {"name": person(chair), "title": title},
            url=f"meetings/{meeting.pk}/",
        )


def ensure_threads(work_group, specs, people):
    # Through the discussions' own functions, which also write the activity stream.
    from ..discussions import reply, start_thread

    existing = set(Thread.objects.filter(work_group=work_group).values_list("title", flat=True))
    for title, posts in specs:
        if title in existing:
            continue
        (first_author, first_text), *replies = posts
        thread, _post = start_thread(work_group, people[first_author], title, first_text)
        for key, text in replies:
            reply(thread, people[key], text)


def ensure_files(work_group, specs, people):
    existing = set(SharedFile.objects.filter(work_group=work_group).values_list("title", flat=True))
    for title, versions in specs:
        if title in existing:
            continue
        shared_file = SharedFile.objects.create(
            work_group=work_group, title=title, created_by=people[versions[0][1]]
        )
        for number, (fmt, key, note, document_key) in enumerate(versions, start=1):
            uploader = people[key]
            document = ensure_document(work_group, document_key, fmt, uploader)
            version = FileVersion.objects.create(
                shared_file=shared_file,
                number=number,
                document=document,
                note=note,
                uploaded_by=uploader,
            )
            record_version(version, uploader)
        SharedFile.objects.filter(pk=shared_file.pk).update(updated_at=timezone.now())


@cache
def render(key, fmt):
    """A small real PDF or Word file of a demo text (rendered once per process)."""
    document = {"language": "en-us", **content.DOCUMENTS[key]}
    released = datetime.date(2026, 3, 2)
    if fmt == "pdf":
        return demo_files.render_pdf(document, "draft", "members", released)
    return demo_files.render_docx(document, "draft", "members", released)


def ensure_document(work_group, key, fmt, uploader, title=None):
    """The generated file as a document in the group's private collection."""
    title = title or content.DOCUMENTS[key]["title"]
    Document = get_document_model()
    existing = Document.objects.filter(
        collection=work_group.collection, title=title, file__endswith=f".{fmt}"
    ).first()
    if existing is not None:
        return existing
    data = render(key, fmt)
    document = Document(
        title=title,
        file=ContentFile(data, name=f"{key}.{fmt}"),
        collection=work_group.collection,
        uploaded_by_user=uploader,
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    document.save()
    return document
