"""QR images decode to the batch's Digital Link; resolution answers HTML, EPCIS or a clear 404."""

import io

import pytest
import zxingcpp
from django.conf import settings
from PIL import Image

from traceability.qr import qr_png

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = pytest.mark.usefixtures("built_shop")


def _decode_png(data: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))]


def test_png_qr_decodes_to_the_digital_link(client, shop):
    response = client.get(f"/t/{shop.batch.public_code}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    expected = f"{settings.SITE_BASE_URL}/01/08934567890120/10/LX2026-01"
    assert _decode_png(response.content) == [expected]


def test_svg_qr_decodes_to_the_digital_link(client, shop):
    response = client.get(f"/t/{shop.batch.public_code}.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    # Rasterise the SVG path with Pillow (no SVG renderer needed: the path is made of unit squares).
    import re

    svg = response.content.decode()
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    path = re.search(r' d="([^"]+)"', svg).group(1)
    scale = 10
    size = int(width * scale) + 1
    image = Image.new("L", (size, size), 255)
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    squares = re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)", path)
    assert squares
    for x, y, x2, y2 in squares:
        x, y, x2, y2 = float(x), float(y), float(x2), float(y2)
        draw.rectangle([x * scale, y * scale, x2 * scale - 1, y2 * scale - 1], fill=0)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [shop.batch.get_digital_link()]


def test_batch_without_gtin_encodes_its_short_link(shop):
    import datetime

    from traceability.models import Batch

    batch = Batch.objects.create(
        product=shop.product, lot_number="NOGTIN-1", production_date=datetime.date(2026, 1, 1), quantity=1
    )
    assert _decode_png(qr_png(batch.get_digital_link())) == [f"{settings.SITE_BASE_URL}/t/{batch.public_code}"]


def test_public_codes_are_unguessable_and_distinct(shop):
    from traceability.models import new_public_code

    codes = {new_public_code() for _ in range(1000)}
    assert len(codes) == 1000 and all(len(c) == 11 for c in codes)


def test_trace_page_in_accept_language_and_lang_param(client, shop, recorded_chain):
    url = f"/01/{shop.batch.gtin}/10/{shop.batch.lot_number}"
    en = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert en.status_code == 200 and en["Content-Language"] == "en"
    assert b"Nang Huong rice" in en.content and b"Record intact" in en.content
    assert b"Sprayed a biological agent" in en.content
    assert "public" in en["Cache-Control"] and "max-age=60" in en["Cache-Control"]
    vi = client.get(url + "?lang=vi", HTTP_ACCEPT_LANGUAGE="en")
    assert vi["Content-Language"] == "vi" and "Gạo Nàng Hương".encode() in vi.content


def test_gtin13_lot_link_resolves_like_gtin14(client, shop):
    response = client.get(f"/01/8934567890120/10/{shop.batch.lot_number}")
    assert response.status_code == 200


def test_trace_page_shows_first_broken_link(client, shop, recorded_chain):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE traceability_traceevent SET description_vi = 'khác' WHERE id = %s", [recorded_chain[1].pk]
        )
    response = client.get(f"/t/{shop.batch.public_code}?lang=en")
    assert b"breaks at event 2" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/01/08934567890199/10/NO-SUCH-LOT",  # unknown product: nothing to walk up to
        "/01/08934567890120/21/SERIAL1",
        "/01/08934567890199",  # valid check digit, unknown product
        "/t/doesnotexist",
        "/t/doesnotexist.png",
    ],
)
def test_unknown_codes_get_a_clear_404(client, shop, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert b"Page not found" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/01/08934567890128/10/LX2026-01",  # wrong check digit
        "/01/0893456789012A/10/LX2026-01",
        "/01/08934567890120/10/L%C3%94",
        "/01/08934567890120/10/",
        "/01/",
    ],
)
def test_malformed_digital_links_get_a_400(client, shop, path):
    """GS1 resolver standard: a syntax error is a bad request, not an unknown item."""
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400


def test_gtin_alone_redirects_to_the_product_page(client, shop):
    from wagtail.models import Page

    Page.objects.filter(pk__in=[shop.product.pk, shop.producer.pk]).update(live=True)
    response = client.get(f"/01/{shop.batch.gtin}?lang=en")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")


def test_label_sheet_is_for_the_producer_only(client, shop, other_shop, django_user_model):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    url = f"/t/{shop.batch.public_code}/labels.pdf"
    assert client.get(url).status_code == 302  # to the sign-in
    owner = django_user_model.objects.create_user("lua-xanh", password="x")
    stranger = django_user_model.objects.create_user("nem-viet", password="x")
    for user, producer in ((owner, shop.producer), (stranger, other_shop.producer)):
        group = Group.objects.create(name=f"biz-{user.username}")
        GroupPagePermission.objects.create(
            group=group, page=producer, permission=Permission.objects.get(codename="change_page")
        )
        user.groups.add(group)
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert b"DejaVuSans" in response.content  # the embedded font with Vietnamese glyphs


def test_trace_page_query_budget_does_not_grow_with_events(client, settings, shop, recorded_chain):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from traceability.services import record_event

    settings.PAGE_CACHE_SECONDS = 0  # what the page costs to build, not to replay
    url = f"/t/{shop.batch.public_code}?lang=en"
    client.get(url)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        record_event(shop.batch, activity="storing", event_time=timezone.now(), location=shop.farm)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    print("trace page queries:", len(few), len(many))
    assert len(many) == len(few)
    # #25: the batch with its product, locale, areas and producer (1), events and their inputs,
    # attachments and corrections (4), alerts (1), certificates (2), where it was made (3), shell.
    assert len(few) <= 16
