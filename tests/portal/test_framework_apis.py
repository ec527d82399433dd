"""The framework internals the portal relies on where no public API exists (each use names this
module in a comment). If an upgrade of Django, treebeard or allauth changes one, these fail
first and say which, before the behavior built on it quietly breaks."""

import inspect

from django.core.cache import caches
from django.forms.models import BaseModelForm
from django.http import HttpResponse
from django.middleware.cache import UpdateCacheMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import RequestFactory, override_settings
from django.utils.cache import get_cache_key
from django.views.decorators.csp import csp_override
from wagtail.models import Page


def test_a_request_marked_so_is_not_stored_by_djangos_cache_middleware():
    """portal.page_cache sets request._cache_update_cache = False."""
    factory = RequestFactory()
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "framework-apis",
            }
        },
        CACHE_MIDDLEWARE_ALIAS="default",
    ):
        middleware = UpdateCacheMiddleware(lambda request: HttpResponse("page"))
        stored, skipped = factory.get("/stored/"), factory.get("/skipped/")
        stored._cache_update_cache = True
        skipped._cache_update_cache = False
        for request in (stored, skipped):
            response = HttpResponse("page")
            response["Cache-Control"] = "max-age=60"
            middleware.process_response(request, response)
        cache = caches["default"]
        assert get_cache_key(factory.get("/stored/"), cache=cache) is not None
        assert get_cache_key(factory.get("/skipped/"), cache=cache) is None


def test_djangos_csp_middleware_reads_the_attribute_its_decorator_sets():
    """portal.csp sets response._csp_config, as csp_override does."""
    response = csp_override({"default-src": ["'none'"]})(lambda request: HttpResponse())(None)
    assert response._csp_config == {"default-src": ["'none'"]}
    with override_settings(SECURE_CSP={"default-src": ["'self'"]}):
        answered = ContentSecurityPolicyMiddleware(lambda request: response)(
            RequestFactory().get("/")
        )
    assert answered["Content-Security-Policy"] == "default-src 'none'"


def test_model_forms_pass_the_models_errors_through_update_errors():
    """documents.forms drops one of the model's errors in _update_errors."""
    assert "self._update_errors(" in inspect.getsource(BaseModelForm._post_clean)


def test_treebeards_path_builder_still_takes_the_parent_path_depth_and_step():
    """scripts/catalog_scale.py builds pages' tree paths with Page._get_path."""
    assert Page._get_path("0001", 2, 3) == "00010003"
