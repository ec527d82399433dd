"""Caches that degrade instead of failing when their server is unreachable.

Django's RedisCache raises on every call while Redis is down, and Wagtail looks up the site
root in the default cache on every request: one unreachable Redis would answer 500 on every
page. `FaultTolerantCache` wraps the configured cache (Django's own RedisCache or a
memcached backend, unchanged) and, when a call fails because the server cannot be reached,
answers from a fallback cache in this process instead:

- the default cache falls back to a per-process local-memory cache, so that Wagtail's site
  lookup still works and the login and search rate limits keep counting, per process (each
  worker process counts on its own: a client gets at most the limit times the number of
  processes, never an unlimited number of tries);
- the page cache falls back to no cache at all: pages are rendered for every visitor (a
  per-process copy could not be purged by a publish made in another process).

After a failure the server is left alone for `RETRY_SECONDS` (no request waits for it
meanwhile); then one call tries it again. The failure is logged once when it starts, once
per interval while it lasts and once when the server answers again, never per call. The
connection and read timeouts are the wrapped cache's own options, kept short in settings
(`fault_tolerant`).

Writes made while the server was unreachable did not reach it. When it answers again, the
keys written or deleted meanwhile are deleted there, and a missed `clear()` (a publish
purging the page cache) is made, before anything else is read, so that nothing older than
the outage is served (best effort: a process that restarts during an outage forgets what it
missed; its copies expire with their timeouts).

`ping()` checks the server itself whatever the state, for /health/ (portal.health).
"""

import logging
import threading
import time
import uuid

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.dummy import DummyCache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30
# Seconds to wait for the cache server to accept a connection, and for each answer.
CONNECT_TIMEOUT = 0.5
READ_TIMEOUT = 1.0
# Keys remembered to delete when the server answers again; beyond this it is cleared.
MAX_MISSED_KEYS = 1000

REDIS_BACKENDS = ("django.core.cache.backends.redis.RedisCache",)
MEMCACHED_BACKENDS = (
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)
# Keeps working in each process while the shared cache is down.
PER_PROCESS = "per-process"
# Keeps nothing while the shared cache is down.
NOTHING = "nothing"


def fault_tolerant(config, *, while_down, name):
    """Settings for the cache `config` (a CACHES entry, e.g. from django-environ) that keeps
    working while its server is unreachable: `while_down` is PER_PROCESS (a local-memory
    cache in each process) or NOTHING (every read misses). Caches without a server (local
    memory, files, the database, the dummy cache) are returned unchanged.

    Short connection and read timeouts are added unless the URL sets its own (e.g.
    `redis://host:6379/0?socket_timeout=2`)."""
    backend = config["BACKEND"]
    if backend not in REDIS_BACKENDS + MEMCACHED_BACKENDS:
        return config
    primary = {**config, "OPTIONS": dict(config.get("OPTIONS", {}))}
    if backend in REDIS_BACKENDS:
        primary["OPTIONS"].setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        primary["OPTIONS"].setdefault("socket_timeout", READ_TIMEOUT)
    elif backend.endswith("PyMemcacheCache"):
        primary["OPTIONS"].setdefault("connect_timeout", CONNECT_TIMEOUT)
        primary["OPTIONS"].setdefault("timeout", READ_TIMEOUT)
    # Keys are made alike in both caches.
    key_settings = {k: config[k] for k in ("KEY_PREFIX", "VERSION", "KEY_FUNCTION") if k in config}
    if while_down == PER_PROCESS:
        fallback = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"portal-{name}-while-down-{config.get('LOCATION', '')}",
            # Room for every client's rate-limit counts: the default 300 would let a
            # client with many addresses push the others' counts out.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
            **({"TIMEOUT": config["TIMEOUT"]} if "TIMEOUT" in config else {}),
            **key_settings,
        }
    elif while_down == NOTHING:
        fallback = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ValueError(f"while_down must be {PER_PROCESS!r} or {NOTHING!r}")
    return {
        "BACKEND": "portal.caches.FaultTolerantCache",
        # The server's address, as the wrapped cache has it (production compares them).
        "LOCATION": config.get("LOCATION", ""),
        "NAME": name,
        "PRIMARY": primary,
        "FALLBACK": fallback,
        "RETRY_SECONDS": RETRY_SECONDS,
    }


