"""`manage.py verify_trace`: a third party checks a published record with the public key only."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from traceability import signing

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


def _published(client, batch, tmp_path, change=None):
    document = json.loads(client.get(f"/t/{batch.public_code}?format=epcis").content)
    if change:
        change(document)
    path = tmp_path / "record.json"
    path.write_text(json.dumps(document))
    return str(path)


def test_published_record_verifies_with_the_public_key(client, shop, recorded_chain, tmp_path):
    out = io.StringIO()
    call_command(
        "verify_trace", _published(client, shop.batch, tmp_path), public_key=signing.public_key_b64(), stdout=out
    )
    assert "Record verified." in out.getvalue()
    call_command("verify_trace", batch=shop.batch.public_code, stdout=out)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["epcisBody"]["eventList"][1].update({"xt:dose": "0.2 kg/ha"}),  # edited event
        lambda d: d["epcisBody"]["eventList"].pop(),  # truncated
        lambda d: d["epcisHeader"]["xt:chain"]["batch"].update({"expiryDate": "2030-01-01"}),  # batch facts
    ],
)
def test_a_changed_record_does_not_verify(client, shop, recorded_chain, tmp_path, change):
    with pytest.raises(CommandError, match="NOT verified"):
        call_command(
            "verify_trace", _published(client, shop.batch, tmp_path, change), public_key=signing.public_key_b64()
        )


def test_another_key_does_not_verify(client, shop, recorded_chain, tmp_path):
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    with pytest.raises(CommandError, match="signature"):
        call_command(
            "verify_trace", _published(client, shop.batch, tmp_path), public_key=base64.b64encode(other).decode()
        )
