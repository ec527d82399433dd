#!/usr/bin/env bash
# The Elasticsearch engine's integration tests against a throwaway server: start
# compose.elasticsearch.yml, wait for the cluster to be yellow or green, run the tests with
# ELASTICSEARCH_URL set, and stop the server whatever happened. Exits with pytest's status.
# Extra arguments go to pytest. ELASTICSEARCH_VERSION, ELASTICSEARCH_PORT, ELASTIC_PASSWORD and
# ELASTICSEARCH_WAIT (seconds, default 180) may be set.
set -uo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
elif podman compose version >/dev/null 2>&1; then
    compose=(podman compose)
else
    echo "The Elasticsearch integration suite needs Docker or Podman to run a local" \
        "Elasticsearch: neither \`docker compose\` nor \`podman compose\` works here." >&2
    exit 1
fi

PY=.venv/bin/python
# A new password for each run unless one is given; URL-safe, so it can go in the URL as is.
export ELASTIC_PASSWORD="${ELASTIC_PASSWORD:-$($PY -c 'import secrets; print(secrets.token_urlsafe(18))')}"
export ELASTICSEARCH_PORT="${ELASTICSEARCH_PORT:-9200}"
compose+=(-f compose.elasticsearch.yml)

stop() { "${compose[@]}" down --volumes >/dev/null 2>&1; }
trap stop EXIT

"${compose[@]}" up -d || exit 1

# What the portal's settings read: ELASTICSEARCH_URL, with the credentials in it.
quoted="$($PY -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' \
    "$ELASTIC_PASSWORD")"
ELASTICSEARCH_URL="http://elastic:${quoted}@127.0.0.1:${ELASTICSEARCH_PORT}"
export ELASTICSEARCH_URL

echo "Waiting for Elasticsearch (cluster health yellow or green)..."
if ! $PY - "${ELASTICSEARCH_WAIT:-180}" <<'PYTHON'; then
import os, sys, time
from elasticsearch import Elasticsearch

deadline = time.monotonic() + float(sys.argv[1])
last = None
client = Elasticsearch(os.environ["ELASTICSEARCH_URL"], request_timeout=10)
while True:
    try:
        health = client.cluster.health(wait_for_status="yellow", timeout="5s")
        if health["status"] in ("yellow", "green"):
            break
    except Exception as error:  # not up yet: connection refused, 401 while starting, 408
        last = error
    if time.monotonic() > deadline:
        sys.exit(f"Elasticsearch was not healthy after {sys.argv[1]} s: {last!r}")
    time.sleep(2)
PYTHON
    "${compose[@]}" logs --tail 50 >&2
    exit 1
fi

.venv/bin/pytest tests/search/test_engines.py tests/search/test_elasticsearch_integration.py "$@"
exit $?
