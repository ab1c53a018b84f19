"""The site's own error page when the database is gone, and the icon browsers ask for."""

import socket

import pytest
from django.db import OperationalError, connections
from django.test import RequestFactory
from django.utils import translation

from portal.views import server_error


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens here once the socket is closed


@pytest.fixture
def unreachable_database(django_db_blocker):
    """The default connection pointed at a port where no PostgreSQL listens (a real refusal,
    as when the database crashes mid-request), restored afterwards."""
    connection = connections["default"]
    with django_db_blocker.unblock():
        connection.close()
        saved = dict(connection.settings_dict)
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
        with pytest.raises(OperationalError):
            connection.ensure_connection()
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


@pytest.mark.parametrize(("lang", "text"), [("vi", "Đã có lỗi xảy ra"), ("en", "Something went wrong")])
def test_server_error_page_renders_with_the_database_unreachable(unreachable_database, lang, text):
    request = RequestFactory().post(f"/{lang}/checkout/")
    with translation.override(lang):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html
    assert text in html
    assert "/static/portal/site.css" in html  # the site's page, not the server's bare one
    assert f'href="/{lang}/orders/lookup/"' in html


def test_the_site_uses_its_own_500_handler():
    from portal import urls

    assert urls.handler500 == "portal.views.server_error"
