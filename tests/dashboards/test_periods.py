"""Reversed, absurd or malformed date ranges get a clear message, and the default period is shown."""

import pytest

from .conftest import admin_client

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-10-31", "end": "2026-09-01"}, "The end date is before the start date."),
        ({"start": "1900-01-01", "end": "2026-01-01"}, "Choose dates between 2000-01-01 and next year."),
        ({"start": "2020-01-01", "end": "2025-12-31"}, "Choose a range of at most three years."),
        ({"start": "2026-02-31"}, "Enter a valid date."),
    ],
)
def test_bad_ranges_get_a_clear_message_on_both_dashboards(client, world, province_user, query, message):
    admin_client(client, province_user, "en")
    for url in ("/admin/dashboards/province/", "/admin/dashboards/business/"):
        response = client.get(url, {**query, "producer": world.producers["a"].pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'id="period-errors"' in html and message in html
        assert "Showing the default period instead" in html


def test_the_message_is_translated(client, world, province_user):
    admin_client(client, province_user, "vi")
    html = client.get("/admin/dashboards/province/", {"start": "2026-10-31", "end": "2026-09-01"}).content.decode()
    assert "Ngày kết thúc trước ngày bắt đầu" in html


def test_a_bad_range_on_an_export_falls_back_to_the_default_period(client, world, province_user):
    admin_client(client, province_user)
    response = client.get(
        "/admin/dashboards/province/export/orders-by-month/",
        {"start": "2026-10-31", "end": "2026-09-01", "export": "csv"},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert len(body.strip().splitlines()) == 1 + 12 or len(body.strip().splitlines()) == 1 + 13
