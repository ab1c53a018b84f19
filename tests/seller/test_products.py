"""Products in the workspace: one form, Wagtail revisions and the moderation workflow underneath."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.models import Locale, WorkflowState

from catalogue import seller_services
from catalogue.models import ProductPage, ProductVariant
from tests.factories.catalogue import make_gtin13, make_product

pytestmark = pytest.mark.django_db


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf(name="vietgap.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n", content_type="application/pdf")


def product_post(**extra):
    data = {
        "title": "Nước mắm cốt 40 độ đạm",
        "summary": "Ủ chượp 18 tháng trong thùng gỗ.",
        "body": "Cá cơm tươi.\n\nMuối Diêm Điền.",
        "title_en": "",
        "summary_en": "",
        "body_en": "",
        "category": "",
        "shelf_life_days": "730",
        "storage": "Nơi khô ráo",
        "packs-TOTAL_FORMS": "2",
        "packs-INITIAL_FORMS": "0",
        "packs-MIN_NUM_FORMS": "0",
        "packs-MAX_NUM_FORMS": "30",
        "packs-0-name": "Chai 500 ml",
        "packs-0-price": "120000",
        "packs-0-stock": "30",
        "packs-0-gtin": "",
        "packs-1-name": "Chai 1 lít",
        "packs-1-price": "210000",
        "packs-1-stock": "12",
        "packs-1-gtin": make_gtin13(987001),
        "certificates-TOTAL_FORMS": "1",
        "certificates-INITIAL_FORMS": "0",
        "certificates-MIN_NUM_FORMS": "0",
        "certificates-MAX_NUM_FORMS": "20",
        "certificates-0-kind": "",
    }
    data.update(extra)
    return data


def test_new_product_is_created_under_own_producer_and_waits_for_approval(seller_client, seller, client):
    user, producer, _en = seller
    response = seller_client.post("/vi/seller/products/new/", product_post(photos=[jpeg()]))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm")
    assert page.get_parent().pk == producer.pk and page.locale == producer.locale
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    variants = list(ProductVariant.objects.filter(product=page).order_by("sort_order"))
    assert [(v.name, v.price, v.stock) for v in variants] == [("Chai 500 ml", 120000, 30), ("Chai 1 lít", 210000, 12)]
    assert all(v.sku for v in variants) and variants[1].gtin == make_gtin13(987001).zfill(14)
    image = page.gallery[0].value
    assert image.collection == seller_services.business_collection(producer)
    # Never visible to the public until approved.
    assert Client().get(page.url or f"/vi/nha-san-xuat/{producer.slug}/{page.slug}/").status_code == 404


def test_moderator_approval_publishes_the_product(seller_client, seller, moderator):
    seller_client.post("/vi/seller/products/new/", product_post())
    page = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm")
    page.current_workflow_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    assert seller_client.get(page.url).status_code == 200


def test_sent_back_product_shows_the_moderators_comment_and_resubmits(seller_client, seller, moderator):
    seller_client.post("/vi/seller/products/new/", product_post())
    page = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm")
    page.current_workflow_task_state.reject(user=moderator, comment="Thiếu ảnh sản phẩm")
    listing = seller_client.get("/vi/seller/products/").content.decode()
    assert "Thiếu ảnh sản phẩm" in listing
    edit = seller_client.get(f"/vi/seller/products/{page.pk}/")
    assert edit.status_code == 200 and "Thiếu ảnh sản phẩm" in edit.content.decode()
    variants = list(ProductVariant.objects.filter(product=page).order_by("sort_order"))
    data = product_post(
        **{
            "packs-INITIAL_FORMS": "2",
            "packs-0-id": str(variants[0].pk),
            "packs-1-id": str(variants[1].pk),
            "photos": [jpeg()],
        }
    )
    assert seller_client.post(f"/vi/seller/products/{page.pk}/", data).status_code == 302
    state = WorkflowState.objects.get(pk=page.current_workflow_state.pk)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert ProductVariant.objects.filter(product=page).count() == 2


def test_editing_a_live_product_keeps_the_public_version_until_approved_but_stock_and_price_apply_now(
    seller_client, seller, moderator, client
):
    _user, producer, _en = seller
    page = make_product(producer, title="Chiếu cói", variants=((100000, 5),))
    variant = page.variants.get()
    data = product_post(
        title="Chiếu cói mới",
        **{
            "packs-TOTAL_FORMS": "1",
            "packs-INITIAL_FORMS": "1",
            "packs-0-id": str(variant.pk),
            "packs-0-name": variant.name,
            "packs-0-price": "90000",
            "packs-0-stock": "40",
            "packs-0-gtin": variant.gtin,
        },
    )
    del data["packs-1-name"], data["packs-1-price"], data["packs-1-stock"], data["packs-1-gtin"]
    response = seller_client.post(f"/vi/seller/products/{page.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    variant.refresh_from_db()
    assert (variant.price, variant.stock) == (90000, 40)
    page.refresh_from_db()
    assert page.title == "Chiếu cói" and page.live and page.price_min == 90000
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Chiếu cói mới" not in Client().get(page.url).content.decode()
    page.current_workflow_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.title == "Chiếu cói mới"
    variant.refresh_from_db()
    assert variant.stock == 40


def test_english_words_become_the_english_translation_through_wagtail_localize(seller_client, seller):
    data = product_post(title_en="Fish sauce 40N", summary_en="Aged 18 months in wooden barrels.")
    assert seller_client.post("/vi/seller/products/new/", data).status_code == 302
    page = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm")
    en_page = page.get_translation(Locale.objects.get(language_code="en")).specific
    latest = en_page.get_latest_revision_as_object()
    assert latest.title == "Fish sauce 40N" and latest.summary == "Aged 18 months in wooden barrels."
    assert not en_page.live
    assert seller_services.english_state(page) == seller_services.EN_PARTIAL  # the description is not translated
    listing = seller_client.get("/en/seller/products/").content.decode()
    assert "English: partly translated" in listing


def test_product_without_english_is_marked_not_yet_translated(seller_client, seller):
    seller_client.post("/vi/seller/products/new/", product_post())
    page = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm")
    assert page.get_translation_or_none(Locale.objects.get(language_code="en")) is None
    assert "English: not yet translated" in seller_client.get("/en/seller/products/").content.decode()


def test_certificate_scan_is_stored_in_the_business_collection(seller_client, seller):
    _user, producer, _en = seller
    data = product_post(
        **{
            "certificates-0-kind": "vietgap",
            "certificates-0-number": "VG-123",
            "certificates-0-issuer": "Sở NN&PTNT Thanh Hóa",
            "certificates-0-valid_until": "2027-06-30",
            "certificates-0-scan": pdf(),
        }
    )
    assert seller_client.post("/vi/seller/products/new/", data).status_code == 302
    certificate = ProductPage.objects.get(title="Nước mắm cốt 40 độ đạm").certificates.get()
    assert certificate.number == "VG-123"
    assert certificate.document.collection == seller_services.business_collection(producer)


def test_a_scan_that_is_not_what_its_name_says_is_refused_and_nothing_is_stored(seller_client, seller):
    fake = SimpleUploadedFile("vietgap.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    data = product_post(**{"certificates-0-kind": "vietgap", "certificates-0-scan": fake})
    response = seller_client.post("/vi/seller/products/new/", data)
    assert response.status_code == 400
    assert not ProductPage.objects.filter(title="Nước mắm cốt 40 độ đạm").exists()


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(seller_client, seller):
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    response = seller_client.post("/vi/seller/products/new/", product_post(photos=[fake]))
    assert response.status_code == 400
    assert not ProductPage.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [("packs-0-price", "0"), ("packs-0-stock", "-1"), ("packs-0-gtin", "8930000000001"), ("title", "")],
)
def test_bad_input_is_a_400_and_nothing_is_written(seller_client, seller, field, value):
    response = seller_client.post("/vi/seller/products/new/", product_post(**{field: value}))
    assert response.status_code == 400
    assert not ProductPage.objects.exists()


def test_a_product_needs_at_least_one_pack(seller_client, seller):
    data = product_post(**{"packs-0-name": "", "packs-0-price": "", "packs-0-stock": "0"})
    data.update({"packs-1-name": "", "packs-1-price": "", "packs-1-stock": "0", "packs-1-gtin": ""})
    response = seller_client.post("/en/seller/products/new/", data)
    assert response.status_code == 400
    assert "Add at least one pack with its price." in response.content.decode()
    assert not ProductPage.objects.exists()


def test_a_barcode_number_another_product_uses_is_refused(seller_client, seller, other_seller):
    other = make_product(other_seller[1], title="Chiếu")
    taken = other.variants.get().gtin
    response = seller_client.post("/en/seller/products/new/", product_post(**{"packs-1-gtin": taken}))
    assert response.status_code == 400
    assert "Another product already uses this barcode number." in response.content.decode()


def test_another_business_product_is_404_and_logged(seller_client, other_seller, caplog):
    other = make_product(other_seller[1], title="Chiếu")
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        assert seller_client.get(f"/vi/seller/products/{other.pk}/").status_code == 404
        assert seller_client.post(f"/vi/seller/products/{other.pk}/", product_post()).status_code == 404
    assert any("another business" in r.getMessage() for r in caplog.records)
    other.refresh_from_db()
    assert other.title == "Chiếu"


def test_stock_changes_from_the_list_in_one_step(seller_client, seller):
    page = make_product(seller[1], title="Chiếu", variants=((100000, 0),))
    variant = page.variants.get()
    assert "Chiếu" in seller_client.get("/vi/seller/products/").content.decode()
    response = seller_client.post(f"/vi/seller/products/packs/{variant.pk}/stock/", {f"v{variant.pk}-stock": "25"})
    assert response.status_code == 302
    variant.refresh_from_db()
    page.refresh_from_db()
    assert variant.stock == 25 and page.in_stock


def test_stock_of_another_business_pack_is_404_and_unchanged(seller_client, other_seller, caplog):
    variant = make_product(other_seller[1], title="Chiếu", variants=((100000, 3),)).variants.get()
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        response = seller_client.post(f"/vi/seller/products/packs/{variant.pk}/stock/", {f"v{variant.pk}-stock": "99"})
    assert response.status_code == 404
    variant.refresh_from_db()
    assert variant.stock == 3
    assert any("another business" in r.getMessage() for r in caplog.records)


def test_negative_stock_from_the_list_is_refused(seller_client, seller):
    variant = make_product(seller[1], title="Chiếu", variants=((100000, 3),)).variants.get()
    seller_client.post(f"/vi/seller/products/packs/{variant.pk}/stock/", {f"v{variant.pk}-stock": "-4"})
    variant.refresh_from_db()
    assert variant.stock == 3


def test_workspace_screens_use_no_cms_words(seller_client, seller):
    page = make_product(seller[1], title="Chiếu")
    for lang in ("vi", "en"):
        for path in ("", "products/", "products/new/", f"products/{page.pk}/"):
            text = seller_client.get(f"/{lang}/seller/{path}").content.decode().lower()
            for word in ("subpage", "revision", "slug", "sku"):
                assert word not in text, (lang, path, word)


def test_prices_are_read_as_the_language_writes_them(seller_client, seller):
    data = product_post(**{"packs-0-price": "120.000", "packs-1-price": "1.210.000"})
    assert seller_client.post("/vi/seller/products/new/", data).status_code == 302
    prices = sorted(ProductVariant.objects.values_list("price", flat=True))
    assert prices == [120000, 1210000]


def test_a_product_translated_outside_the_workspace_counts_as_translated_and_fills_the_form(seller_client, seller):
    _user, producer, en_producer = seller
    page = make_product(producer, title="Chiếu cói", en_producer=en_producer, title_en="Sedge mat")
    assert seller_services.english_state(page) == seller_services.EN_DONE
    form = seller_client.get(f"/en/seller/products/{page.pk}/").content.decode()
    assert 'value="Sedge mat"' in form and "English: translated" in form


@pytest.mark.parametrize("body", ["gif_with_junk", "png_121_megapixels"])
def test_a_junk_or_oversized_photo_is_a_400_and_nothing_is_stored(seller_client, seller, body):
    from tests.portal.test_image_uploads import GIF_WITH_JUNK, blank_png

    content = GIF_WITH_JUNK if body == "gif_with_junk" else blank_png(11_000, 11_000)
    photo = SimpleUploadedFile("photo.gif" if body == "gif_with_junk" else "photo.png", content)
    response = seller_client.post("/vi/seller/products/new/", product_post(photos=[photo]))
    assert response.status_code == 400
    assert not ProductPage.objects.exists()
