"""Bad input is refused clearly with nothing saved; nobody changes another's post."""

import datetime

import pytest
from django.utils import timezone

from trade.models import Offer, OfferPhoto, Request, Status

from .conftest import make_business, make_buyer, make_offer, make_request
from .test_expiry_and_moderation import offer_form

pytestmark = pytest.mark.django_db


def day(offset: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"quantity": "0"}, "The quantity must be more than zero."),
        ({"quantity": "-5"}, "The quantity must be more than zero."),
        ({"quantity": "abc"}, "Enter a number."),
        ({"quantity": "200000", "unit": "tonne"}, "too large to be a real trade"),
        ({"quantity": "99999999999999999999"}, "Ensure that there are no more than"),
        ({"available_from": day(10), "available_until": day(5)}, "The end date is before the start date."),
        ({"available_from": day(-20), "available_until": day(-1)}, "The end date has already passed."),
        ({"price_per_unit": "999999999999999999999999"}, "cannot be more than 100,000,000,000"),
        ({"price_per_unit": "-1"}, "greater than or equal to 0"),
        ({"min_order": "600"}, "cannot be more than the quantity offered"),
        ({"min_order": "0"}, "The minimum order must be more than zero."),
        ({"title_vi": "", "title_en": ""}, "Give a title in Vietnamese or English."),
        ({"description_vi": "", "description_en": ""}, "Write a description in Vietnamese or English."),
        ({"latitude": "10.77", "longitude": "106.70"}, "far outside the province"),
        ({"latitude": "19.8"}, "Give both latitude and longitude"),
        ({"ward_code": "1"}, "This ward or commune is not in the chosen province."),
    ],
)
def test_bad_offer_input_is_refused_and_nothing_is_saved(client, categories, business, overrides, field_message):
    seller, _ = business
    client.force_login(seller)
    response = client.post("/en/trade/offers/new/", offer_form(categories["crafts"], **overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert field_message in html
    assert not Offer.objects.exists()


def test_a_non_image_photo_is_refused(client, categories, business):
    from django.core.files.uploadedfile import SimpleUploadedFile

    seller, _ = business
    client.force_login(seller)
    data = offer_form(categories["crafts"])
    data["photo"] = SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post("/en/trade/offers/new/", data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Offer.objects.exists() and not OfferPhoto.objects.exists()


def test_a_photo_is_stored_with_the_offer(client, categories, business):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    seller, _ = business
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "JPEG")
    client.force_login(seller)
    data = offer_form(categories["crafts"])
    data["photo"] = SimpleUploadedFile("mat.jpg", buffer.getvalue(), content_type="image/jpeg")
    assert client.post("/en/trade/offers/new/", data).status_code == 302
    offer = Offer.objects.get()
    assert offer.photos.count() == 1
    assert client.get(f"/en/trade/offers/{offer.pk}/").status_code == 200


def test_bad_request_input_is_refused(client, categories, buyer):
    client.force_login(buyer)
    base = {
        "title_vi": "Cần mua",
        "description_vi": "x",
        "quantity": "5",
        "unit": "tonne",
        "deadline": day(10),
        "province_code": "38",
    }
    for overrides, message in [
        ({"deadline": day(-1)}, "The deadline has already passed."),
        ({"quantity": "0"}, "The quantity must be more than zero."),
        ({"province_code": "38", "ward_code": "1"}, "not in the chosen province"),
        ({"latitude": "91", "longitude": "0"}, "Latitude must be between -90 and 90"),
    ]:
        response = client.post("/en/trade/requests/new/", {**base, **overrides})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Request.objects.exists()


def test_html_and_script_are_shown_escaped(client, categories, business):
    seller, _ = business
    client.force_login(seller)
    payload = '<script>alert("x")</script><b>bold</b>'
    data = offer_form(categories["crafts"], title_vi=f"Chiếu {payload}", description_vi=payload)
    assert client.post("/en/trade/offers/new/", data).status_code == 302
    offer = Offer.objects.get()
    assert offer.description_vi == payload  # stored as typed
    for url in (offer.get_absolute_url(), "/vi/trade/", "/vi/trade/mine/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in client.get(offer.get_absolute_url()).content.decode()


def test_editing_another_persons_post_is_forbidden_and_changes_nothing(client, categories, business, buyer, caplog):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], title="Của HTX")
    request = make_request(buyer, category=categories["fruit"], title="Của nhà hàng")
    other_seller, _ = make_business_for_test(client)
    client.force_login(other_seller)
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        response = client.get(f"/en/trade/offers/{offer.pk}/edit/")
    assert response.status_code == 403
    assert "Only the person who posted this" in response.content.decode()
    assert any("refused editing" in r.message for r in caplog.records)
    response = client.post(f"/en/trade/offers/{offer.pk}/edit/", offer_form(categories["fruit"], title_vi="Chiếm"))
    assert response.status_code == 403
    assert client.post(f"/en/trade/offers/{offer.pk}/close/").status_code == 403
    assert client.post(f"/en/trade/requests/{request.pk}/edit/", {"title_vi": "x"}).status_code == 403
    assert client.post(f"/en/trade/requests/{request.pk}/close/").status_code == 403
    offer.refresh_from_db()
    request.refresh_from_db()
    assert (offer.title_vi, offer.status) == ("Của HTX", Status.OPEN)
    assert (request.title_vi, request.status) == ("Của nhà hàng", Status.OPEN)


def make_business_for_test(client):
    from wagtail.models import Page

    from portal.models import HomePage

    home = HomePage.objects.filter(locale__language_code="vi").first()
    en = Page.objects.filter(locale__language_code="en", depth=2).first()
    return make_business((home, en), "cong-ty-khac", verified=True)


def test_the_owner_edits_and_closes_their_post(client, categories, business):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], title="Cũ")
    client.force_login(seller)
    response = client.post(f"/en/trade/offers/{offer.pk}/edit/", offer_form(categories["fruit"], title_vi="Mới"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title_vi == "Mới" and offer.status == Status.OPEN
    assert client.post(f"/en/trade/offers/{offer.pk}/close/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == Status.CLOSED


def test_a_moderator_may_edit_any_post(client, categories, business, moderator):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], title="Sai chính tả")
    client.force_login(moderator)
    response = client.post(f"/en/trade/offers/{offer.pk}/edit/", offer_form(categories["fruit"], title_vi="Đã sửa"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title_vi == "Đã sửa" and offer.owner == seller


def test_posting_for_another_business_is_forbidden(client, categories, business, unverified_business):
    seller, _ = business
    _, other_producer = unverified_business
    client.force_login(seller)
    response = client.post("/en/trade/offers/new/", offer_form(categories["fruit"], producer=other_producer.pk))
    assert response.status_code == 200  # not one of the choices offered to this user
    assert "Select a valid choice" in response.content.decode()
    assert not Offer.objects.exists()


def test_individuals_cannot_offer_and_unverified_individuals_cannot_request(client, categories):
    unverified = make_buyer("chua-xac-minh", email_verified=False)
    client.force_login(unverified)
    for url in ("/en/trade/offers/new/", "/en/trade/requests/new/"):
        response = client.get(url)
        assert response.status_code == 403
    assert "confirmed their e-mail address or phone" in response.content.decode()
    response = client.post("/en/trade/requests/new/", {"title_vi": "x", "quantity": "1", "unit": "kg"})
    assert response.status_code == 403
    assert not Request.objects.exists()

    verified = make_buyer("da-xac-minh", email_verified=True)
    client.force_login(verified)
    assert client.get("/en/trade/requests/new/").status_code == 200
    assert client.get("/en/trade/offers/new/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, site_pages):
    response = client.get("/en/trade/offers/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/trade/sign-in/?next=")


def test_a_vietnamese_decimal_comma_is_understood(client, categories, business):
    seller, _ = business
    client.force_login(seller)
    data = offer_form(categories["crafts"], quantity="12,5", unit="tonne", min_order="0,5")
    assert client.post("/vi/trade/offers/new/", data).status_code == 302
    offer = Offer.objects.get()
    assert (offer.quantity, offer.min_order, offer.base_quantity) == (12.5, 0.5, 12500)
