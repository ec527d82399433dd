"""The coaches' pages: the sites that have not submitted the latest month due with the index of
the measures, and each measure's page: the collaborative's chart and the sites' small
multiples, named, a page of them at a time. Consortium staff only
(collaborative.access.is_coach); never cached."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.page_cache import mark_private

from .. import access, charts


def coach_view(view):
    """Anonymous visitors log in first; other people are refused (403)."""

    @functools.wraps(view)
    def checked(request, *args, **kwargs):
        access.require(
            access.is_coach(request.user), _("Only the collaborative's coaches may see this.")
        )
        return view(request, *args, **kwargs)

    protected = login_required(checked)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_private(protected(request, *args, **kwargs))

    return wrapped


@coach_view
def coach_home(request):
    overview = charts.coach_overview(request.user, timezone.localdate())
    context = {"overview": overview, "is_coach": True}
    return TemplateResponse(request, "collaborative/coach_home.html", context)


@coach_view
def coach_measure(request, measure_code):
    measure = charts.measures().filter(code=measure_code).first()
    if measure is None:
        raise Http404("No measure with this code")
    context = {
        "panel": charts.coach_measure(measure, request.user, request.GET.get("page")),
        "measure": measure,
        "is_coach": True,
    }
    return TemplateResponse(request, "collaborative/coach_measure.html", context)
