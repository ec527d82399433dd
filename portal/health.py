"""`/health/`: whether this instance can serve, for load balancers and uptime checks.

Each check answers ok or not, never why (the reasons go to the log): the endpoint is public.
The database and cache are checked here; apps add their own through the Wagtail hook
"register_health_checks" (a function returning {name: callable}, each callable raising when
its service is down), so that portal imports no app. 200 when every check passes, else 503;
never cached.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe
from wagtail import hooks

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"portal-health-{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def all_checks():
    checks = {"database": check_database, "cache": check_cache}
    for register in hooks.get_hooks("register_health_checks"):
        checks.update(register())
    return checks


@require_safe
def health(request):
    results = {}
    for name, check in all_checks().items():
        try:
            check()
        except Exception:
            logger.exception("Health check %s failed", name)
            results[name] = "fail"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response
