"""The calendar feed's address, outside the language prefixes: calendar apps keep the link."""

from django.urls import path

from .views.calendar import calendar_feed

urlpatterns = [
    path("<str:token>.ics", calendar_feed, name="workgroup_calendar"),
]
