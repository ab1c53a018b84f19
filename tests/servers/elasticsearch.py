"""A real Elasticsearch 8 node for the test session.

`elasticsearch_url` (session scope) gives the URL of a cluster the search tests may use:
ELASTICSEARCH_URL when that is set, otherwise a single node started here from Maven
Central's artifacts (tests/servers/es_node/pom.xml says how) on a free loopback port, stopped at
the end of the session. With no java or mvn on the machine, tests that need it are skipped
with one line that says why.
"""

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ES_NODE_DIR = Path(__file__).resolve().parent / "es_node"
START_TIMEOUT = 180  # seconds; the first run also downloads ~60 MB into ~/.m2
HOW_TO = "install Java 17 and Maven (the node comes from Maven Central), or set ELASTICSEARCH_URL"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def _classpath(workdir: Path) -> str:
    """Compile the runner and resolve its classpath (Maven caches the jars in ~/.m2). One build
    at a time: two pytest-xdist workers would write the same target/ and ~/.m2 files."""
    cp_file = workdir / "classpath.txt"
    with open(Path(tempfile.gettempdir()) / "xuthanh-es-node-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = _build(cp_file)
    if result.returncode != 0:
        raise RuntimeError(f"mvn failed in {ES_NODE_DIR}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return f"{ES_NODE_DIR / 'target' / 'classes'}{os.pathsep}{cp_file.read_text().strip()}"


def _build(cp_file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["mvn", "-q", "-B", "compile", "dependency:build-classpath", f"-Dmdep.outputFile={cp_file}"],
        cwd=ES_NODE_DIR,
        capture_output=True,
        text=True,
        timeout=1200,
    )


class ElasticsearchNode:
    def __init__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="xuthanh-es-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log_path = self.workdir / "node.log"

    def start(self) -> None:
        classpath = _classpath(self.workdir)
        self.log = open(self.log_path, "wb")  # noqa: SIM115 — stays open while the node runs
        self.process = subprocess.Popen(
            [
                "java",
                "-Xms512m",
                "-Xmx1g",
                "-Djava.awt.headless=true",
                "-cp",
                classpath,
                "vn.xuthanh.esnode.EsNode",
                str(self.workdir / "node"),
                str(self.port),
                str(_free_port()),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if _answers(self.url):
                return
            time.sleep(0.5)
        tail = self.log_path.read_bytes()[-4000:].decode(errors="replace")
        self.stop()
        raise RuntimeError(f"Elasticsearch node did not answer on {self.url}:\n{tail}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def elasticsearch_url():
    """URL of a live Elasticsearch 8 cluster for this session (started here unless ELASTICSEARCH_URL is set)."""
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        yield url.rstrip("/")
        return
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"live Elasticsearch tests skipped: no {' or '.join(missing)} on PATH; {HOW_TO}")
    node = ElasticsearchNode()
    node.start()
    try:
        yield node.url
    finally:
        node.stop()
