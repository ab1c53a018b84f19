#!/usr/bin/env bash
# make bench: a throwaway PostgreSQL, the large fixture, gunicorn with production
# settings on loopback, wrk at fixed concurrency — and two baselines in the same run.
set -eu
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bash tests/servers/ensure-redis.sh  # the production-shape modes (redis_warm, redis_off)
if [ -z "${DATABASE_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/xuthanh-bench-pg.XXXXXX)
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  trap 'bash tests/servers/postgres.sh stop "$pgdir"' EXIT
  bash tests/servers/postgres.sh start "$pgdir" "$port"
  export BENCH_PG="postgres://postgres@127.0.0.1:$port"
else
  export BENCH_PG="${DATABASE_URL%/*}"
fi
.venv/bin/python -m bench.bench "$@"
