"""Ed25519 signatures of each batch's chain head, with a key that is not in the database.

`TRACE_SIGNING_KEY` is the 32-byte private seed, base64 (`manage.py verify_trace --new-key`
prints one). Production settings require it; elsewhere a key is derived from SECRET_KEY so
that development and tests need no setup. Whoever can edit the database but not read the
key cannot make a forged or truncated chain carry a valid signature.
"""

import base64
import hashlib
import json
import os

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "Ed25519"


def _seed() -> bytes:
    raw = getattr(settings, "TRACE_SIGNING_KEY", "") or os.environ.get("TRACE_SIGNING_KEY", "")
    if raw:
        try:
            seed = base64.b64decode(raw, validate=True)
        except ValueError as error:
            raise ImproperlyConfigured("TRACE_SIGNING_KEY must be 32 bytes in base64.") from error
        if len(seed) != 32:
            raise ImproperlyConfigured("TRACE_SIGNING_KEY must be 32 bytes in base64.")
        return seed
    if getattr(settings, "TRACE_SIGNING_KEY_REQUIRED", False):
        raise ImproperlyConfigured("Set TRACE_SIGNING_KEY (32 random bytes, base64) in production.")
    # Development and tests: a key of its own, derived one-way from the secret key.
    return hashlib.sha256(b"xuthanh trace signing key\n" + settings.SECRET_KEY.encode()).digest()


def private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_seed())


def public_key_b64() -> str:
    raw = private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def head_message(batch_uri: str, length: int, head: str) -> bytes:
    """What is signed: the batch's identifier, its number of events and its latest hash."""
    return json.dumps(
        {"batch": batch_uri, "events": length, "head": head}, sort_keys=True, separators=(",", ":")
    ).encode()


def sign_head(batch_uri: str, length: int, head: str) -> str:
    return base64.b64encode(private_key().sign(head_message(batch_uri, length, head))).decode()


def verify_head(batch_uri: str, length: int, head: str, signature: str, public_key: str | None = None) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key or public_key_b64()))
        key.verify(base64.b64decode(signature or ""), head_message(batch_uri, length, head))
    except (InvalidSignature, ValueError):
        return False
    return True


def new_key_b64() -> str:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base64.b64encode(raw).decode()
