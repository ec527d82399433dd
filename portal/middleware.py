from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import access
from .i18n import untranslated_page_for_path
from .views import render_translation_missing

# Where a user sent to set up two-factor authentication was going.
AFTER_MFA_SETUP_SESSION_KEY = "portal_after_mfa_setup"


class AdminAccessMiddleware:
    """Guard both admin interfaces for logged-in users.

    Anonymous users fall through to the admins' own login redirect (to allauth).
    A logged-in user without admin rights gets a 403 page, never a login loop;
    staff without an authenticator app are sent to set one up first, and staff whose
    session has not passed MFA are asked for a code from their app (allauth's MFA
    reauthentication, which brings them back).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        area = access.admin_area(request.path_info)
        if area and request.user.is_authenticated:
            if not access.may_use_admin(request.user, area):
                raise PermissionDenied(
                    _("Your account does not have access to the editing interface.")
                )
            if access.must_set_up_mfa(request.user):
                # allauth ends the set-up on the recovery codes, which offer a way back here.
                request.session[AFTER_MFA_SETUP_SESSION_KEY] = request.get_full_path()
                messages.warning(
                    request,
                    _(
                        "Set up two-factor authentication with an authenticator app "
                        "before you use the admin."
                    ),
                )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_activate_totp')}?{query}")
            if access.must_pass_mfa(request):
                messages.warning(
                    request, _("Enter a code from your authenticator app to use the admin.")
                )
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
            request.session.pop(AFTER_MFA_SETUP_SESSION_KEY, None)
        return self.get_response(request)


class TranslationFallbackMiddleware:
    """/es/about/ with no Spanish "about": say so, in Spanish, and offer the English page.

    A middleware rather than the 404 handler so that it works with DEBUG on as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404:
            page = untranslated_page_for_path(request)
            if page is not None:
                return render_translation_missing(request, page)
        return response
