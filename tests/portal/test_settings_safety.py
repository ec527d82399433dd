"""Production settings refuse to start unsafe, and pass Django's deployment checks."""

import io
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    """Run manage.py in a clean environment holding only the given variables."""
    environment = {"PATH": os.environ.get("PATH", ""), "HOME": str(ROOT)}
    environment.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**overrides):
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "portal.example.org",
        "CACHE_URL": "dbcache://portal_cache",
        "PAGE_CACHE_URL": "dbcache://portal_page_cache",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", **production(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("weak", ["short", "django-insecure-development-only-key-do-not-deploy"])
def test_production_refuses_a_weak_or_development_secret_key(weak):
    result = run_manage("check", **production(SECRET_KEY=weak))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_per_process_cache():
    # Login rate limits would not be shared between gunicorn workers.
    result = run_manage("check", **production(CACHE_URL="locmemcache://"))
    assert result.returncode != 0
    assert "CACHE_URL must name a shared cache" in result.stderr


def test_production_refuses_a_per_process_page_cache():
    # A publish would purge only the worker that handled it.
    result = run_manage("check", **production(PAGE_CACHE_URL="locmemcache://"))
    assert result.returncode != 0
    assert "PAGE_CACHE_URL must name a shared cache" in result.stderr


def test_production_refuses_a_page_cache_that_is_the_default_cache():
    # Purging the pages would forget every login rate limit.
    result = run_manage(
        "check",
        **production(CACHE_URL="redis://cache:6379/0", PAGE_CACHE_URL="redis://cache:6379/0"),
    )
    assert result.returncode != 0
    assert "PAGE_CACHE_URL must differ from CACHE_URL" in result.stderr


def test_production_passes_deploy_checks_without_warnings():
    result = run_manage("check", "--deploy", **production())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_always_requires_admin_mfa():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.PORTAL_REQUIRE_ADMIN_MFA, "
        "settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, "
        "settings.WAGTAILDOCS_SERVE_METHOD)",
        **production(PORTAL_REQUIRE_ADMIN_MFA="false"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "31536000", "True", "serve_view"]


def test_development_can_switch_admin_mfa_off_but_defaults_on():
    code = "from django.conf import settings; print(settings.PORTAL_REQUIRE_ADMIN_MFA)"
    dev = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    assert run_manage("shell", "--no-imports", "-c", code, **dev).stdout.strip() == "True"
    off = run_manage("shell", "--no-imports", "-c", code, PORTAL_REQUIRE_ADMIN_MFA="false", **dev)
    assert off.stdout.strip() == "False"


@pytest.mark.django_db
def test_system_checks_pass_on_this_database():
    """`manage.py migrate` and `check` refuse to run on a failed check (on PostgreSQL, the
    search index's full-text fields need django.contrib.postgres)."""
    from django.core.management import call_command

    call_command("check", stdout=io.StringIO())


def test_production_logs_one_json_object_per_line():
    script = (
        "import logging, django; django.setup(); "
        "logging.getLogger('portal.requests').info('GET / 200', "
        "extra={'request_id': 'abc12345', 'status': 200})"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(ROOT), **production()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["time"].endswith("+00:00")
    assert record["level"] == "INFO"
    assert record["logger"] == "portal.requests"
    assert record["message"] == "GET / 200"
    assert record["request_id"] == "abc12345"
    assert record["status"] == 200


def test_an_unknown_log_format_is_refused_clearly():
    result = run_manage("check", **production(LOG_FORMAT="yaml"))
    assert result.returncode != 0
    assert "LOG_FORMAT must be one of" in result.stderr


def test_production_collectstatic_finds_every_file_the_styles_refer_to(tmp_path):
    """WhiteNoise's manifest storage refuses a stylesheet or script that names a missing
    file (an icon, a source map): the production guide's collectstatic step must pass."""
    if not (ROOT / "static_build" / "portal" / "css" / "portal.css").exists():
        reason = "the front end is not built (npm run build)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: required in CI")
        pytest.skip(reason)
    result = run_manage("collectstatic", "--no-input", **production(STATIC_ROOT=str(tmp_path)))
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    assert "portal/css/portal.css" in manifest["paths"]


CONCURRENT_WRITES = """
import threading, django
django.setup()
from django.db import connection, transaction
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
both_read = threading.Barrier(2, timeout=5)
outcomes = []

def request():
    # What a request does under ATOMIC_REQUESTS: read, then write, in one transaction.
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                try:
                    both_read.wait()  # deferred transactions both read before writing
                except threading.BrokenBarrierError:
                    pass  # immediate ones cannot: the second waits for the first's lock
                cursor.execute("UPDATE counter SET n = n + 1")
        outcomes.append("ok")
    except Exception as error:
        outcomes.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=request) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(outcomes))
"""


def test_concurrent_requests_on_sqlite_wait_for_each_other(tmp_path):
    """Two requests at once on the embedded database (the editor's autosave beside a publish)
    both succeed: neither fails with "database is locked"."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CONCURRENT_WRITES],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['ok', 'ok']"


def test_a_variables_former_name_still_works_with_a_warning_to_rename_it():
    code = "from django.conf import settings; print(settings.PORTAL_SUPPRESSION_THRESHOLD)"
    dev = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    former = run_manage("shell", "--no-imports", "-c", code, SUPPRESSION_THRESHOLD="7", **dev)
    assert former.stdout.strip().splitlines()[-1] == "7"
    assert "SUPPRESSION_THRESHOLD is renamed PORTAL_SUPPRESSION_THRESHOLD" in former.stderr
    both = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        SUPPRESSION_THRESHOLD="7",
        PORTAL_SUPPRESSION_THRESHOLD="12",
        **dev,
    )
    assert both.stdout.strip().splitlines()[-1] == "12"
    assert "renamed" not in both.stderr
