"""Asking to join a work group, outside its (private) space. Included from portal/urls.py
under "work-group-requests/", a prefix no page slug takes."""

from django.urls import path

from .views import join_requests

urlpatterns = [
    path("<slug:slug>/", join_requests.ask, name=join_requests.ASK_URL_NAME),
]
