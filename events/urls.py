"""A person's registrations, and the links of the events' e-mails (a signed token each)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_registrations, name="event_registrations"),
    path("<int:registration_id>/cancel/", views.cancel_mine, name="event_cancel_mine"),
    path("cancel/<str:token>/", views.cancel_link, name="event_cancel_link"),
    path("evaluation/<str:token>/", views.evaluation, name="event_evaluation"),
]
