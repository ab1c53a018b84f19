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


def _give_photo(page, alt):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (600, 400), (200, 160, 40)).save(buffer, "PNG")
    image = get_image_model().objects.create(title="gạo", file=ImageFile(buffer, name="gao.png"))
    image.contextual_alt_text, image.decorative = alt, False
    page.gallery = [("image", image)]
    page.save_revision().publish()
    return image


def test_trace_page_shows_a_small_product_photo_with_alt_text_in_the_page_language(client, shop):
    _give_photo(shop.product, "Bao gạo Nàng Hương")
    _give_photo(shop.product_en, "A bag of Nang Huong rice")

    en = client.get(f"/t/{shop.batch.public_code}?lang=en").content.decode()
    vi = client.get(f"/t/{shop.batch.public_code}?lang=vi").content.decode()

    assert 'alt="A bag of Nang Huong rice"' in en and "fill-240x240" in en
    assert 'alt="Bao gạo Nàng Hương"' in vi


def test_trace_page_photo_costs_a_fixed_two_queries(client, shop, recorded_chain):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from traceability import trace_cache

    url = f"/t/{shop.batch.public_code}?lang=en"
    client.get(url)  # process-wide caches (site root, locales)
    trace_cache.forget_batch(shop.batch.pk)
    with CaptureQueriesContext(connection) as without_photo:
        client.get(url)
    image = _give_photo(shop.product_en, "Rice")
    image.get_rendition("fill-240x240")  # made once, by the first visitor
    trace_cache.forget_batch(shop.batch.pk)
    with CaptureQueriesContext(connection) as with_photo:
        response = client.get(url)

    assert 'alt="Rice"' in response.content.decode()
    assert len(with_photo) == len(without_photo) + 2  # the image and its prefetched rendition
