"""The toolkits' public interface for making other content into toolkits: what a work group's
approved draft becomes when consortium staff promote it (a new, unpublished toolkit in the
catalog, or a new unpublished version of a toolkit). Other apps call these functions and
import nothing else from toolkits; who may promote, and what is promoted, is theirs to decide.
"""

import re

from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from .models import ToolkitIndexPage, ToolkitPage


class ToolkitUnavailable(ValueError):
    """The toolkit cannot take new content now; the message says why, for staff."""


def toolkits():
    """Every toolkit, by title: the ones a draft may become a new version of."""
    return ToolkitPage.objects.order_by("title")


def body_block():
    """The block a toolkit's body is made of (content is converted into it)."""
    return ToolkitPage.body.field.stream_block


def next_version(version):
    """The next major version: 1.0 → 2.0, 2.3 → 3.0; a version without a number → 2.0."""
    match = re.search(r"\d+", version or "")
    return f"{int(match.group()) + 1}.0" if match else "2.0"


def new_toolkit(*, title, summary, body, user):
    """An unpublished toolkit, version 1.0, in the catalog. Not validated now: care settings,
    recommendation and rationale are for staff to fill in, and Wagtail checks everything when
    the toolkit is published."""
    catalog = ToolkitIndexPage.objects.order_by("path").first()
    if catalog is None:
        raise ToolkitUnavailable(_("There is no toolkit catalog to add a toolkit to."))
    toolkit = ToolkitPage(
        title=title,
        slug=find_available_slug(catalog, slugify(title) or "toolkit"),
        summary=(summary or title)[:600],
        body=body,
        version="1.0",
        release_date=timezone.localdate(),
        owner=user,
        content_owner=user,
        live=False,
    )
    catalog.add_child(instance=toolkit)
    toolkit.save_revision(user=user, clean=False, log_action="wagtail.create")
    return toolkit


def new_version(toolkit, *, summary, body, user, change_note):
    """A new unpublished revision of ``toolkit`` with the next major version, built on its latest
    revision so that staff's unpublished edits are kept."""
    toolkit = toolkit.specific
    if toolkit.locked and toolkit.locked_by_id != user.pk:
        locked_by = toolkit.locked_by
        name = (locked_by.get_full_name() or locked_by.get_username()) if locked_by else ""
        raise ToolkitUnavailable(
            _("“%(title)s” is locked by %(name)s. Ask them to unlock it first.")
            % {"title": toolkit.title, "name": name}
        )
    latest = toolkit.get_latest_revision_as_object()
    latest.body = body
    if summary:
        latest.summary = summary[:600]
    latest.version = next_version(latest.version)
    latest.release_date = timezone.localdate()
    latest.change_log = format_html("<p>{}</p>", change_note)
    latest.save_revision(user=user, clean=False, log_action=True)
    return latest
