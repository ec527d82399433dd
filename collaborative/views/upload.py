"""A site's data manager uploads many months of figures at once: the form (with the columns
explained and a template CSV of the site's measures), a preview of what would change, then
confirm or cancel. Only access.can_enter: coaches and site teams read, they do not upload.

Between preview and confirmation the file waits in the default storage, under
collaborative-uploads/<user id>/<token>, named only in the uploader's session: another user (or
another session) cannot confirm it. Confirming re-reads it, checks it is the file previewed,
plans again against the data as they are now and applies that plan only if it is the one the
preview showed; otherwise the new preview is shown to be confirmed again.
"""

import csv
import io
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from portal import pending_uploads
from portal.exports import safe_row

from .. import access, periods, submissions, uploads
from ..importing import (
    COLUMNS_OF_KIND,
    PlanOutdated,
    apply_import,
    figure_text,
    month_label,
    plan_import,
)
from ..models import Measure
from .site import site_context, site_view

SESSION_KEY = "collaborative_uploads"
UPLOAD_DIR = "collaborative-uploads"
UPLOAD_TTL = timedelta(hours=12)
MAX_PENDING = 3  # uploads a session may have waiting at once
FORM_OVERHEAD_BYTES = 64 * 1024  # the multipart framing around the file
SHOWN = 100  # figures of each list the preview shows


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File of figures (CSV or Excel .xlsx)"),
        help_text=gettext_lazy(
            "Nothing is stored until you have checked the preview and confirmed it."
        ),
        error_messages={
            "required": gettext_lazy("Choose a CSV or Excel file to upload."),
            "empty": gettext_lazy(
                "The file is empty. Choose a file with a header row and figures."
            ),
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > uploads.WEB_LIMITS.max_bytes:
            raise forms.ValidationError(
                uploads.too_large_message(file.size, uploads.WEB_LIMITS.max_bytes)
            )
        return file


class PendingForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{43}$", widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("cancel", "cancel")])


@dataclass
class Pending:
    """An upload whose preview its uploader is looking at."""

    token: str
    user_id: int
    site_id: int
    filename: str
    checksum: str
    fingerprint: str
    uploaded_at: str  # ISO date and time

    @property
    def name(self):
        return f"{UPLOAD_DIR}/{self.user_id}/{self.token}"

    @property
    def expired(self):
        return datetime.fromisoformat(self.uploaded_at) < timezone.now() - UPLOAD_TTL

    def read(self):
        return pending_uploads.read(self.name)

    def delete(self):
        default_storage.delete(self.name)


def _pending_uploads(request):
    """The session's waiting uploads that have not expired (expired ones are deleted)."""
    kept = {}
    for token, details in request.session.get(SESSION_KEY, {}).items():
        pending = Pending(**details)
        if pending.expired or pending.user_id != request.user.pk:
            pending.delete()
        else:
            kept[token] = pending
    return kept


def _save_pending(request, kept):
    request.session[SESSION_KEY] = {token: asdict(p) for token, p in kept.items()}


def keep_upload(request, site, filename, data, plan):
    kept = _pending_uploads(request)
    while len(kept) >= MAX_PENDING:
        oldest = min(kept.values(), key=lambda p: p.uploaded_at)
        oldest.delete()
        del kept[oldest.token]
    pending = Pending(
        token=pending_uploads.new_token(),
        user_id=request.user.pk,
        site_id=site.pk,
        filename=filename,
        checksum=plan.checksum,
        fingerprint=plan.fingerprint(),
        uploaded_at=timezone.now().isoformat(),
    )
    pending_uploads.store(pending.name, data)
    kept[pending.token] = pending
    _save_pending(request, kept)
    return pending


def forget_upload(request, pending):
    pending.delete()
    kept = _pending_uploads(request)
    kept.pop(pending.token, None)
    _save_pending(request, kept)


def discard_expired_uploads():
    pending_uploads.discard_expired(UPLOAD_DIR, UPLOAD_TTL)


def site_for_entry(request, code):
    """The site, if the user is its data manager: 404 for a site they may not see, else 403."""
    site = access.get_site(request.user, code)
    access.require(
        access.can_enter(request.user, site),
        _("Only the site's data manager uploads its figures."),
    )
    return site


def measure_guide(site):
    """What the site reports, measure by measure, for the upload page."""
    guide = []
    for measure in Measure.objects.filter(is_active=True).prefetch_related(
        "stratifications__strata"
    ):
        strata = []
        if measure.kind != Measure.Kind.TEXT:  # a text is one answer for the month
            strata = [s.code for sf in measure.stratifications.all() for s in sf.strata.all()]
        guide.append(
            {
                "measure": measure,
                "columns": ", ".join(COLUMNS_OF_KIND[measure.kind]),
                "categories": [code for code, _label in measure.category_choices],
                "strata": strata,
            }
        )
    return guide


def render_form(request, site, form, *, refusal=None, status=200):
    context = site_context(
        request,
        site,
        "upload",
        form=form,
        refusal=refusal,
        guide=measure_guide(site),
        template_url=reverse("collaborative:site_upload_template", args=[site.code]),
    )
    return TemplateResponse(request, "collaborative/upload.html", context, status=status)


def _shown(figure, *, before=False):
    measure = figure.measure
    if before:
        _pk, numerator, denominator, count, text = figure.current
    else:
        numerator, denominator, count, text = figure.values
    return figure_text(measure.kind, numerator, denominator, count, text)


def _rows(figures, *, changed=False):
    return [
        {
            "line": f.row.line,
            "month": month_label(f.period),
            "measure": f.measure,
            "stratum": f.stratum.label if f.stratum else _("All patients"),
            "category": f.category,
            "before": _shown(f, before=True) if changed else "",
            "after": _shown(f),
            "unusual": f.unusual,
        }
        for f in figures[:SHOWN]
    ]


def render_preview(request, site, plan, *, pending=None, notice=None):
    context = site_context(
        request,
        site,
        "upload",
        plan=plan,
        notice=notice,
        is_spreadsheet=plan.format == uploads.XLSX,
        changed_rows=_rows(plan.changed, changed=True),
        new_rows=_rows(plan.new),
        shown=SHOWN,
        drafts=[period for _site, period in plan.drafts],
        pending=pending,
        form=UploadForm(),
    )
    return TemplateResponse(request, "collaborative/upload_preview.html", context)


@csrf_exempt  # checked in _upload, once the size is known
@site_view
def upload(request, code):
    site = site_for_entry(request, code)
    if request.method == "POST":
        # Refuse an oversized upload before anything reads the body (CsrfViewMiddleware
        # would read all of it to find its token).
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = uploads.WEB_LIMITS.max_bytes
        if declared > limit + FORM_OVERHEAD_BYTES:
            refusal = uploads.too_large_message(declared, limit)
            return render_form(request, site, UploadForm(), refusal=refusal, status=413)
        return csrf_protect(_upload)(request, site)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "POST"])
    return render_form(request, site, UploadForm())


