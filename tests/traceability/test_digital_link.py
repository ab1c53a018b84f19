"""GS1 Digital Link parsing and GTIN check digits, against GS1's own cases."""

import json

import pytest

from catalogue.gtin import gtin_check_digit, is_valid_gtin
from traceability.digital_link import DigitalLinkError, parse_digital_link


@pytest.fixture(scope="module")
def cases():
    from tests.traceability.conftest import SHARED_GS1

    path = SHARED_GS1 / "digital-link-cases.json"
    if not path.exists():
        pytest.skip(f"GS1 Digital Link cases not found at {path}")
    return json.loads(path.read_text())


def test_every_valid_gs1_case_parses_to_the_same_element_string(cases):
    for case in cases["valid"]:
        link = parse_digital_link(case["uri"])
        assert link.path_ais == [(a["ai"], a["value"]) for a in case["path_ais"]], case["uri"]
        assert link.query_ais == [(a["ai"], a["value"]) for a in case["query_ais"]], case["uri"]
        assert link.element_string == case["element_string"], case["uri"]
    assert len(cases["valid"]) == 40


def test_every_invalid_gs1_case_is_refused(cases):
    accepted = []
    for case in cases["invalid"]:
        try:
            parse_digital_link(case["uri"])
            accepted.append(case["uri"])
        except DigitalLinkError:
            pass
    assert accepted == []
    assert len(cases["invalid"]) == 40


def test_short_gtins_are_refused_strictly_and_padded_in_legacy_mode(cases):
    for case in cases["padding"]:
        with pytest.raises(DigitalLinkError):
            parse_digital_link(case["uri"])
        assert parse_digital_link(case["uri"], allow_short_gtin=True).gtin == case["gtin14"]


def test_check_digit_cases(cases):
    for case in cases["check_digits"]:
        assert is_valid_gtin(case["gtin"]) is case["valid"], case["gtin"]
        assert gtin_check_digit(case["gtin"][:-1]) == case["correct_check_digit"]


@pytest.mark.parametrize(
    "uri",
    [
        "https://x.vn/01/08934567890128/10/LOT1",  # wrong check digit
        "https://x.vn/01/8934567890128/10/LOT1",  # wrong check digit, short form
        "https://x.vn/01/0893456789012A",
        "https://x.vn/01/08934567890120/10/L%C3%94",  # Ô is not in character set 82
        "https://x.vn/01/08934567890120/10/",
        "https://x.vn/01/08934567890120?10=LOT1",
    ],
)
def test_malformed_links_are_refused_even_in_legacy_mode(uri):
    with pytest.raises(DigitalLinkError):
        parse_digital_link(uri, allow_short_gtin=True)


def test_gtin13_in_path_is_padded_for_old_labels():
    link = parse_digital_link("https://x.vn/01/8934567890120/10/LOT-1?17=271001", allow_short_gtin=True)
    assert (link.gtin, link.lot, link.get("17")) == ("08934567890120", "LOT-1", "271001")
