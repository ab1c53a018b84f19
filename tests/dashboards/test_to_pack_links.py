"""The business dashboard's packing list links each order line to the page where it is packed."""

import re

import pytest

from orders.models import OrderLine

from .conftest import PERIOD, admin_client

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def test_lines_waiting_to_be_packed_link_to_their_line(client, activity, user_a):
    admin_client(client, user_a, "en")
    html = client.get("/admin/dashboards/business/", PERIOD).content.decode()
    table = html[html.index('data-table="to-pack"') :]
    table = table[: table.index("</table>")]
    links = re.findall(r'<a href="(/admin/orders/lines/edit/(\d+)/)">DH0001</a>', table)
    assert links, table
    for url, pk in links:
        assert OrderLine.objects.get(pk=pk).order.code == "DH0001"
        assert client.get(url).status_code == 200
