"""One log record per request, with fields a log system can index (LOG_FORMAT=json).

Each record carries the request's id (the proxy's X-Request-ID when it sends one, so that
proxy and application lines join up; otherwise a new one, returned in the response), the
method, the path without its query string (search terms can be health details), the
status, the time taken and whether the page cache answered. No address, user or cookie is
logged: the portal keeps no record of who read what.
"""

import logging
import re
import time
import uuid

logger = logging.getLogger("portal.requests")

# A proxy's id is logged as given only when it looks like one (it is attacker-controlled).
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id(request):
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """First in MIDDLEWARE: times everything, including answers from the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = request_id(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        status = response.status_code
        logger.log(
            logging.WARNING if status >= 500 else logging.INFO,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "request_id": request.id,
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "page_cache": getattr(request, "served_from_page_cache", False),
            },
        )
        return response
