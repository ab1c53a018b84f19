"""Reviews (#21): a buyer reviews a delivered line once, with up to 3 photos; the business
answers once; a moderator hides a review; the product and producer pages show them, with the
response cache and the fragment caches on (as in production)."""

import io
import json
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from orders.models import LineStatus, Review
from orders.services import CustomerDetails, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


def png(name="photo.png", size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def place(user, shop, *, delivered=True):
    from portal.places import ward_choices

    details = CustomerDetails("Nguyễn Thị Lan", "0912345678", "", 38, ward_choices(38)[0][0], "12 Lê Lợi", "", "cod")
    order, _ = place_order({shop.variant_a.pk: 1, shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    order.user = user
    order.save(update_fields=["user"])
    if delivered:
        order.lines.update(status=LineStatus.DELIVERED)
    return order


@pytest.fixture
def buyer():
    return get_user_model().objects.create_user(username="lan", password="changeme")


@pytest.fixture
def order(buyer, shop):
    return place(buyer, shop)


def review_url(order, line):
    return f"/vi/account/orders/{order.code}/lines/{line.pk}/review/"


def line_of(order, producer):
    return order.lines.get(producer=producer)


def json_ld_product(html):
    for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "Product":
            return data
    raise AssertionError("no Product JSON-LD")


def test_buyer_reviews_a_delivered_line_with_photos(client, buyer, order, shop):
    line = line_of(order, shop.producer_a)
    client.force_login(buyer)
    assert client.get(review_url(order, line)).status_code == 200
    response = client.post(
        review_url(order, line), {"rating": "4", "text": "Chua vừa, thơm.", "photos": [png("a.png"), png("b.png")]}
    )
    assert response.status_code == 302
    review = Review.objects.get(line=line)
    assert (review.rating, review.text, review.author_name) == (4, "Chua vừa, thơm.", "Lan N.")
    assert review.product_translation_key == shop.product_a.translation_key
    assert review.photos.count() == 2


def test_order_page_links_each_delivered_line_to_its_review_form(client, buyer, shop):
    order = place(buyer, shop, delivered=False)
    line = line_of(order, shop.producer_a)
    line.status = LineStatus.DELIVERED
    line.save()
    client.force_login(buyer)
    page = client.get(f"/vi/orders/{order.code}/").content.decode()
    assert review_url(order, line) in page
    assert review_url(order, line_of(order, shop.producer_b)) not in page  # not delivered yet


def test_account_order_page_links_delivered_lines_until_reviewed(client, buyer, order, shop):
    line = line_of(order, shop.producer_a)
    client.force_login(buyer)
    page = client.get(f"/vi/account/orders/{order.code}/").content.decode()
    assert review_url(order, line) in page
    client.post(review_url(order, line), {"rating": "5"})
    page = client.get(f"/vi/account/orders/{order.code}/").content.decode()
    assert review_url(order, line) not in page
    assert review_url(order, line_of(order, shop.producer_b)) in page


def test_a_line_not_yet_delivered_cannot_be_reviewed(client, buyer, shop):
    order = place(buyer, shop, delivered=False)
    line = line_of(order, shop.producer_a)
    client.force_login(buyer)
    response = client.post(review_url(order, line), {"rating": "5"})
    assert response.status_code == 400
    assert "delivered" in response.content.decode() or "giao" in response.content.decode()
    assert not Review.objects.exists()


def test_a_line_is_reviewed_once(client, buyer, order, shop):
    line = line_of(order, shop.producer_a)
    client.force_login(buyer)
    assert client.post(review_url(order, line), {"rating": "5"}).status_code == 302
    assert client.post(review_url(order, line), {"rating": "1"}).status_code == 400
    assert list(Review.objects.values_list("rating", flat=True)) == [5]


def test_only_the_orders_own_user_reviews(client, buyer, order, shop):
    line = line_of(order, shop.producer_a)
    other = get_user_model().objects.create_user(username="other", password="changeme")
    client.force_login(other)
    assert client.post(review_url(order, line), {"rating": "1"}).status_code == 404
    client.logout()
    assert client.post(review_url(order, line), {"rating": "1"}).status_code == 302  # to sign in
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"rating": "6"}, "rating"),
        ({"rating": ""}, "rating"),
        ({"rating": "5", "text": "x" * 2001}, "text"),
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(client, buyer, order, shop, data, field):
    client.force_login(buyer)
    response = client.post(review_url(order, line_of(order, shop.producer_a)), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Review.objects.exists()


def test_at_most_three_photos(client, buyer, order, shop):
    client.force_login(buyer)
    photos = [png(f"{n}.png") for n in range(4)]
    response = client.post(review_url(order, line_of(order, shop.producer_a)), {"rating": "5", "photos": photos})
    assert response.status_code == 400
    assert response.context["form"].errors["photos"]
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("junk.png", b"not an image at all", content_type="image/png"),
        SimpleUploadedFile("broken.gif", b"GIF89a" + b"\x00junk" * 40, content_type="image/gif"),
        SimpleUploadedFile("page.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"),
    ],
    ids=["junk", "gif-header-and-junk", "svg"],
)
def test_a_bad_photo_is_refused(client, buyer, order, shop, upload):
    client.force_login(buyer)
    response = client.post(review_url(order, line_of(order, shop.producer_a)), {"rating": "5", "photos": [upload]})
    assert response.status_code == 400
    assert response.context["form"].errors["photos"]
    assert not Review.objects.exists()
