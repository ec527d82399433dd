"""Comments on a draft from its reading page in the space. They are Wagtail's own comments
(wagtail.models.Comment and CommentReply on the draft page), so the drafters in the editor's
comments panel and the readers in the space share one conversation; the signals in
workgroups.wagtail_hooks record each one in the group's activity (with its @-mentions)."""

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Comment, CommentReply

WHOLE_DRAFT = "title"  # shown at the title in the editor


def parts_of(draft):
    """(content path, label) of what a comment can be about: the whole draft, its summary and
    each section of its body, in the editor's own terms (Wagtail's content paths)."""
    parts = [(WHOLE_DRAFT, _("The whole draft")), ("summary", _("What it is for and for whom"))]
    for number, child in enumerate(draft.body, start=1):
        text = " ".join(
            strip_tags(str(piece)) for piece in child.block.get_searchable_content(child.value)
        )
        excerpt = Truncator(" ".join(text.split())).chars(60)
        label = _("Section %(number)s (%(kind)s)") % {
            "number": number,
            "kind": child.block.label,
        }
        parts.append((f"body.{child.id}", f"{label}: {excerpt}" if excerpt else label))
    return parts


def comments_on(page, draft):
    """The draft's comments, oldest first, each with its replies and what it is about."""
    labels = dict(parts_of(draft))
    comments = list(
        Comment.objects.filter(page=page)
        .select_related("user", "resolved_by")
        .prefetch_related("replies__user")
        .order_by("created_at", "pk")
    )
    for comment in comments:
        comment.about = labels.get(comment.contentpath, _("A part of the draft since removed"))
        comment.reply_list = sorted(comment.replies.all(), key=lambda r: (r.created_at, r.pk))
    return comments


@transaction.atomic
def add_comment(page, user, text, contentpath):
    comment = Comment.objects.create(
        page=page,
        user=user,
        text=text,
        contentpath=contentpath,
        revision_created=page.latest_revision,
    )
    comment.log_create(user=user, page_revision=page.latest_revision)
    return comment


@transaction.atomic
def add_reply(comment, user, text):
    reply = CommentReply.objects.create(comment=comment, user=user, text=text)
    reply.log_create(user=user)
    return reply
