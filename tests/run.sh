#!/usr/bin/env bash
# Runs pytest on PostgreSQL: the cluster at DATABASE_URL, or a throwaway one started here.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/xuthanh-pg.XXXXXX)
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  trap 'bash tests/servers/postgres.sh stop "$pgdir"' EXIT
  bash tests/servers/postgres.sh start "$pgdir" "$port"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/xuthanh"
  echo "PostgreSQL: throwaway cluster on 127.0.0.1:$port"
fi
export DJANGO_SETTINGS_MODULE=portal.settings.test
# GS1's EPCIS schema is published data the project does not commit: read it in place.
export EPCIS_JSON_SCHEMA="${EPCIS_JSON_SCHEMA:-$(cd .. && pwd)/shared/data/gs1/epcis-json-schema.json}"
.venv/bin/python -m pytest "$@"
