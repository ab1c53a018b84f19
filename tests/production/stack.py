"""The production shape, started for real: its own PostgreSQL cluster, Redis, the
Elasticsearch node, two gunicorn instances on two ports (no proxy), one task worker and
the scheduler — every site process started with deploy/commands.sh, the script the
systemd units run (deploy/systemd/), with production settings.
"""

import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ROOT / "deploy" / "commands.sh"
PG_BINDIR = os.environ.get("PG_BINDIR") or sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
ADMIN_PASSWORD = "Stack-" + secrets.token_urlsafe(16)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 30, step: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Postgres:
    """A throwaway cluster (tests/servers/postgres.sh) that the tests may stop and start."""

    def __init__(self, workdir: Path):
        self.dir = workdir / "pg"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/xuthanh"

    def _as_owner(self, *args):
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True)

    def start(self, first: bool = False) -> None:
        if first:
            subprocess.run(["bash", ROOT / "tests/servers/postgres.sh", "start", self.dir, str(self.port)], check=True)
            import psycopg

            with psycopg.connect(f"postgres://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
                conn.execute("CREATE DATABASE xuthanh")
            return
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c max_connections=200"
        data, log = f"{self.dir}/data", f"{self.dir}/log"
        self._as_owner(f"{PG_BINDIR}/pg_ctl", "-D", data, "-l", log, "-w", "-o", options, "start")

    def stop(self) -> None:
        self._as_owner(f"{PG_BINDIR}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop")

    def close(self) -> None:
        subprocess.run(["bash", ROOT / "tests/servers/postgres.sh", "stop", self.dir], check=False)


class PurgeRecorder:
    """Stands in for the caching proxy's purge listener (nginx's, in deploy/): records every
    request Wagtail's frontend-cache HTTP backend sends. A recording backend, not nginx."""

    def __init__(self):
        self.requests: list[tuple[str, str, str]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 — the HTTP method's name
                recorder.requests.append((self.command, self.headers.get("Host", ""), self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


class Process:
    """One of deploy/commands.sh's processes, in its own process group (SIGKILL takes it whole)."""

    def __init__(self, name: str, role: str, env: dict, log_dir: Path, port: int | None = None):
        self.name, self.role, self.env, self.port = name, role, env, port
        self.log_path = log_dir / f"{name}.log"
        self.url = f"http://127.0.0.1:{port}" if port else None
        self.popen = None

    def start(self) -> None:
        env = {**self.env, **({"BIND": f"127.0.0.1:{self.port}"} if self.port else {})}
        log = open(self.log_path, "ab")  # noqa: SIM115 — handed to the child
        self.popen = subprocess.Popen(
            ["bash", str(COMMANDS), self.role], env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
        )
        log.close()
        if self.url:
            wait_for(self.answers, timeout=90, what=f"{self.name} to answer; see {self.log_path}")

    def answers(self) -> bool:
        try:
            return requests.get(self.url + "/healthz", timeout=5).status_code in (200, 503)
        except requests.RequestException:
            return False

    def kill(self, sig=signal.SIGKILL) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, sig)
            self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class Stack:
    def __init__(self, redis_server, elasticsearch_url: str):
        self.workdir = Path(tempfile.mkdtemp(prefix="xuthanh-stack-"))
        self.workdir.chmod(0o755)  # the PostgreSQL server runs as `postgres` when we are root
        self.redis = redis_server
        self.pg = Postgres(self.workdir)
        self.purges = PurgeRecorder()
        self.mail_dir = self.workdir / "mail"
        self.mail_dir.mkdir()
        self.es_url = elasticsearch_url
        self.index_prefix = f"xuthanh-stack-{secrets.token_hex(3)}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "TRACE_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": self.pg.url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis.url,
            "ELASTICSEARCH_URL": elasticsearch_url,
            "SEARCH_INDEX_PREFIX": self.index_prefix,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            # As behind deploy/nginx, which sets X-Forwarded-For to the client's address.
            "USE_X_FORWARDED_FOR": "1",
            "FRONTEND_CACHE_PURGE_URL": self.purges.url,
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "media"),
            "WEB_WORKERS": "2",
            # The schedule, shortened so that the tests see it run.
            "SCHEDULE_EXPIRE_UNPAID_ORDERS_SECONDS": "2",
            "SCHEDULE_FLUSH_BUFFERS_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
            "PYTHON": sys.executable,
        }
        self.processes: dict[str, Process] = {}

    def manage(self, *args, settings: str | None = None, **extra_env) -> str:
        env = {**self.env, **extra_env}
        if settings:
            env["DJANGO_SETTINGS_MODULE"] = settings
        result = subprocess.run(
            [sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if result.returncode:
            output = f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{output}")
        return result.stdout

    def shell(self, code: str):
        """Run Python in the site's environment and return the JSON it prints last."""
        out = self.manage("shell", "-c", code)
        return json.loads(out.strip().splitlines()[-1])

    def start(self) -> None:
        self.pg.start(first=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        # The demo content under dev settings (production refuses the demo sign-ins), without search.
        self.manage(
            "load_demo",
            settings="portal.settings.dev",
            ELASTICSEARCH_URL="",
            REDIS_URL="",
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        )
        self.manage("search_index", "--rebuild")
        self.manage(
            "createsuperuser",
            "--noinput",
            "--username",
            "stackadmin",
            "--email",
            "stack@example.com",
            DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        )
        for name, role, port in (("web_a", "web", free_port()), ("web_b", "web", free_port())):
            self.processes[name] = Process(name, role, self.env, self.workdir, port)
        self.processes["worker"] = Process("worker", "worker", self.env, self.workdir)
        self.processes["scheduler"] = Process("scheduler", "scheduler", self.env, self.workdir)
        for process in self.processes.values():
            process.start()

    @property
    def a(self) -> str:
        return self.processes["web_a"].url

    @property
    def b(self) -> str:
        return self.processes["web_b"].url

    def logs(self) -> str:
        tails = (f"--- {p.name}\n{p.log_path.read_text(errors='replace')[-3000:]}" for p in self.processes.values())
        return "\n".join(tails)

    def close(self) -> None:
        for process in self.processes.values():
            process.stop()
        self.purges.close()
        self.pg.close()
        subprocess.run(["rm", "-rf", str(self.workdir)], check=False)
        if self.es_url:
            requests.delete(f"{self.es_url}/{self.index_prefix}-*", timeout=30)


class Browser(requests.Session):
    """A visitor over plain HTTP. Production cookies are Secure (HTTPS at nginx); with no
    proxy here the client sends them back over HTTP all the same. Both instances are asked
    for one host name, as nginx passes the site's own name to every app server."""

    def __init__(self):
        super().__init__()
        self.headers["Host"] = "localhost"

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        response = super().request(method, url, *args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response

    def csrf(self, base: str, path: str = "/en/sell/sign-up/") -> str:  # a page with a form sets the cookie
        if "csrftoken" not in self.cookies:
            self.get(base + path)
        return self.cookies.get("csrftoken", "")

    def post_form(self, base: str, path: str, data: dict, headers: dict | None = None):
        data = {"csrfmiddlewaretoken": self.csrf(base), **data}
        return self.post(base + path, data=data, headers={"Referer": base + path, **(headers or {})})

    def sign_in_admin(self, base: str) -> None:
        self.get(base + "/admin/login/")
        response = self.post_form(base, "/admin/login/", {"username": "stackadmin", "password": ADMIN_PASSWORD})
        assert response.status_code == 302, response.text[:500]
