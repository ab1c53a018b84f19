"""VietQR payloads against the known examples (../shared/data/vietqr/cases.json) and QR decoding."""

import json
import os
from pathlib import Path

import pytest

from orders.payments import vietqr

CASES = Path(os.environ.get("VIETQR_CASES", Path(__file__).resolve().parents[2] / "../shared/data/vietqr/cases.json"))


@pytest.fixture(scope="module")
def cases():
    if not CASES.exists():
        pytest.skip(f"VietQR cases not found at {CASES} (set VIETQR_CASES)")
    return json.loads(CASES.read_text(encoding="utf-8"))


def _fields(case):
    decoded = case["decoded"]
    merchant = decoded["merchant_account_information_38"]
    additional = decoded.get("additional_data_62", {})
    amount = decoded.get("transaction_amount_54")
    return {
        "bin": merchant["beneficiary_01"]["acquirer_bin_00"],
        "account": merchant["beneficiary_01"]["consumer_id_01"],
        "service": merchant["service_code_02"],
        "amount": int(amount) if amount else None,
        "purpose": additional.get("purpose_of_transaction_08", ""),
        "bill_number": additional.get("bill_number_01", ""),
    }


def test_crc_check_value():
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


def test_builder_reproduces_every_known_valid_payload(cases):
    assert len(cases["valid"]) >= 12
    for case in cases["valid"]:
        built = vietqr.build_payload(**_fields(case))
        assert built.upper() == case["payload"].upper(), case["id"]
        assert built[-4:] == case["crc"]["computed"], case["id"]  # upper case, zero-padded


def test_parser_accepts_valid_and_rejects_problem_cases(cases):
    for case in cases["valid"] + cases["other_valid"]:
        vietqr.parse_payload(case["payload"])
    for case in cases["problem_cases"]:
        if case["id"].endswith("-corrected"):
            assert vietqr.parse_payload(case["payload"])["account"] == "0011012345678"
            continue
        with pytest.raises(vietqr.PayloadError):
            vietqr.parse_payload(case["payload"])


def test_order_payload_carries_amount_bank_and_code(settings):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = "0011001234567"

    class FakeOrder:  # only the two fields the payload reads
        total = 1_250_000
        code = "K7MQ4XPZ"

    fields = vietqr.parse_payload(vietqr.payload_for_order(FakeOrder()))
    assert fields["initiation"] == "12"
    assert fields["bin"] == "970436"
    assert fields["account"] == "0011001234567"
    assert fields["amount"] == "1250000"
    assert fields["currency"] == "704"
    assert fields["purpose"] == "K7MQ4XPZ"
    assert fields["service"] == "QRIBFTTA"


def test_vietnamese_note_is_folded_to_ascii():
    payload = vietqr.build_payload(bin="970422", account="0123456789", amount=1000, purpose="Thanh toán đơn hàng")
    assert vietqr.parse_payload(payload)["purpose"] == "Thanh toan don hang"


def rasterise_qr_svg(svg: str, scale: int = 8):
    """Draw the modules of qrcode's SVG path (`Mx,yHx2Vy2Hxz` per module) onto a white image."""
    import re

    from PIL import Image, ImageDraw

    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    modules = re.findall(r"M(\d+),(\d+)H(\d+)V(\d+)", svg)
    assert modules, "no QR modules in the SVG"
    for x, y, x2, y2 in modules:
        draw.rectangle([int(x) * scale, int(y) * scale, int(x2) * scale - 1, int(y2) * scale - 1], fill=0)
    return image


def decode_qr_svg(svg: str) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    return [r.text for r in zxingcpp.read_barcodes(rasterise_qr_svg(svg))]


def test_qr_svg_decodes_back_to_the_payload():
    payload = vietqr.build_payload(bin="970436", account="0011001234567", amount=245_000, purpose="K7MQ4XPZ")
    svg = vietqr.qr_svg(payload)
    assert svg.startswith("<svg")
    assert decode_qr_svg(svg) == [payload]
