"""@-mentions in draft comments and discussion posts. A mention names a member of the group by
their full name ("@Ana Silva"), their username or their e-mail address or its part before the @
("@ana.silva"); nobody outside the group resolves, whatever they are called."""

import re

from django.contrib.auth import get_user_model

from .models import Membership


def _handles(user):
    names = {user.get_username()}
    full_name = user.get_full_name().strip()
    if full_name:
        names.add(full_name)
    if user.email:
        names.update({user.email, user.email.split("@", 1)[0]})
    return {name for name in names if name}


def _pattern(handle):
    # The handle ends where the text does, or before a space or punctuation: "@ana.silva." at
    # the end of a sentence names ana.silva, "@ana.silva@example.org" names that address only.
    return re.compile(r"(?<![\w@])@" + re.escape(handle) + r"(?![\w@-]|\.\w)", re.IGNORECASE)


def mentioned_members(work_group, text, author=None):
    """The active members of the group (observers included) the text names; never the author."""
    if "@" not in text:
        return []
    members = (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(work_group=work_group).values("user_id"),
        )
        .order_by("pk")
    )
    if author is not None:
        members = members.exclude(pk=author.pk)
    return [
        user for user in members if any(_pattern(handle).search(text) for handle in _handles(user))
    ]
