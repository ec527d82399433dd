"""Where a page's server time goes: serves one URL repeatedly inside this process (Django's
test client) and prints its CPU time and queries per request and cProfile's heaviest
functions. The request carries a session cookie, as a member's does, so the whole page is
never answered from the page cache; the site frame's fragments are (portal.page_cache).

    .venv/bin/python scripts/profile_page.py /sepsis/know-the-signs/ --sort tottime
    .venv/bin/python scripts/profile_page.py /work-groups/emergency-department-recognition/ \
        --user maria.alvarez@example.org --requests 50

Run it against a database with the demo loaded (`make run` builds one). The settings are
development's with DEBUG off unless DJANGO_SETTINGS_MODULE says otherwise; `make bench`
measures the same pages under load on production settings.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
# Templates compiled once and kept, as in production (DEBUG recompiles them every request).
os.environ.setdefault("DEBUG", "false")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the URL path to serve, for example /sepsis/")
    parser.add_argument("--user", help="serve it to this account (its e-mail address)")
    parser.add_argument("--requests", type=int, default=30, help="profiled requests (30)")
    parser.add_argument("--warm", type=int, default=3, help="unprofiled requests first (3)")
    parser.add_argument("--top", type=int, default=30, help="functions listed (30)")
    parser.add_argument("--sort", default="cumulative", help="pstats order (cumulative)")
    args = parser.parse_args(argv)

    import logging

    import django

    django.setup()
    logging.getLogger("portal.requests").setLevel(logging.WARNING)  # one line a request
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        if args.user:
            client.force_login(get_user_model().objects.get(email__iexact=args.user))
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = "anonymous"
        for _ in range(args.warm):
            status = client.get(args.path).status_code
        if status != 200:
            sys.exit(f"{args.path} answered {status}, not 200")
        queries = []

        def record(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(args.path)
        profile = cProfile.Profile()
        started = time.process_time()
        for _ in range(args.requests):
            profile.enable()
            client.get(args.path)
            profile.disable()
        unprofiled_started = time.process_time()
        for _ in range(args.requests):
            client.get(args.path)
        unprofiled = (time.process_time() - unprofiled_started) / args.requests

    print(
        f"{args.path}: {unprofiled * 1000:.1f} ms CPU a request unprofiled, "
        f"{(unprofiled_started - started) / args.requests * 1000:.1f} ms profiled; "
        f"{len(queries)} queries"
    )
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())
    for sql in queries:
        print(f"query: {sql[:160]}")


if __name__ == "__main__":
    main()
