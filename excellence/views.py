"""The report form (member organizations' staff) and the page the feedback e-mail links to
(the people recognized, by its signed link)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.access import member_organization
from portal.page_cache import never_shared

from . import access
from .feedback import record_recognized_consent
from .forms import ExcellenceReportForm
from .reports import submit_report


@login_required
def report(request):
    access.require_reporter(request.user)
    organization = member_organization(request.user)
    if request.method == "POST":
        form = ExcellenceReportForm(request.POST, reporter_organization=organization)
        if form.is_valid():
            submit_report(request.user, form)
            return redirect("excellence:thanks")
    else:
        form = ExcellenceReportForm(reporter_organization=organization)
    return TemplateResponse(request, "excellence/report_form.html", {"form": form})


@login_required
def thanks(request):
    access.require_reporter(request.user)
    return TemplateResponse(request, "excellence/report_thanks.html", {})


@never_shared
def feedback(request, token):
    """The report as the people it names read it; they say here whether a story may name
    them. Unknown, altered or unapproved: 404, telling nothing."""
    found = access.report_for_feedback_token(token)
    if found is None:
        raise Http404
    if request.method == "POST":
        choice = request.POST.get("may_be_named")
        if choice not in ("yes", "no"):
            messages.error(request, _("Choose whether a story may name you."))
        else:
            record_recognized_consent(found, choice == "yes")
            messages.success(request, _("Thank you: your choice is saved."))
            return redirect(request.path)
    return TemplateResponse(
        request,
        "excellence/feedback.html",
        {"report": found, "reporter": found.reporter_display},
    )
