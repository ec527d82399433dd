"""Toolkits' side of the announcements contract (portal.announcements): every published
version of a live toolkit is news, the first as a new toolkit and each later one as an update.
A members-only toolkit's versions are announced to members only (`public=False`); a toolkit
closed more tightly than that is not announced at all."""

from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.announcements import TOOLKIT, Announcement, PageAudiences

from .models import ToolkitVersion

SUMMARY_WORDS = 60


def announcements(since):
    versions = ToolkitVersion.objects.filter(page__live=True).select_related("page", "page__locale")
    if since is not None:
        versions = versions.filter(published_at__gt=since)
    firsts = first_versions({version.page_id for version in versions})
    audiences = PageAudiences()
    for version in versions.order_by("published_at", "pk"):
        page = version.page
        audience = audiences.of(page)
        url = page.get_full_url()
        if audience is None or not url:
            continue
        language = page.locale.language_code
        with translation.override(language):
            if firsts.get(page.pk) == version.pk:
                title = _("New toolkit: %(title)s") % {"title": page.title}
                summary = page.summary
            else:
                title = _("%(title)s: version %(version)s") % {
                    "title": page.title,
                    "version": version.version,
                }
                summary = version.change_log_text or page.summary
        yield Announcement(
            key=f"toolkits.toolkitversion:{version.pk}",
            title=title,
            url=url,
            date=version.published_at,
            summary=Truncator(summary).words(SUMMARY_WORDS),
            kind=TOOLKIT,
            language=language,
            public=audience,
            translation_key=f"{page.translation_key}:{version.version}",
        )


def first_versions(page_ids):
    """{toolkit page id: the id of its first published version}."""
    first = {}
    rows = ToolkitVersion.objects.filter(page_id__in=page_ids).order_by("published_at", "pk")
    for page_id, version_id in rows.values_list("page_id", "pk"):
        first.setdefault(page_id, version_id)
    return first
