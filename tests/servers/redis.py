"""A real Redis server for the tests: Debian's redis-server on a free loopback port.

`make test` installs the package when missing (tests/servers/ensure-redis.sh); without it the
tests that need Redis are skipped with one line. REDIS_URL is not used here on purpose: the
tests stop and restart their server to show what the site does while Redis is down.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """One redis-server process; `stop()` and `start()` again keep the same port."""

    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="xuthanh-redis-"))
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.workdir),
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.workdir / "redis.log"),
            ],
            start_new_session=True,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on {self.url}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server():
    if not Path(REDIS_SERVER).exists():
        pytest.skip("redis-server is missing: install Debian's redis-server (make test does) to run these tests.")
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.close()
