"""The WSGI application that gunicorn serves (portal/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a fresh interpreter, as a gunicorn worker imports it: importing it here would freeze
# the test process's own objects at its next request.
WORKER = """
import gc
from wsgiref.util import setup_testing_defaults

freezes = []
freeze = gc.freeze
gc.freeze = lambda: freezes.append(1) or freeze()

from portal.wsgi import application

assert gc.get_freeze_count() == 0, "frozen before any request"
environ = {"PATH_INFO": "/healthz", "HTTP_HOST": "localhost"}
setup_testing_defaults(environ)
statuses = []


def start_response(status, headers, exc_info=None):
    statuses.append(status)


body = application(environ, start_response)
b"".join(body)
body.close()  # the server closes the response once it is sent: request_finished
frozen = gc.get_freeze_count()
application(environ, start_response).close()
print(statuses[0].split()[0], frozen, len(freezes))
"""


def test_a_worker_freezes_what_it_has_loaded_after_its_first_response():
    result = subprocess.run(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    status, frozen, freezes = result.stdout.split()
    assert status in ("200", "503")  # whichever the database says: the response was served
    assert int(frozen) > 100_000  # Django, Wagtail and the site's modules
    assert freezes == "1"  # once per worker, not at every request
