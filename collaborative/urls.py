"""The collaborative's own pages, below /collaborative/ (each language's prefix too). The
public results page at /collaborative/ itself is a Wagtail page (CollaborativePage): these
patterns take only the paths below it that they name, and Wagtail serves the rest.

Every view asks collaborative.access; anonymous visitors are sent to log in.
"""

from django.urls import path

from .views import charts as chart_views
from .views import coach as coach_views
from .views import months, pdsa, site
from .views import reports as report_views
from .views import upload as upload_views

app_name = "collaborative"

urlpatterns: list = [
    # Charts (views.charts) and the coaches' pages (views.coach).
    path("sites/<str:code>/charts/", chart_views.site_charts, name="site_charts"),
    path(
        "sites/<str:code>/charts/<str:measure_code>/",
        chart_views.site_measure_chart,
        name="site_measure_chart",
    ),
    path(
        "sites/<str:code>/charts/<str:measure_code>/csv/",
        chart_views.site_measure_csv,
        name="site_measure_csv",
    ),
    path("coach/", coach_views.coach_home, name="coach_home"),
    path("coach/measures/<str:measure_code>/", coach_views.coach_measure, name="coach_measure"),
    # A site's own pages (views.site, views.months, views.pdsa).
    path("my-site/", site.my_site, name="my_site"),
    path("sites/", site.site_list, name="site_list"),
    path("sites/<str:code>/", site.site_home, name="site_home"),
    path("sites/<str:code>/months/<str:month>/", months.month, name="site_month"),
    path(
        "sites/<str:code>/months/<str:month>/reopen/",
        months.reopen_month,
        name="site_month_reopen",
    ),
    path(
        "sites/<str:code>/months/<str:month>/comments/",
        months.comment_on_month,
        name="site_month_comment",
    ),
    # Uploading many months at once (views.upload).
    path("sites/<str:code>/upload/", upload_views.upload, name="site_upload"),
    path("sites/<str:code>/upload/confirm/", upload_views.confirm, name="site_upload_confirm"),
    path(
        "sites/<str:code>/upload/template.csv",
        upload_views.template_csv,
        name="site_upload_template",
    ),
    # Monthly reports as they were sent (views.reports).
    path("sites/<str:code>/reports/", report_views.site_reports, name="site_reports"),
    path("sites/<str:code>/reports/<str:month>/", report_views.site_report, name="site_report"),
    path("reports/", report_views.collaborative_reports, name="reports"),
    path("reports/<str:month>/", report_views.collaborative_report, name="report"),
    path("sites/<str:code>/pdsa/", pdsa.pdsa_list, name="site_pdsa"),
    path("sites/<str:code>/pdsa/new/", pdsa.pdsa_add, name="site_pdsa_add"),
    path("sites/<str:code>/pdsa/<int:cycle_id>/", pdsa.pdsa_detail, name="site_pdsa_detail"),
    path("sites/<str:code>/pdsa/<int:cycle_id>/edit/", pdsa.pdsa_edit, name="site_pdsa_edit"),
]