def _upload(request, site):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_form(request, site, form)
    file = form.cleaned_data["file"]
    data = file.read()
    filename = os.path.basename(file.name)
    plan = _plan(data, filename, site)
    pending = None
    if plan.ok and plan.has_changes:
        discard_expired_uploads()
        pending = keep_upload(request, site, filename, data, plan)
    return render_preview(request, site, plan, pending=pending)


@site_view
def confirm(request, code):
    site = site_for_entry(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PendingForm(request.POST)
    pending = None
    if form.is_valid():
        pending = _pending_uploads(request).get(form.cleaned_data["token"])
    if pending is None or pending.site_id != site.pk:
        messages.error(
            request,
            _(
                "That upload is no longer waiting: it was imported or canceled already, or it "
                "expired. Nothing was imported. Upload the file again."
            ),
        )
        return redirect("collaborative:site_upload", code=site.code)
    if form.cleaned_data["action"] == "cancel":
        forget_upload(request, pending)
        messages.info(request, _("Upload canceled: nothing was imported."))
        return redirect("collaborative:site_upload", code=site.code)
    return _confirm(request, site, pending)


def _confirm(request, site, pending):
    data = pending.read()
    plan = _plan(data, pending.filename, site) if data is not None else None
    if plan is None or plan.checksum != pending.checksum:
        forget_upload(request, pending)
        messages.error(request, _("The stored file could not be read. Upload it again."))
        return redirect("collaborative:site_upload", code=site.code)
    if not plan.ok:
        forget_upload(request, pending)
        notice = _(
            "The site's data changed since your preview and the file can no longer be imported. "
            "Nothing was imported."
        )
        return render_preview(request, site, plan, notice=notice)
    if plan.fingerprint() != pending.fingerprint:
        return _preview_again(request, site, pending, plan)
    try:
        apply_import(plan, user=request.user)
    except (PlanOutdated, IntegrityError):
        plan = _plan(data, pending.filename, site)
        return _preview_again(request, site, pending, plan)
    forget_upload(request, pending)
    messages.success(request, imported_message(plan))
    return redirect("collaborative:site_home", site.code)


def _plan(data, filename, site):
    return plan_import(data, filename, site=site, limits=uploads.WEB_LIMITS)


def _preview_again(request, site, pending, plan):
    """The data changed meanwhile: show what the file would do now, to be confirmed again."""
    if not plan.ok or not plan.has_changes:
        forget_upload(request, pending)
        pending = None
    else:
        kept = _pending_uploads(request)
        pending.fingerprint = plan.fingerprint()
        kept[pending.token] = pending
        _save_pending(request, kept)
    notice = _(
        "The site's data changed since your preview. Nothing was imported: check what the file "
        "would do now."
    )
    return render_preview(request, site, plan, pending=pending, notice=notice)


def imported_message(plan):
    message = _(
        "Imported %(filename)s: %(new)s new figures, %(changed)s changed, %(unchanged)s unchanged."
    ) % {
        "filename": plan.filename,
        "new": len(plan.new),
        "changed": len(plan.changed),
        "unchanged": plan.unchanged,
    }
    if plan.drafts:
        message += " " + _(
            "%(months)s months were started as drafts: submit each one from its month's page."
        ) % {"months": len(plan.drafts)}
    return message


@site_view
def template_csv(request, code):
    """A CSV of the rows the site reports for its latest month, figures left empty."""
    site = site_for_entry(request, code)
    reportable = periods.reportable(site.joined_on, site.left_on, submissions.today())
    period = reportable[-1] if reportable else periods.month_of(site.joined_on)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(uploads.COLUMNS)
    for entry in measure_guide(site):
        measure = entry["measure"]
        for stratum in ["", *entry["strata"]]:
            for category in entry["categories"] or [""]:
                cells = [site.code, measure.code, f"{period:%Y-%m}", "", "", "", category]
                writer.writerow(safe_row([*cells, stratum, ""]))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{site.code}-figures.csv"'
    return response
