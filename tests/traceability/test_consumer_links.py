"""What consumers see of traceability outside the trace page, and what they can send back."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def _new_batch(shop, lot, day, **extra):
    from traceability.models import Batch

    return Batch.objects.create(
        product=shop.product,
        variant=shop.variant,
        lot_number=lot,
        production_date=datetime.date(2026, 10, day),
        quantity=10,
        unit="kg",
        **extra,
    )


def test_product_page_links_its_three_latest_active_lots_to_their_trace_pages(client, shop):
    older = [_new_batch(shop, f"LX-OLD-{day}", day) for day in (2, 3)]
    newest = _new_batch(shop, "LX-NEW", 9)
    _new_batch(shop, "LX-RECALLED", 20, status="recalled")

    html = client.get(shop.product_en.url).content.decode()

    assert "Traceable" in html
    for batch in (newest, *older):
        assert f'href="{batch.get_absolute_url()}"' in html
        assert batch.lot_number in html
    assert "LX-RECALLED" not in html  # a recalled lot is not offered as a proof of origin
    assert shop.batch.lot_number not in html  # the fourth most recent is left out
    assert html.index("LX-NEW") < html.index("LX-OLD-3") < html.index("LX-OLD-2")


def test_product_page_shows_its_gs1_digital_link_for_each_pack_with_a_gtin(client, shop):
    html = client.get(shop.product_en.url).content.decode()

    assert f'href="/01/{shop.variant.gtin}"' in html
    assert client.get(f"/01/{shop.variant.gtin}").status_code in (301, 302)


def test_product_page_says_traceable_in_vietnamese(client, shop):
    html = client.get(shop.product.url).content.decode()

    assert "Truy xuất được nguồn gốc" in html
    assert f"Lô {shop.batch.lot_number}" in html


def test_a_new_lot_drops_the_cached_product_detail(client, shop, settings, django_capture_on_commit_callbacks):
    settings.FRAGMENT_CACHE_SECONDS = 300
    assert "LX-LATER" not in client.get(shop.product_en.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        _new_batch(shop, "LX-LATER", 15)

    assert "LX-LATER" in client.get(shop.product_en.url).content.decode()


def test_a_recall_drops_the_lot_from_the_cached_product_detail(
    client, shop, settings, django_capture_on_commit_callbacks
):
    from traceability.services import recall_batch

    settings.FRAGMENT_CACHE_SECONDS = 300
    assert shop.batch.lot_number in client.get(shop.product_en.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(shop.batch, "Mốc")

    assert shop.batch.lot_number not in client.get(shop.product_en.url).content.decode()
