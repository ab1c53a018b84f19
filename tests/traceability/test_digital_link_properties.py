"""Property: the URI we print for any valid GTIN and lot parses back to the same GTIN and lot."""

from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.gtin import gtin_check_digit
from traceability.digital_link import DigitalLinkError, digital_link_path, parse_digital_link

bodies = st.text(alphabet="0123456789", min_size=13, max_size=13)
lots = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=20)


@settings(max_examples=300, deadline=None)
@given(body=bodies, lot=lots)
def test_our_uris_round_trip(body, lot):
    gtin = body + str(gtin_check_digit(body))
    link = parse_digital_link("https://truyxuat.example.vn" + digital_link_path(gtin, lot))
    assert (link.gtin, link.lot) == (gtin, lot)


@settings(max_examples=300, deadline=None)
@given(body=bodies, wrong=st.integers(1, 9))
def test_any_wrong_check_digit_is_refused(body, wrong):
    gtin = body + str((gtin_check_digit(body) + wrong) % 10)
    try:
        parse_digital_link(f"https://x.vn/01/{gtin}/10/A1", allow_short_gtin=True)
    except DigitalLinkError as error:
        assert error.category == "check_digit"
    else:
        raise AssertionError(f"accepted {gtin}")
