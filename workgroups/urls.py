"""Work-group URLs outside the group spaces: the invitation link e-mailed to invitees.

Included from portal/urls.py under "work-group-invitations/", a prefix no page slug takes.
"""

from django.urls import path

from .invitations import ACCEPT_URL_NAME
from .views import members

urlpatterns = [
    path("<str:token>/", members.invitation, name=ACCEPT_URL_NAME),
]
