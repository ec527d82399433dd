"""The report form, in each language (under its prefix)."""

from django.urls import path

from . import views

app_name = "excellence"

urlpatterns = [
    path("new/", views.report, name="report"),
    path("thanks/", views.thanks, name="thanks"),
]
