"""VietQR bank transfer: the EMVCo merchant-presented payload (NAPAS247) and its QR image.

Layout: ID (2 digits) + length (2 digits) + value; tag 00 first, 63 (CRC) last, the rest
in ascending order. Tag 38 nests the NAPAS GUID, the beneficiary (bank BIN + account)
and the service code; tag 62/08 carries the transfer note (our order code).
"""

import io

from django.conf import settings

from search.folding import strip_marks

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
STATIC = "11"
DYNAMIC = "12"


class PayloadError(ValueError):
    pass


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise PayloadError(f"value of tag {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_text(text: str, limit: int = 25) -> str:
    """Strip Vietnamese diacritics (đ → d) and anything non-ASCII; banks' apps expect ASCII."""
    return strip_marks(text).encode("ascii", "ignore").decode()[:limit]


def build_payload(
    *,
    bin: str,
    account: str,
    amount: int | None = None,
    purpose: str = "",
    bill_number: str = "",
    service: str = SERVICE_TO_ACCOUNT,
) -> str:
    """A VietQR payload; dynamic (one payment) when it has an amount, static otherwise."""
    if not (len(bin) == 6 and bin.isdigit()):
        raise PayloadError("the bank BIN has 6 digits")
    if not account or len(account) > 19 or not (account.isascii() and account.isalnum()):
        raise PayloadError("the account number has 1 to 19 ASCII letters or digits")
    if amount is not None and amount <= 0:
        raise PayloadError("an amount must be positive (leave it out for none)")
    beneficiary = tlv("00", bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", service)
    parts = [tlv("00", "01"), tlv("01", DYNAMIC if amount else STATIC), tlv("38", merchant), tlv("53", CURRENCY_VND)]
    if amount:
        parts.append(tlv("54", str(int(amount))))
    parts.append(tlv("58", "VN"))
    additional = ""
    if bill_number:
        additional += tlv("01", ascii_text(bill_number))
    if purpose:
        additional += tlv("08", ascii_text(purpose))
    if additional:
        parts.append(tlv("62", additional))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse_tlv(data: str) -> list[tuple[str, str]]:
    """Split one level of TLV strictly; raises PayloadError on any length that does not add up."""
    items, i = [], 0
    while i < len(data):
        if i + 4 > len(data):
            raise PayloadError(f"truncated TLV header at {i}")
        tag, length = data[i : i + 2], data[i + 2 : i + 4]
        if not (tag.isdigit() and length.isdigit()):
            raise PayloadError(f"bad TLV header at {i}: {data[i : i + 4]!r}")
        end = i + 4 + int(length)
        if end > len(data):
            raise PayloadError(f"value of tag {tag} runs past the end")
        items.append((tag, data[i + 4 : end]))
        i = end
    return items


def parse_payload(payload: str) -> dict:
    """Check the CRC and all nested lengths; returns the fields. Raises PayloadError."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise PayloadError("the payload does not end with a CRC object")
    expected = f"{crc16_ccitt_false(payload[:-4].encode('utf-8')):04X}"
    if payload[-4:].upper() != expected:
        raise PayloadError(f"CRC mismatch: {payload[-4:]} != {expected}")
    root = parse_tlv(payload)
    tags = dict(root)
    if root[0] != ("00", "01") or root[-1][0] != "63":
        raise PayloadError("tag 00 must come first and tag 63 last")
    if "38" not in tags:
        raise PayloadError("no merchant account information (tag 38)")
    merchant = dict(parse_tlv(tags["38"]))
    beneficiary = dict(parse_tlv(merchant.get("01", "")))
    additional = dict(parse_tlv(tags.get("62", "")))
    amount = tags.get("54")
    if amount is not None and (not amount.replace(".", "", 1).isdigit() or float(amount) == 0):
        raise PayloadError("the amount must be a positive number")
    return {
        "initiation": tags.get("01"),
        "guid": merchant.get("00"),
        "bin": beneficiary.get("00"),
        "account": beneficiary.get("01"),
        "service": merchant.get("02"),
        "currency": tags.get("53"),
        "amount": amount,
        "country": tags.get("58"),
        "bill_number": additional.get("01"),
        "purpose": additional.get("08"),
        "crc": payload[-4:],
    }


def payload_for_order(order) -> str:
    return build_payload(
        bin=settings.VIETQR_BANK_BIN,
        account=settings.VIETQR_ACCOUNT_NUMBER,
        amount=order.total,
        purpose=order.code,
    )


def qr_svg(payload: str) -> str:
    """The payload as an inline SVG (no external request, readable by any banking app)."""
    import qrcode
    import qrcode.image.svg

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=10)
    qr.add_data(payload)
    qr.make(fit=True)
    image = qr.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :] if "<svg" in svg else svg


def qr_png(payload: str, box_size: int = 10) -> bytes:
    """The payload as a PNG, for shoppers who save the code and open it in their banking app."""
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=box_size)
    qr.add_data(payload)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
