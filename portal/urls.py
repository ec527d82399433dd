from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import admin_guards, health, sitemaps, views
from .accounts.profile import ProfileView
from .accounts.subscriptions import SubscriptionsView

# Both admins log in through allauth, so rate limits and MFA apply to them too.
admin.site.login = secure_admin_login(admin.site.login)

# One login path: allauth's, with its rate limits, e-mail verification and MFA. Wagtail and
# Django still register their own login and password forms; these answer them with allauth's,
# and must come before the includes that register them.
to_allauth_login = RedirectView.as_view(pattern_name="account_login", query_string=True)

urlpatterns = [
    path(
        "django-admin/password_change/",
        RedirectView.as_view(pattern_name="account_change_password"),
    ),
    path(
        "django-admin/password_change/done/",
        RedirectView.as_view(pattern_name="account_change_password"),
    ),
    path("django-admin/", admin.site.urls),
    path("admin/login/", to_allauth_login),
    path(
        "admin/logout/",
        RedirectView.as_view(pattern_name="account_logout"),
    ),
    # Registered by wagtail.admin.urls even with WAGTAIL_PASSWORD_RESET_ENABLED off.
    re_path(
        r"^admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    # Wagtail admin views that show pages before checking permissions, checking first.
    path("admin/", include(admin_guards.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, with every download kept out of shared caches and private
    # files out of search engines.
    re_path(r"^documents/(\d+)/(.*)$", views.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    # Outside the language prefixes: e-mailed links must keep working whatever the language.
    path("toolkit-updates/", include("toolkits.urls")),
    path("work-group-calendar/", include("workgroups.calendar_urls")),
    path("excellence-feedback/", include("excellence.feedback_urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health/", health.health, name="health"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(
        settings.MEDIA_URL, view=views.serve_media_image, document_root=settings.MEDIA_ROOT
    )

urlpatterns += i18n_patterns(
    path("accounts/profile/", ProfileView.as_view(), name="account_profile"),
    path("accounts/subscriptions/", SubscriptionsView.as_view(), name="account_subscriptions"),
    path(
        "translation-missing/<int:page_id>/",
        views.translation_missing,
        name="translation_missing",
    ),
    path("accounts/", include("allauth.urls")),
    # Invitation links from e-mail; before Wagtail's catch-all, under a prefix no page takes.
    path("work-group-invitations/", include("workgroups.urls")),
    # Asking to join a work group (the public list and the space's 403 link here).
    path("work-group-requests/", include("workgroups.join_request_urls")),
    # A person's event registrations, and the cancel and evaluation links of events' e-mails.
    path("event-registrations/", include("events.urls")),
    path("search/", include("search.urls")),
    # Subscribing to the news by e-mail, and the links in its e-mails.
    path("news-subscription/", include("news.urls")),
    # The improvement collaborative's site and coach pages (its public page is a Wagtail page).
    path("collaborative/", include("collaborative.urls")),
    # Excellence reports' form; before Wagtail's catch-all, under a prefix no page takes.
    path("excellence-reports/", include("excellence.urls")),
    # Wagtail's front-end login form (a user login, unlike its page-password form).
    path("_util/login/", to_allauth_login),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
# allauth answers its own rate limits with this too.
handler429 = "portal.views.too_many_requests"
handler500 = "portal.views.server_error"
