"""The link in the feedback e-mail, outside the language prefixes: e-mailed links must keep
working whatever the reader's language."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:token>/", views.feedback, name="excellence_feedback"),
]
