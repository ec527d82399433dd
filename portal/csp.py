"""Content-Security-Policy: strict on the public site, looser inside the admins."""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware

from .access import admin_area


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        # A view may still choose its own policy (for example an embeddable chart). Private API:
        # Django offers csp_override only as a view decorator and the admins' views are not
        # ours, so this sets the attribute that decorator sets (tests/portal/test_framework_apis).
        if not hasattr(response, "_csp_config") and admin_area(request.path_info):
            response._csp_config = settings.PORTAL_ADMIN_CSP
        return super().process_response(request, response)
