"""The collaborative's public page: the pooled charts of the measures staff publish, never a
site's, with each chart's data table and CSV (`data/<measure code>/csv/` below the page). Like
every public page it is cached for anonymous visitors (portal.page_cache decides)."""

from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from portal.models import ReviewedContentMixin


class CollaborativePage(RoutablePageMixin, ReviewedContentMixin, Page):
    introduction = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("What the collaborative is and what its charts show, in plain words."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        *ReviewedContentMixin.review_panels,
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("collaborative results page")

    def get_context(self, request, *args, **kwargs):
        # collaborative.charts imports these models
        from .. import charts

        context = super().get_context(request, *args, **kwargs)
        published = charts.public_charts()
        context["charts"] = published
        context["simulated"] = any(aggregate.simulated for aggregate in published)
        context["privacy_note"] = charts.privacy_note()
        return context

    @path("data/<str:code>/csv/", name="measure_csv")
    def measure_csv(self, request, code):
        # collaborative.charts imports these models
        from .. import chart_csv, charts

        measure = charts.published_measures().filter(code=code).first()
        if measure is None:
            raise Http404("No published measure with this code")
        aggregate = charts.aggregate_chart(measure)
        response = HttpResponse(
            chart_csv.aggregate_csv(aggregate), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="collaborative-{code}.csv"'
        return response
