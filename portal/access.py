"""Access decisions of the site core, made here and nowhere else.

A logged-in user who may not see something gets a 403 page that says why;
an anonymous user is sent to log in and back. Wagtail's own restriction
check redirects everyone to the login page, which loops for a user who is
already logged in, so the hooks below answer 403 first.
"""

import logging

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, CollectionViewRestriction

from .accounts.mfa_session import session_passed_mfa

ADMIN_PERMISSION = "wagtailadmin.access_admin"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

logger = logging.getLogger(__name__)

# Everyone whose membership of an active member organization staff have confirmed. Kept in
# step with profiles (portal.signals), so that Wagtail's own group restrictions on pages and
# collections can open members-only material to them.
MEMBERS_GROUP_NAME = "Member organization staff"


def admin_area(path):
    """'wagtail' or 'django' when the path is inside an admin interface, else None."""
    if path.startswith(reverse("admin:index")):
        return "django"
    if path.startswith(reverse("wagtailadmin_home")):
        return "wagtail"
    return None


def may_use_admin(user, area):
    if not user.is_active:
        return False
    if area == "django":
        return user.is_staff
    return user.has_perm(ADMIN_PERMISSION)


def must_set_up_mfa(user):
    """Staff and editors may not use an admin until they have an authenticator app."""

    return settings.PORTAL_REQUIRE_ADMIN_MFA and not is_mfa_enabled(user, [Authenticator.Type.TOTP])


def must_pass_mfa(request):
    """Staff and editors with an authenticator app may use an admin only in a session that
    passed MFA: allauth's MFA login stage or MFA reauthentication, or setting the app up.

    Having an app is not enough: a session made some other way (a password form outside
    allauth's flow, a session made by code) has not asked for a code.
    """

    return settings.PORTAL_REQUIRE_ADMIN_MFA and not session_passed_mfa(request, request.user)


def log_refusal(request, reason):
    """A refused change gets a warning. (Django logs 403 and 404 answers itself; Wagtail answers
    its own refusals inside the admin with a redirect to the dashboard, which it does not.)"""
    if request.method not in SAFE_METHODS:
        logger.warning(
            "Refused %s %s to user %s: %s", request.method, request.path, request.user.pk, reason
        )


def refuse_logged_in_user(restrictions, request):
    """Raise PermissionDenied if a logged-in user fails a login or group restriction.

    Anonymous users and password restrictions are left to Wagtail, which asks
    for a login or the password.
    """
    if not request.user.is_authenticated:
        return
    for restriction in restrictions:
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            continue
        if not restriction.accept_request(request):
            if restriction.groups.filter(name=MEMBERS_GROUP_NAME).exists():
                raise PermissionDenied(
                    _(
                        "This is for staff of the consortium's member organizations, once "
                        "consortium staff have confirmed where they work."
                    )
                )
            raise PermissionDenied(
                _("This content is only available to members of a particular group.")
            )


def member_organization(user):
    """The active member organization a user belongs to, or None."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.member_organization if profile else None


def may_see_members_only(user):
    """Who may read what is restricted to the members group: its members (staff of member
    organizations) and superusers, as Wagtail's group view restriction itself decides, so a
    listing never offers what the page would refuse."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MEMBERS_GROUP_NAME).exists()


def members_group():

    return Group.objects.get_or_create(name=MEMBERS_GROUP_NAME)[0]


def sync_members_group(profile):
    """Put the profile's user in the members group exactly when they act for a member."""
    group = members_group()
    if profile.member_organization is not None:
        profile.user.groups.add(group)
    else:
        profile.user.groups.remove(group)


def public_documents():
    """Documents anyone may download: in a collection with no view restriction, on itself or
    on an ancestor. Members-only files and work groups' files are in restricted collections."""
    restricted = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        restricted |= Q(collection__path__startswith=path)
    documents = get_document_model().objects.all()
    return documents.exclude(restricted) if restricted else documents


def is_public_document(document_id):
    """Whether the document exists and anyone may download it."""
    return public_documents().filter(pk=document_id).exists()
