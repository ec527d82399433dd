"""What members do in discussions: plain functions, one transaction each, that the views and
the demo content call. Each records the activity the group's home and e-mails read."""

import math

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .activity import record
from .models import Activity, Post, Thread
from .templatetags.workgroup_tags import person

POSTS_PER_PAGE = 30


def thread_path(thread, page_number=1, post=None):
    """The thread's address inside the space (for redirects and the activity stream)."""
    path = f"discussions/{thread.pk}/"
    if page_number > 1:
        path += f"?page={page_number}"
    if post is not None:
        path += f"#post-{post.pk}"
    return path


def page_of(post):
    earlier = Post.objects.filter(thread_id=post.thread_id).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    return earlier.count() // POSTS_PER_PAGE + 1


def last_page(thread):
    return max(1, math.ceil(thread.posts.count() / POSTS_PER_PAGE))


@transaction.atomic
def start_thread(work_group, author, title, body):
    thread = Thread.objects.create(work_group=work_group, title=title, author=author)
    post = Post.objects.create(thread=thread, author=author, body=body)
    record(
        work_group,
        Activity.Kind.POST,
        author,
        _("%(name)s started a discussion: “%(title)s”") % {"name": person(author), "title": title},
        url=thread_path(thread),
        text=body,
    )
    return thread, post


@transaction.atomic
def reply(thread, author, body):
    post = Post.objects.create(thread=thread, author=author, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    record(
        thread.work_group,
        Activity.Kind.POST,
        author,
        _("%(name)s replied in “%(title)s”") % {"name": person(author), "title": thread.title},
        url=thread_path(thread, last_page(thread), post),
        text=body,
    )
    return post


def edit(post, body):
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    return post


def set_hidden(post, moderator, hidden):
    post.hidden_at = timezone.now() if hidden else None
    post.hidden_by = moderator if hidden else None
    post.save(update_fields=["hidden_at", "hidden_by"])
    return post
