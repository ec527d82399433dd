"""The public trend page, with its data downloads and embeddable charts as sub-routes."""

import re

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import ConsortiumSettings, ReviewedContentMixin

from ..blocks import TrendStreamBlock
from ..display import chart_context
from ..exports import metadata, series_csv, series_dict
from ..images import chart_image, svg_to_png
from ..series import load_series
from .data import Indicator, Observation

GEOGRAPHY = re.compile(r"^[A-Z]{2,3}$")
# The licenses a trend page may give its charts and data under: (code, name), with each one's
# deed for the link on every chart.
LICENSES = [
    ("cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")),
    ("cc0-1.0", _("Public domain dedication (CC0 1.0)")),
]
LICENSE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


class TrendPage(RoutablePageMixin, ReviewedContentMixin, Page):
    """Statewide sepsis indicators as SPC charts, with downloads and embeds.

    Data URLs (documented in the README):
    ``data/<code>/csv/`` and ``data/<code>/json/``, and ``embed/<code>/`` for an iframe, each
    with an optional ``?geography=`` (a state code or US; the consortium's state by default).
    Wagtail's page paths are slash-terminated words, hence no ".csv" suffix; the CSV is sent as
    an attachment named ``<code>-<geography>.csv``.
    """

    introduction = models.TextField(_("introduction"), max_length=600)
    body = StreamField(TrendStreamBlock(), verbose_name=_("charts and text"))
    about_the_data = models.TextField(
        _("about the data"),
        blank=True,
        help_text=_("How to read the charts and where the data come from, in plain words."),
    )
    license = models.CharField(
        _("license of the charts"),
        max_length=20,
        choices=LICENSES,
        default="cc-by-4.0",
        help_text=_(
            "On what terms others may reuse the charts, and the data as the page gives them."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("about_the_data"),
        FieldPanel("license"),
        *ReviewedContentMixin.review_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("about_the_data"),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trend page")

    @property
    def license_name(self):
        return dict(LICENSES).get(self.license, self.license)

    @property
    def license_url(self):
        return LICENSE_URLS.get(self.license, "")

    def default_geography(self, request):
        site_settings = ConsortiumSettings.for_request(request) if request else None
        return (site_settings.state_code if site_settings else "").upper() or "US"

    def _requested(self, request, code):
        """The indicator and place a data URL asks for, or 404."""
        indicator = get_object_or_404(Indicator, code=code)
        geography = request.GET.get("geography") or self.default_geography(request)
        if not GEOGRAPHY.match(geography):
            raise Http404("Unknown geography")
        if not Observation.objects.filter(
            indicator=indicator, geography=geography, is_current=True
        ).exists():
            raise Http404("No data for this indicator and place")
        return indicator, geography

    def _license(self):
        return {"name": str(self.license_name), "url": self.license_url}

    @re_path(r"^data/(?P<code>[\w-]+)/csv/$", name="indicator_csv")
    def indicator_csv(self, request, code):
        indicator, geography = self._requested(request, code)
        series = load_series(indicator, geography)
        response = HttpResponse(series_csv(series), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{indicator.code}-{geography}.csv"'
        # The metadata lives beside the table, where a CSV reader will not trip on it.
        metadata_url = request.build_absolute_uri(
            self._data_url(request, "indicator_metadata", indicator, geography)
        )
        response["Link"] = f'<{metadata_url}>; rel="describedby"; type="application/json"'
        return response

    @re_path(r"^data/(?P<code>[\w-]+)/metadata/$", name="indicator_metadata")
    def indicator_metadata(self, request, code):
        indicator, geography = self._requested(request, code)
        series = load_series(indicator, geography, compare=False)
        response = JsonResponse(
            metadata(series, request.build_absolute_uri(), self._license()),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @re_path(r"^data/(?P<code>[\w-]+)/json/$", name="indicator_json")
    def indicator_json(self, request, code):
        indicator, geography = self._requested(request, code)
        series = load_series(indicator, geography)
        data = series_dict(series, source_url=request.build_absolute_uri(), license=self._license())
        response = JsonResponse(data)
        response["Access-Control-Allow-Origin"] = "*"  # public data, for anyone's own charts
        return response

    @re_path(
        r"^chart/(?P<code>[\w-]+)/(?P<which>trend|comparison)/(?P<kind>svg|png)/$",
        name="indicator_image",
    )
    def indicator_image(self, request, code, which, kind):
        indicator, geography = self._requested(request, code)
        context = {"page": self, "request": request, "self": self}
        context.update(chart_context(indicator, geography, page=self, request=request))
        drawing = chart_image(context, which)
        if drawing is None:
            raise Http404("This indicator has no such chart")
        filename = f"{indicator.code}-{geography}-{which}.{kind}"
        if kind == "svg":
            response = HttpResponse(drawing, content_type="image/svg+xml; charset=utf-8")
        else:
            response = HttpResponse(svg_to_png(drawing), content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @re_path(r"^embed/(?P<code>[\w-]+)/$", name="indicator_embed")
    def indicator_embed(self, request, code):
        indicator, geography = self._requested(request, code)
        context = {"page": self, "request": request, "self": self}
        context.update(chart_context(indicator, geography, page=self, request=request))
        return embeddable(TemplateResponse(request, "trends/embed.html", context))

    def _data_url(self, request, route, indicator, geography):
        query = "" if geography == self.default_geography(request) else f"?geography={geography}"
        return self.get_url(request) + self.reverse_subpage(route, args=[indicator.code]) + query


def embeddable(response):
    """Let other sites frame this response, as far as the operator's setting allows, through
    Django's own view decorators (the policy is read from the settings at each request)."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": settings.TRENDS_EMBED_FRAME_ANCESTORS}

    @xframe_options_exempt
    @csp_override(policy)
    def framed(request):
        return response

    return framed(None)
