"""The two independent GS1 event-hash oracles: GS1's Python reference and GS1 France's epcis2.js."""

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

GS1_NODE_DIR = Path(__file__).resolve().parent / "gs1"


def python_hashes(document: dict) -> list[str]:
    """GS1's `epcis-event-hash-generator` (PyPI, pinned in requirements.txt) on every event of a document."""
    from epcis_event_hash_generator import hash_generator, json_to_py

    document = copy.deepcopy(document)  # it rewrites what it is given
    events = document["epcisBody"].get("eventList") or document["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    for event in events:
        event.pop("eventID", None)
    parsed = json_to_py.event_list_from_epcis_document_json(document)
    return hash_generator.epcis_hashes_from_events(parsed, "sha256")


def epcis2js_hashes(document: dict) -> list[str]:
    """GS1 France's epcis2.js 2.7.3 (npm, installed by `make test` under tests/traceability/gs1)."""
    node = shutil.which("node")
    if node is None or not (GS1_NODE_DIR / "node_modules" / "epcis2.js").exists():
        pytest.skip("epcis2.js is not installed (make test runs npm install in tests/traceability/gs1)")
    result = subprocess.run(  # noqa: S603 -- our own script, fixed arguments
        [node, str(GS1_NODE_DIR / "event_hashes.js")],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)
