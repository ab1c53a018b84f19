"""Fixtures for the PayOS stand-in (tests/servers/payos_standin.py): the process, and the site's
PayOS settings set to the keys it signs with. Import them from a conftest or test module:
`from tests.servers.payos import payos_settings, payos_standin  # noqa: F401`."""

import socket

import pytest

from tests.servers.payos_standin import API_KEY, CHECKSUM_KEY, CLIENT_ID, StandIn

__all__ = ["payos_settings", "payos_standin"]


@pytest.fixture(scope="session")
def payos_standin():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    stand_in = StandIn(port)
    yield stand_in
    stand_in.stop()


@pytest.fixture
def payos_settings(settings, payos_standin):
    settings.PAYOS_CLIENT_ID = CLIENT_ID
    settings.PAYOS_API_KEY = API_KEY
    settings.PAYOS_CHECKSUM_KEY = CHECKSUM_KEY
    return payos_standin
