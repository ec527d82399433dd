"""Import a data release in the admin: upload, preview, then confirm (or cancel).

The upload is planned with :func:`importing.plan_import` and shown as a preview; nothing is
imported yet. A file that can be imported is kept in the default storage, under
``trend-imports/<user id>/<token>.csv`` with its details beside it in ``<token>.json``, until
the user who uploaded it confirms or cancels (or it expires). Confirming re-reads the file,
checks it is the one previewed, plans again against the database as it is now, and applies
that plan in one transaction.
"""

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from portal import pending_uploads
from portal.views import Forbidden403Mixin

from .forms import ImportReleaseForm, PendingImportForm, dialect_label, too_large_message
from .importing import apply_import, plan_import
from .indicators import KNOWN_INDICATORS
from .models import DataRelease, Indicator

UPLOAD_DIR = "trend-imports"
#: An upload not confirmed or canceled within this time is discarded.
UPLOAD_TTL = timedelta(hours=24)
#: Room for the form's other fields and the multipart framing around the file.
FORM_OVERHEAD_BYTES = 64 * 1024
SAMPLE_SIZE = 20
MAX_ERRORS_SHOWN = 50

RELEASES_URL_NAME = "trends_releases:index"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@dataclass
class PendingUpload:
    """An uploaded file whose preview a user is looking at, kept until confirmed or canceled."""

    token: str
    user_id: int
    filename: str
    dialect: str | None
    source: str
    released_on: str | None  # ISO date
    checksum: str
    counts: list  # new, revised and unchanged observations, as last previewed
    uploaded_at: str  # ISO date and time

    @staticmethod
    def directory(user_id):
        return f"{UPLOAD_DIR}/{user_id}"

    @property
    def data_name(self):
        return f"{self.directory(self.user_id)}/{self.token}.csv"

    @property
    def meta_name(self):
        return f"{self.directory(self.user_id)}/{self.token}.json"

    @property
    def release_date(self):
        return date.fromisoformat(self.released_on) if self.released_on else None

    @property
    def expired(self):
        return datetime.fromisoformat(self.uploaded_at) < timezone.now() - UPLOAD_TTL

    @classmethod
    def create(cls, user, data, plan, *, dialect, source, released_on):
        upload = cls(
            token=pending_uploads.new_token(),
            user_id=user.pk,
            filename=plan.filename,
            dialect=dialect,
            source=source,
            released_on=released_on.isoformat() if released_on else None,
            checksum=sha256(data),
            counts=plan_counts(plan),
            uploaded_at=timezone.now().isoformat(),
        )
        pending_uploads.store(upload.data_name, data)
        upload.save_details()
        return upload

    @classmethod
    def load(cls, user, token):
        """The user's upload with this token, or None if there is none (or it expired)."""
        name = f"{cls.directory(user.pk)}/{token}.json"
        try:
            if not default_storage.exists(name):
                return None
            with default_storage.open(name, "rb") as file:
                upload = cls(**json.loads(file.read()))
        except (OSError, ValueError, TypeError):
            return None
        if upload.user_id != user.pk or upload.token != token:
            return None
        if upload.expired:
            upload.delete()
            return None
        return upload

    def read(self):
        return pending_uploads.read(self.data_name)

    def save_details(self):
        default_storage.delete(self.meta_name)
        default_storage.save(self.meta_name, ContentFile(json.dumps(asdict(self)).encode()))

    def delete(self):
        for name in (self.data_name, self.meta_name):
            default_storage.delete(name)


def discard_expired_uploads():
    """Delete uploads that nobody confirmed or canceled in time (anyone's: they are stale)."""
    pending_uploads.discard_expired(UPLOAD_DIR, UPLOAD_TTL)


def plan_counts(plan):
    return [len(plan.new), len(plan.revised), plan.unchanged]


def plain_number(number):
    """A stored Decimal without its trailing zeros: 58.0000 → "58"."""
    return None if number is None else format(number.normalize(), "f")


