"""RFC 7807 problem details for the EPCIS API, with GS1's EPCIS headers."""

import json

from django.http import HttpResponse

EPCIS_HEADERS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0", "GS1-Extensions": ""}
PROBLEM_TYPES = {
    400: "epcisException:ValidationException",
    401: "epcisException:SecurityException",
    403: "epcisException:SecurityException",
    404: "epcisException:NoSuchResourceException",
    406: "epcisException:NotAcceptableException",
    413: "epcisException:CaptureLimitExceededException",
}


def epcis_headers(response):
    for name, value in EPCIS_HEADERS.items():
        if value:
            response[name] = value
    return response


def problem(status: int, title: str, detail: str = "", errors: list | None = None, instance: str = ""):
    body = {"type": PROBLEM_TYPES.get(status, "about:blank"), "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/problem+json"
    )
    return epcis_headers(response)
