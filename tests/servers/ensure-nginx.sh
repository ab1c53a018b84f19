#!/usr/bin/env bash
# tests/production/test_nginx_site.py checks deploy/nginx with Debian's nginx and its
# cache-purge module (`nginx -t`); install them when missing (we are root here).
set -eu
if [ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] && { command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; }; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "nginx is missing and we are not root: the nginx site check will be skipped." >&2
  exit 0
fi
apt-get update -qq
# The package's own service is not ours to run (policy-rc.d 101 keeps it from starting).
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-cache-purge >/dev/null
