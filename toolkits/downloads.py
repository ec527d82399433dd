"""Downloads of toolkit files: who may, what is recorded, and "Download all" as a streamed ZIP.

Single files are served by Wagtail's document view only: its `before_serve_document` hooks
decide access (portal.access answers 403 to a logged-in non-member, Wagtail sends an anonymous
visitor to log in), and `document_served` records the download here. The ZIP holds exactly
the files the same checks let the requester have, and lists the others in its manifest.
"""

import datetime
import hashlib
import logging
import re
from pathlib import PurePosixPath
from typing import NamedTuple

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from stream_zip import ZIP_32, stream_zip

from portal.access import member_organization
from portal.models import ConsortiumSettings

from .models import DownloadEvent, ToolkitVersion

# A user's repeat downloads of the same file within this window count once.
DEDUPLICATION_WINDOW = datetime.timedelta(minutes=10)
_CHUNK = 64 * 1024


def may_download(document, request):
    """Whether the request passes every view restriction on the document's collection."""
    return all(
        restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )


def file_exists(document):
    return bool(document.file) and document.file.storage.exists(document.file.name)


def published_version_of(document):
    """(toolkit page, version number) of the latest published version holding the file."""
    version = (
        ToolkitVersion.objects.filter(documents=document)
        .select_related("page")
        .order_by("-published_at")
        .first()
    )
    if version is None:
        return None, ""
    return version.page, version.version


def _visitor(request):
    """A one-way hash of an anonymous visitor's session key, or "" without a session."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if not key:
        return ""
    return hashlib.sha256(f"download:{key}".encode()).hexdigest()


def record_download(request, document, *, toolkit=None, version="", via=DownloadEvent.Via.FILE):
    """Record one download, unless the same user (or session) had the file in the last 10
    minutes. Returns the new event, or None when it was a repeat. (Downloading never subscribes
    anyone: toolkits.updates offers it.)"""
    if toolkit is None:
        toolkit, version = published_version_of(document)
    user = request.user if request.user.is_authenticated else None
    visitor = "" if user else _visitor(request)
    with transaction.atomic():
        if user or visitor:
            recent = DownloadEvent.objects.filter(
                document=document, downloaded_at__gte=timezone.now() - DEDUPLICATION_WINDOW
            )
            recent = recent.filter(user=user) if user else recent.filter(visitor=visitor)
            if recent.exists():
                return None
        event = DownloadEvent.objects.create(
            document=document,
            document_title=document.title[:255],
            toolkit=toolkit,
            version=version,
            user=user,
            organization=member_organization(user) if user else None,
            visitor=visitor,
            via=via,
        )
    return event


# Download all


class Bundle(NamedTuple):
    included: list  # in the ZIP
    withheld: list  # the requester may not have them
    missing: list  # the requester may, but their file is gone from storage


def bundle_for(page, request):
    """The toolkit's current files, sorted into a Bundle.

    Everything is checked before streaming begins: a ZIP cannot change its status once sent.
    A missing file is logged for staff and named in the manifest for the requester.
    """
    bundle = Bundle([], [], [])
    resources = page.resources.select_related("document", "document__collection")
    for resource in resources:
        document = resource.document
        if not may_download(document, request):
            bundle.withheld.append(document)
        elif not file_exists(document):
            logging.getLogger(__name__).error(
                "Download all: the file of document %s is missing from storage.", document.pk
            )
            bundle.missing.append(document)
        else:
            bundle.included.append(document)
    return bundle


def zip_filename(page):
    version = re.sub(r"[^0-9A-Za-z.]+", "-", page.version).strip("-.") or "1"
    return f"{slugify(page.title)[:80] or 'toolkit'}-v{version}.zip"


def archive_names(documents):
    """A distinct name in the archive for each document (two files may share a name)."""
    names, seen = {}, set()
    for document in documents:
        path = PurePosixPath(document.filename or f"file-{document.pk}")
        name, n = path.name, 1
        while name.lower() in seen:
            n += 1
            name = f"{path.stem}-{n}{path.suffix}"
        seen.add(name.lower())
        names[document.pk] = name
    return names


def manifest(page, request, bundle, names, citation):
    """The plain-text manifest at the root of the ZIP."""
    released = date_format(page.release_date)
    lines = [
        page.title,
        "=" * len(page.title),
        _("Version %(version)s, released %(date)s") % {"version": page.version, "date": released},
        _("License: %(license)s") % {"license": page.license_name},
        _("How to cite: %(citation)s") % {"citation": citation},
        _("Toolkit page: %(url)s") % {"url": page.get_full_url(request)},
        _("Downloaded: %(date)s") % {"date": date_format(timezone.localdate())},
        "",
        _("Files in this archive"),
        "",
    ]
    for document in bundle.included:
        lines.append(f"- {names[document.pk]}")
        lines.append(f"  {document.title}")
        details = [document.format_name, document.size_label, document.get_language_display()]
        if document.page_count:
            details.append(
                ngettext("%(count)s page", "%(count)s pages", document.page_count)
                % {"count": document.page_count}
            )
        lines.append("  " + ", ".join(filter(None, details)))
        if document.checksum:
            lines.append(f"  SHA-256: {document.checksum}")
    if bundle.missing:
        lines += [
            "",
            _(
                "Not included: unavailable at the moment (the file could not be found on the "
                "server; the consortium's staff have been alerted). Try again later from the "
                "toolkit page."
            ),
            "",
        ]
        lines += [f"- {document.title} ({document.format_name})" for document in bundle.missing]
    if bundle.withheld:
        lines += ["", withheld_heading(request), ""]
        lines += [f"- {document.title} ({document.format_name})" for document in bundle.withheld]
    return "\n".join(lines) + "\n"


def withheld_heading(request):
    """Why members' files are left out, and what this requester can do about it."""
    if not request.user.is_authenticated:
        return _(
            "Not included: for staff of member organizations. Log in to download them: %(url)s"
        ) % {"url": request.build_absolute_uri(reverse("account_login"))}

    contact = ConsortiumSettings.for_request(request).contact_email
    heading = _(
        "Not included: for staff of member organizations only, and your account is not "
        "confirmed as one. If you work for a member organization, name it on your profile "
        "page (%(profile)s) and the consortium will confirm it; if your organization is not a "
        "member yet, ask the consortium about joining."
    ) % {"profile": request.build_absolute_uri(reverse("account_profile"))}
    if contact:
        heading += " " + _("Contact: %(email)s") % {"email": contact}
    return heading


def stream_bundle(page, request, bundle, citation):
    """The ZIP's bytes, generated as they are sent: files are read from storage in chunks."""
    names = archive_names(bundle.included)
    now = timezone.now()
    text = manifest(page, request, bundle, names, citation).encode("utf-8")

    def chunks(document):
        with document.file.storage.open(document.file.name, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk

    members = [("MANIFEST.txt", now, 0o644, ZIP_32, (text,))]
    members += [
        (names[document.pk], document.created_at or now, 0o644, ZIP_32, chunks(document))
        for document in bundle.included
    ]
    return stream_zip(members)
