#!/usr/bin/env bash
# The production-stack tests run Debian's redis-server; install it when missing (we are root here).
set -eu
if command -v redis-server >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "redis-server is missing and we are not root: the production-stack tests will be skipped." >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# The package's own service is not ours to run; the tests start their own servers.
