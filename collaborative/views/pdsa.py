"""A site's PDSA log: its tests of change (plan, do, study, act; dates; the measures each
should move), newest first. The site's people record and edit them
(access.can_record_pdsa); coaches read them. Each appears on the site's charts at its date."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import access
from ..forms import PDSAForm
from ..models import PDSACycle
from .site import site_context, site_view

PER_PAGE = 25


def _cycle_of(site, cycle_id):
    """One of this site's cycles; another site's id is 404 (it tells nothing)."""
    return get_object_or_404(PDSACycle.objects.prefetch_related("measures"), pk=cycle_id, site=site)


@site_view
def pdsa_list(request, code):
    site = access.get_site(request.user, code)
    cycles = PDSACycle.objects.filter(site=site).prefetch_related("measures")
    page = Paginator(cycles, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "collaborative/pdsa_list.html", site_context(request, site, "pdsa", cycles=page)
    )


@site_view
def pdsa_detail(request, code, cycle_id):
    site = access.get_site(request.user, code)
    cycle = _cycle_of(site, cycle_id)
    return TemplateResponse(
        request, "collaborative/pdsa_detail.html", site_context(request, site, "pdsa", cycle=cycle)
    )


def _edit(request, site, cycle):
    access.require(access.can_record_pdsa(request.user, site))
    if request.method == "POST":
        form = PDSAForm(request.POST, instance=cycle)
        if form.is_valid():
            with transaction.atomic():
                cycle = form.save(commit=False)
                cycle.site = site
                if cycle.pk is None:
                    cycle.created_by = request.user
                cycle.save()
                form.save_m2m()
            messages.success(request, _("The test of change is saved."))
            return redirect("collaborative:site_pdsa_detail", site.code, cycle.pk)
    elif request.method in ("GET", "HEAD"):
        form = PDSAForm(instance=cycle)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return TemplateResponse(
        request,
        "collaborative/pdsa_form.html",
        site_context(request, site, "pdsa", form=form, cycle=cycle if cycle.pk else None),
    )


@site_view
def pdsa_add(request, code):
    site = access.get_site(request.user, code)
    return _edit(request, site, PDSACycle(site=site))


@site_view
def pdsa_edit(request, code, cycle_id):
    site = access.get_site(request.user, code)
    return _edit(request, site, _cycle_of(site, cycle_id))
