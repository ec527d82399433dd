"""Shared files: what a new version of a group's file tells the group."""

from django.utils.translation import gettext as _

from .activity import record
from .models import Activity
from .templatetags.workgroup_tags import person


def record_version(version, uploader):
    """The activity of a new (first or later) version of a shared file."""
    shared_file = version.shared_file
    if version.number == 1:
        summary = _("%(name)s shared “%(title)s”")
    else:
        summary = _("%(name)s uploaded version %(number)s of “%(title)s”")
    return record(
        shared_file.work_group,
        Activity.Kind.FILE,
        uploader,
        summary % {"name": person(uploader), "title": shared_file.title, "number": version.number},
        url=f"files/{shared_file.pk}/",
    )
