"""Order codes: short, unguessable and easy to read over the phone."""

import secrets

# No 0/O, 1/I/L, no U/V pair confusion: 31 symbols, 8 characters ≈ 39.6 bits.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 8


def new_order_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a person typed (lower case, spaces, dashes) → the stored form."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    """ABCD-EFGH: easier to read aloud."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code
