"""GS1's EPCIS 2.0 JSON schema, checked first on every captured document.

The schema is GS1's file (gs1/EPCIS `EPCIS-JSON-Schema.json`, no open licence: not copied
into this repository). The `EPCIS_JSON_SCHEMA` setting names it (tests/run.sh points it at
the published copy the test machines hold). Without it, capture still applies our own checks
(capture.py) and says so in the log once; production deployments install the file.
"""

import json
import logging
from functools import cache
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)
SCHEMA_PROBLEM_LIMIT = 50
EVENT_PATH = ("epcisBody", "eventList")


def schema_path() -> Path | None:
    return Path(settings.EPCIS_JSON_SCHEMA) if settings.EPCIS_JSON_SCHEMA else None


@cache
def validator():
    """The compiled validator (draft-07, with format checks: uri, date-time), or None."""
    from jsonschema import Draft7Validator

    path = schema_path()
    if path is None or not path.exists():
        log.warning("GS1's EPCIS JSON schema is not installed at %s: capture uses its own checks only", path)
        return None
    schema = json.loads(path.read_text())
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def schema_errors(document) -> list[dict]:
    """The schema's objections, each naming the event (its index) and the field."""
    checker = validator()
    if checker is None:
        return []
    problems = []
    for error in checker.iter_errors(document):
        path = list(error.absolute_path)
        index = None
        if tuple(path[:2]) == EVENT_PATH and len(path) > 2 and isinstance(path[2], int):
            index, path = path[2], path[3:]
        problems.append({"event": index, "field": "/".join(str(p) for p in path), "message": error.message[:300]})
        if len(problems) >= SCHEMA_PROBLEM_LIMIT:
            break
    return problems
