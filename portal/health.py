"""`/health/`: whether this instance can serve, for load balancers and uptime checks.

Each check answers ok or not, never why (the reasons go to the log): the endpoint is public.
The database, the cache and (with the database task backend) the task backlog are checked
here; apps add their own through the Wagtail hook "register_health_checks" (a function
returning {name: callable}, each callable raising when its service is down), so that portal
imports no app. Never cached.

Only the database and a broken cache decide the status code (503 takes the instance out of
the load balancer). Anything else failing (the search engine, a task backlog, an
unreachable cache server) is shared by every instance and served around: answering 503 for
it would take the whole site down, symptom page and all, so the answer is 200 with status
"degraded", for monitoring to alert on. An unreachable Redis is such a failure: the portal
serves on with rate limits counted in each process and no page cache (portal.caches); a
cache that answers but loses what it is given (a misconfiguration) is not.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

from .caches import CacheUnavailable, FaultTolerantCache
from .page_cache import PAGE_CACHE_ALIAS

logger = logging.getLogger(__name__)


class Degraded(Exception):
    """A check's service failed, but the portal serves without it: reported, never a 503."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache_alias(alias):
    """The cache server itself, not the fallback a fault-tolerant cache answers from."""
    cache = caches[alias]
    if isinstance(cache, FaultTolerantCache):
        try:
            cache.ping()
        except CacheUnavailable as error:
            raise Degraded(str(error)) from error
        return
    key = f"portal-health-{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def check_cache():
    check_cache_alias(DEFAULT_CACHE_ALIAS)


def check_page_cache():
    check_cache_alias(PAGE_CACHE_ALIAS)


def check_task_backlog():
    """Tasks waiting longer than TASK_BACKLOG_MAX_SECONDS mean no worker is running (or it
    cannot keep up): e-mails, text extraction and indexing would silently stop."""

    oldest_allowed = timezone.now() - timedelta(seconds=settings.TASK_BACKLOG_MAX_SECONDS)
    waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=oldest_allowed).count()
    if waiting:
        raise RuntimeError(f"{waiting} tasks have waited more than {oldest_allowed}")


def uses_database_tasks():
    return any(
        config["BACKEND"].startswith("django_tasks_db.") for config in settings.TASKS.values()
    )


ESSENTIAL = frozenset({"database", "cache"})


def all_checks():
    checks = {"database": check_database, "cache": check_cache}
    if isinstance(caches[PAGE_CACHE_ALIAS], FaultTolerantCache):
        # A page cache on a server (Redis) can be unreachable; one in memory cannot.
        checks["page_cache"] = check_page_cache
    if uses_database_tasks():
        checks["tasks"] = check_task_backlog
    for register in hooks.get_hooks("register_health_checks"):
        checks.update(register())
    return checks


# Outside ATOMIC_REQUESTS' transaction: beginning one needs the database, so an unreachable
# database would answer 500 before the checks could answer 503.
@transaction.non_atomic_requests
@require_safe
def health(request):
    results = {}
    broken = set()
    for name, check in all_checks().items():
        try:
            check()
        except Degraded:
            logger.exception("Health check %s failed", name)
            results[name] = "fail"
        except Exception:
            logger.exception("Health check %s failed", name)
            results[name] = "fail"
            broken.add(name)
        else:
            results[name] = "ok"
    failed = {name for name, result in results.items() if result == "fail"}
    status = "fail" if broken & ESSENTIAL else "degraded" if failed else "ok"
    response = JsonResponse(
        {"status": status, "checks": results}, status=503 if status == "fail" else 200
    )
    response["Cache-Control"] = "no-store"
    return response
