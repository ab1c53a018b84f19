#!/usr/bin/env bash
# The commands the site runs in production, in one place: the systemd units (deploy/systemd/)
# call this script, and the production-stack tests (tests/production/) start their processes
# with it, so what is tested is what is deployed.
#
#   commands.sh web        gunicorn on $BIND (default 127.0.0.1:8000), $WEB_WORKERS processes
#   commands.sh worker     the task worker: e-mails, search indexing, renditions, purges
#   commands.sh scheduler  the periodic jobs (expire unpaid orders, close posts, write buffers)
#   commands.sh release    migrate and collect static files (once per deploy, before restarting)
#
# Settings come from the environment (deploy/xuthanh.env.example, README).
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.production}
case ${1:-} in
  web)
    exec "$PYTHON" -m gunicorn portal.wsgi:application \
      --bind "${BIND:-127.0.0.1:8000}" \
      --workers "${WEB_WORKERS:-3}" \
      --timeout 30 --graceful-timeout 20 --max-requests 5000 --max-requests-jitter 500 \
      --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    ;;
  worker)
    exec "$PYTHON" manage.py db_worker --no-reload --interval "${WORKER_INTERVAL:-1}"
    ;;
  scheduler)
    exec "$PYTHON" manage.py schedule
    ;;
  release)
    "$PYTHON" manage.py migrate --noinput
    exec "$PYTHON" manage.py collectstatic --noinput -v0
    ;;
  *)
    echo "usage: $0 web|worker|scheduler|release" >&2
    exit 2
    ;;
esac