def outage_errors():
    """The exceptions that mean the cache server cannot be reached or cannot serve now (not
    a bad call: those still raise)."""
    errors = [OSError]
    try:
        # Each client library is needed only when its backend is configured.
        from redis import exceptions as redis_errors
    except ImportError:
        pass
    else:
        errors += [
            redis_errors.ConnectionError,  # refused, reset, busy loading, too many clients
            redis_errors.TimeoutError,
            redis_errors.ReadOnlyError,  # a replica after a failover
            redis_errors.OutOfMemoryError,
            redis_errors.ClusterDownError,
        ]
    try:
        # Each client library is needed only when its backend is configured.
        from pymemcache import exceptions as memcache_errors
    except ImportError:
        pass
    else:
        errors += [
            memcache_errors.MemcacheUnexpectedCloseError,
            memcache_errors.MemcacheServerError,
            memcache_errors.MemcacheUnknownError,
        ]
    return tuple(errors)


class CacheUnavailable(Exception):
    """The cache server cannot be reached; the cache is answering from its fallback."""


def create(config):
    params = dict(config)
    backend = import_string(params.pop("BACKEND"))
    return backend(params.pop("LOCATION", ""), params)


class OutageState:
    """Whether one cache server is reachable, shared by every thread of the process (Django
    makes a cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure, None while up
        self.retry_at = 0.0
        self.missed = {}  # version -> set of keys written while down
        self.missed_count = 0
        self.missed_clear = False
        self.logged_at = 0.0

    @property
    def down(self):
        return self.down_since is not None


_states = {}
_states_lock = threading.Lock()


def outage_state(name):
    with _states_lock:
        return _states.setdefault(name, OutageState())


class FaultTolerantCache(BaseCache):
    """See the module docstring. Settings: PRIMARY (the cache), FALLBACK (used while the
    primary is unreachable), NAME, RETRY_SECONDS; made by `fault_tolerant`."""

    def __init__(self, location, params):
        super().__init__(params)
        self.name = params.get("NAME") or location
        self.primary = create(params["PRIMARY"])
        self.fallback = create(params["FALLBACK"])
        self.retry_seconds = params.get("RETRY_SECONDS", RETRY_SECONDS)
        self.keeps_while_down = not isinstance(self.fallback, DummyCache)
        self.outage_errors = outage_errors()
        # One state per server and process, whichever thread's cache object sees it.
        self.state = outage_state((self.name, repr(params["PRIMARY"].get("LOCATION"))))

    # Outage bookkeeping

    def _primary_usable(self):
        state = self.state
        if not state.down:
            return True
        with state.lock:
            if not state.down:
                return True
            if time.monotonic() < state.retry_at:
                return False
            # This call tries the server; every other waits another interval.
            state.retry_at = time.monotonic() + self.retry_seconds
        try:
            self._catch_up()
        except self.outage_errors as error:
            self._failed(error)
            return False
        return True

    def _failed(self, error):
        """Logged when the outage starts and then once per interval, never per call."""
        state = self.state
        now = time.monotonic()
        with state.lock:
            state.retry_at = now + self.retry_seconds
            starting = not state.down
            if starting:
                state.down_since = now
            elif now - state.logged_at < self.retry_seconds:
                return
            state.logged_at = now
            down_for = now - state.down_since
        if starting:
            logger.error(
                "Cache %r is unreachable: %s in this process until it answers (tried again "
                "every %d s)",
                self.name,
                "using a local-memory cache" if self.keeps_while_down else "caching nothing",
                self.retry_seconds,
                exc_info=error,
            )
        else:
            logger.warning(
                "Cache %r is still unreachable after %d s: %s", self.name, down_for, error
            )

    def _remember(self, keys, version):
        """Keys written while down: deleted from the server when it answers again."""
        state = self.state
        with state.lock:
            if not state.down:
                # The server came back during this call: it holds an older value.
                recovered = True
            else:
                recovered = False
                if state.missed_count < MAX_MISSED_KEYS:
                    state.missed.setdefault(version, set()).update(keys)
                    state.missed_count += len(keys)
                else:
                    state.missed_clear = True
        if recovered:
            try:
                self.primary.delete_many(list(keys), version=version)
            except self.outage_errors as error:
                self._failed(error)

    def _catch_up(self):
        """The server answers again: make the writes it missed, then use it."""
        state = self.state
        while True:
            with state.lock:
                missed_clear, missed = state.missed_clear, state.missed
                state.missed_clear, state.missed, state.missed_count = False, {}, 0
            if not missed_clear and not missed:
                # Probe: the server must answer before it is used again.
                self.primary.has_key(f"portal-cache-probe-{uuid.uuid4().hex}")
            try:
                if missed_clear:
                    self.primary.clear()
                else:
                    for version, keys in missed.items():
                        self.primary.delete_many(list(keys), version=version)
            except BaseException:
                with state.lock:
                    state.missed_clear |= missed_clear
                    for version, keys in missed.items():
                        state.missed.setdefault(version, set()).update(keys)
                        state.missed_count += len(keys)
                raise
            with state.lock:
                if state.missed or state.missed_clear:
                    continue  # written meanwhile by another thread
                down_since, state.down_since = state.down_since, None
                break
        if down_since is not None:
            # What the fallback held was only for the outage.
            self.fallback.clear()
            logger.warning(
                "Cache %r is reachable again after %d s",
                self.name,
                time.monotonic() - down_since,
            )

    def _call(self, method, *args, writes=None, version=None, **kwargs):
        """`method` on the server, or on the fallback while the server is unreachable.
        `writes`: the keys the call changes."""
        if self._primary_usable():
            try:
                return getattr(self.primary, method)(*args, version=version, **kwargs)
            except self.outage_errors as error:
                self._failed(error)
        if writes:
            self._remember(writes, version)
        return getattr(self.fallback, method)(*args, version=version, **kwargs)

    # Health

    @property
    def is_down(self):
        return self.state.down

    def ping(self):
        """Store, read and delete a key in the server itself; raises CacheUnavailable when
        it cannot be reached (and RuntimeError when it answers wrongly). When it answers
        while the cache was using its fallback, the cache uses the server again."""
        key = f"portal-health-{uuid.uuid4().hex}"
        try:
            self.primary.set(key, "ok", 10)
            try:
                value = self.primary.get(key)
            finally:
                self.primary.delete(key)
        except self.outage_errors as error:
            self._failed(error)
            raise CacheUnavailable(f"cache {self.name!r} is unreachable") from error
        if value != "ok":
            raise RuntimeError(f"cache {self.name!r} did not return what was stored")
        if self.state.down:
            try:
                self._catch_up()
            except self.outage_errors as error:
                self._failed(error)
                raise CacheUnavailable(f"cache {self.name!r} is unreachable") from error

    # Django's cache API

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, writes=[key], version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, writes=[key], version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, writes=[key], version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, writes=[key], version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, writes=[key], version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta, writes=[key], version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, writes=list(data), version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call("delete_many", keys, writes=keys, version=version)

    def clear(self):
        # The fallback's copies must not outlive a clear either.
        self.fallback.clear()
        if self._primary_usable():
            try:
                return self.primary.clear()
            except self.outage_errors as error:
                self._failed(error)
        with self.state.lock:
            self.state.missed_clear = True
        return None

    def close(self, **kwargs):
        self.primary.close(**kwargs)
        self.fallback.close(**kwargs)
