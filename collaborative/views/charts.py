"""A site's charts: every measure summarized, one measure's page (its chart beside the
collaborative's, the comparison with the other sites, the data tables, the definition history
and the tests of change) and that page's figures as CSV. What each viewer sees is decided by
collaborative.charts, which asks collaborative.access."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import access, chart_csv, charts
from .site import site_context, site_view


def _measure(code):
    measure = charts.measures().filter(code=code).first()
    if measure is None:
        raise Http404("No measure with this code")
    return measure


def _crumbs(request, site, *, charts_page=False):
    crumbs = [
        {
            "title": access.site_label(request.user, site),
            "url": reverse("collaborative:site_home", args=[site.code]),
        }
    ]
    if charts_page:
        url = reverse("collaborative:site_charts", args=[site.code])
        crumbs.append({"title": _("Charts"), "url": url})
    return crumbs


@site_view
def site_charts(request, code):
    site = access.get_site(request.user, code)
    context = site_context(
        request,
        site,
        "charts",
        figures=charts.site_charts(site, request.user),
        crumbs=_crumbs(request, site),
    )
    return TemplateResponse(request, "collaborative/charts_site.html", context)


@site_view
def site_measure_chart(request, code, measure_code):
    site = access.get_site(request.user, code)
    figure = charts.site_chart(site, _measure(measure_code), request.user)
    context = site_context(
        request,
        site,
        "charts",
        figure=figure,
        privacy_note=charts.privacy_note(),
        crumbs=_crumbs(request, site, charts_page=True),
    )
    return TemplateResponse(request, "collaborative/chart_measure.html", context)


@site_view
def site_measure_csv(request, code, measure_code):
    site = access.get_site(request.user, code)
    measure = _measure(measure_code)
    figure = charts.site_chart(site, measure, request.user)
    response = HttpResponse(chart_csv.site_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{site.code}-{measure.code}.csv"'
    return response