def observation_values(values):
    """What the preview shows of one observation's values (a dict or an Observation)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return {
        "value": plain_number(get("value")),
        "numerator": get("numerator"),
        "denominator": get("denominator"),
        "suppressed": get("suppressed"),
        "footnotes": ", ".join(get("footnotes") or ()),
    }


def indicator_names():
    names = {code: details["name"] for code, details in KNOWN_INDICATORS.items()}
    names.update(Indicator.objects.values_list("code", "name"))
    return names


def sample_row(row, names):
    return {
        "indicator": row.indicator,
        "indicator_name": names.get(row.indicator, ""),
        "geography": row.geography,
        "stratum": row.stratum,
        "period_start": row.period_start,
        "period_end": row.period_end,
    }


class ForbiddenIs403Mixin(Forbidden403Mixin):
    permission_denied_reason = gettext_lazy(
        "Seeing data releases needs the permission “Can view data release” or “Can import "
        "a data release”."
    )


class ImportViewMixin(ForbiddenIs403Mixin, PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """Only users who may import data releases (trends.import_release, or superusers)."""

    model = DataRelease
    permission_required = "import"
    permission_denied_reason = gettext_lazy(
        "Importing data releases needs the permission “Can import a data release”."
    )
    header_icon = "upload"
    page_title = gettext_lazy("Import a data release")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(RELEASES_URL_NAME), "label": _("Data releases")},
            {"url": "", "label": self.get_page_title()},
        ]

    def render_form(self, form, *, refusal=None, status=200):
        context = self.get_context_data(
            form=form,
            refusal=refusal,
            media=form.media,
            action_url=reverse("trends_import"),
            submit_button_label=_("Preview the import"),
            submit_button_active_label=_("Reading the file…"),
        )
        return TemplateResponse(
            self.request, "trends/admin/import_form.html", context, status=status
        )

    def render_preview(self, plan, *, checksum, upload=None, notice=None):
        names = indicator_names()
        previous = (
            DataRelease.objects.filter(checksum=checksum).select_related("imported_by").first()
            if plan.already_imported
            else None
        )
        context = self.get_context_data(
            plan=plan,
            notice=notice,
            dialect_label=dialect_label(plan.dialect),
            released_on=plan.released_on,
            previous_release=previous,
            errors=plan.errors[:MAX_ERRORS_SHOWN],
            more_errors=max(0, len(plan.errors) - MAX_ERRORS_SHOWN),
            new_count=len(plan.new),
            revised_count=len(plan.revised),
            new_sample=[
                {**sample_row(row, names), "after": observation_values(values)}
                for row, values in plan.new[:SAMPLE_SIZE]
            ],
            revised_sample=[
                {
                    **sample_row(row, names),
                    "before": observation_values(existing),
                    "after": observation_values(values),
                }
                for existing, row, values in plan.revised[:SAMPLE_SIZE]
            ],
            sample_size=SAMPLE_SIZE,
            token_form=(
                PendingImportForm(initial={"token": upload.token}, auto_id=False)
                if upload
                else None
            ),
        )
        return TemplateResponse(self.request, "trends/admin/import_preview.html", context)


@method_decorator(csrf_exempt, name="dispatch")  # checked in post(), once the size is known
class ImportReleaseView(ImportViewMixin, View):
    """The upload form; a valid upload is answered with its preview."""

    def get_form(self, **kwargs):
        return ImportReleaseForm(max_bytes=settings.TRENDS_MAX_UPLOAD_BYTES, **kwargs)

    def get(self, request):
        return self.render_form(self.get_form())

    def post(self, request):
        # Refuse an oversized upload before anything reads the body. CsrfViewMiddleware would
        # read (and spool to disk) all of it to find the token, so this view is exempt from it
        # and checks the token itself, after this.
        limit = settings.TRENDS_MAX_UPLOAD_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + FORM_OVERHEAD_BYTES:
            return self.render_form(self.get_form(), refusal=too_large_message(limit), status=413)
        return csrf_protect(self.upload)(request)

    def upload(self, request):
        form = self.get_form(data=request.POST, files=request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        options = {
            "dialect": form.cleaned_data["dialect"],
            "source": form.cleaned_data["source"],
            "released_on": form.cleaned_data["released_on"],
        }
        file = form.cleaned_data["file"]
        data = file.read()
        plan = plan_import(data, os.path.basename(file.name), **options)
        upload = None
        if plan.ok and not plan.already_imported:
            discard_expired_uploads()
            upload = PendingUpload.create(request.user, data, plan, **options)
        return self.render_preview(plan, checksum=sha256(data), upload=upload)


class PendingUploadMixin(ImportViewMixin):
    http_method_names = ["post"]

    def get_upload(self):
        form = PendingImportForm(self.request.POST)
        if not form.is_valid():
            return None
        return PendingUpload.load(self.request.user, form.cleaned_data["token"])

    def stale(self):
        messages.error(
            self.request,
            _(
                "That upload is no longer waiting to be imported: it was imported or canceled "
                "already, it expired, or it was never yours. Nothing was imported. Upload the "
                "file again to import it."
            ),
        )
        return redirect("trends_import")


class ConfirmImportView(PendingUploadMixin, View):
    def post(self, request):
        upload = self.get_upload()
        data = upload.read() if upload else None
        if data is None:
            return self.stale()
        if sha256(data) != upload.checksum:
            upload.delete()
            messages.error(
                request,
                _(
                    "The stored file is not the one you previewed, so nothing was imported. "
                    "Upload the file again."
                ),
            )
            return redirect("trends_import")

        # The database may have changed since the preview: plan again.
        plan = plan_import(
            data,
            upload.filename,
            dialect=upload.dialect,
            source=upload.source,
            released_on=upload.release_date,
        )
        if plan.already_imported:
            upload.delete()
            messages.warning(
                request,
                _("%(filename)s was imported by someone else meanwhile; nothing changed.")
                % {"filename": upload.filename},
            )
            return redirect(RELEASES_URL_NAME)
        if not plan.ok:
            upload.delete()
            return self.render_preview(
                plan,
                checksum=upload.checksum,
                notice=_(
                    "The portal's data changed since your preview and the file can no longer "
                    "be imported. Nothing was imported."
                ),
            )
        if plan.checksum != upload.checksum:
            upload.delete()
            return self.stale()
        if plan_counts(plan) != upload.counts:
            upload.counts = plan_counts(plan)
            upload.save_details()
            return self.render_preview(
                plan,
                checksum=upload.checksum,
                upload=upload,
                notice=_(
                    "The portal's data changed since your preview. Check what importing the "
                    "file would do now, then confirm again."
                ),
            )

        try:
            apply_import(plan, user=request.user)
        except IntegrityError:
            upload.delete()
            messages.warning(
                request,
                _("%(filename)s was imported by someone else at the same time; nothing changed.")
                % {"filename": upload.filename},
            )
            return redirect(RELEASES_URL_NAME)
        upload.delete()
        new, revised, unchanged = plan_counts(plan)
        messages.success(
            request,
            _("Imported %(filename)s: %(new)d new, %(revised)d revised, %(unchanged)d unchanged.")
            % {
                "filename": upload.filename,
                "new": new,
                "revised": revised,
                "unchanged": unchanged,
            },
            buttons=[
                messages.button(
                    reverse("trends_releases:inspect", args=[plan.release.pk]), _("Details")
                )
            ],
        )
        return redirect(RELEASES_URL_NAME)


class CancelImportView(PendingUploadMixin, View):
    def post(self, request):
        upload = self.get_upload()
        if upload is None:
            messages.warning(
                request,
                _("There was no upload to cancel: it was imported, canceled or expired already."),
            )
        else:
            upload.delete()
            messages.success(
                request,
                _("Import canceled: %(filename)s was not imported and the upload was deleted.")
                % {"filename": upload.filename},
            )
        return redirect(RELEASES_URL_NAME)
