"""Discussions: threads newest activity first, posts oldest first, replies, authors' edits and
chairs' hiding. Observers and archived groups read only; workgroups.access decides."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import access
from ..discussion_forms import PostForm, ThreadForm
from ..discussions import (
    POSTS_PER_PAGE,
    page_of,
    reply,
    set_hidden,
    start_thread,
    thread_path,
)
from ..discussions import edit as edit_body
from ..models import Post, Thread
from .common import context, private, work_group_of

THREADS_PER_PAGE = 25


def _route(request, space, name, *args):
    return space.get_url(request) + space.reverse_subpage(name, args=args)


# Views


def thread_list(request, space):
    work_group = work_group_of(request, space)
    user = request.user
    may_participate = access.can_participate(user, work_group)
    form = ThreadForm() if may_participate else None
    if request.method == "POST":
        access.require(may_participate)
        form = ThreadForm(request.POST)
        if form.is_valid():
            thread, _post = start_thread(
                work_group, user, form.cleaned_data["title"], form.cleaned_data["body"]
            )
            messages.success(request, _("Your discussion has started."))
            return private(redirect(_route(request, space, "thread", thread.pk)))
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])

    threads = (
        Thread.objects.filter(work_group=work_group)
        .select_related("author")
        .annotate(post_count=Count("posts"))
        .order_by("-last_post_at", "-pk")
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    response = TemplateResponse(
        request,
        "workgroups/discussions/thread_list.html",
        context(request, space, work_group, section="discussions", threads=page, form=form),
    )
    return private(response)


def thread_detail(request, space, thread_id):
    work_group = work_group_of(request, space)
    thread = access.get_in_group(Thread.objects.select_related("author"), work_group, pk=thread_id)
    thread.work_group = work_group
    user = request.user
    may_participate = access.can_participate(user, work_group)
    form = PostForm() if may_participate else None
    if request.method == "POST":
        access.require(may_participate)
        form = PostForm(request.POST)
        if form.is_valid():
            post = reply(thread, user, form.cleaned_data["body"])
            messages.success(request, _("Your reply is posted."))
            return private(
                redirect(space.get_url(request) + thread_path(thread, page_of(post), post))
            )
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])

    posts = Post.objects.filter(thread=thread).select_related("author")
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for post in page.object_list:
        post.thread = thread  # the access checks below then ask the database nothing
        post.may_edit = access.can_edit_post(user, post)
    response = TemplateResponse(
        request,
        "workgroups/discussions/thread_detail.html",
        context(
            request,
            space,
            work_group,
            section="discussions",
            thread=thread,
            posts=page,
            form=form,
        ),
    )
    return private(response)


def _post_in_group(work_group, post_id):
    """A post of this group's threads, or 404 (another group's post id reveals nothing)."""
    post = get_object_or_404(
        Post.objects.select_related("thread"), pk=post_id, thread__work_group=work_group
    )
    post.thread.work_group = work_group
    return post


def edit_post(request, space, post_id):
    work_group = work_group_of(request, space)
    post = _post_in_group(work_group, post_id)
    access.require(access.can_edit_post(request.user, post))
    if request.method == "POST":
        form = PostForm(request.POST, instance=post)
        if form.is_valid():
            edit_body(post, form.cleaned_data["body"])
            messages.success(request, _("Your post is updated."))
            path = thread_path(post.thread, page_of(post), post)
            return private(redirect(space.get_url(request) + path))
    elif request.method in ("GET", "HEAD"):
        form = PostForm(instance=post)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    response = TemplateResponse(
        request,
        "workgroups/discussions/edit_post.html",
        context(
            request,
            space,
            work_group,
            section="discussions",
            thread=post.thread,
            post=post,
            form=form,
            back_url=space.get_url(request) + thread_path(post.thread, page_of(post), post),
        ),
    )
    return private(response)


def hide_post(request, space, post_id):
    """Hide a post after a confirmation page (the Hide link opens it, and a POST without the
    confirmation shows it too); showing a hidden post again is one button."""
    work_group = work_group_of(request, space)
    post = _post_in_group(work_group, post_id)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    access.require(access.can_moderate(request.user, work_group))
    path = thread_path(post.thread, page_of(post), post)
    restore = request.POST.get("restore") == "1"
    if request.method == "POST" and (restore or request.POST.get("confirm") == "yes"):
        set_hidden(post, request.user, not restore)
        messages.success(
            request, _("The post is shown again.") if restore else _("The post is hidden.")
        )
        return private(redirect(space.get_url(request) + path))
    if post.is_hidden:
        return private(redirect(space.get_url(request) + path))
    response = TemplateResponse(
        request,
        "workgroups/discussions/hide_confirm.html",
        context(
            request,
            space,
            work_group,
            section="discussions",
            thread=post.thread,
            post=post,
            back_url=space.get_url(request) + path,
        ),
    )
    return private(response)
