"""Reviews on the pages (#21): the business answers once from the seller workspace, a moderator
hides a review in the admin, and the product and producer pages show each change on the next
request with the response cache and the fragment caches on (tests run with them, as production)."""

import pytest
from django.contrib.auth import get_user_model

from orders.models import Review
from orders.reviews.services import submit_review
from tests.orders.test_reviews import json_ld_product, line_of, place

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


@pytest.fixture
def buyer():
    return get_user_model().objects.create_user(username="lan", password="changeme")


@pytest.fixture
def reviewed(buyer, shop):
    """Two orders of the same buyer, products A and B delivered; A rated 5 and 2, B rated 4."""
    first, second = place(buyer, shop), place(buyer, shop)
    a1 = submit_review(line_of(first, shop.producer_a), buyer, rating=5, text="Ngon, đóng gói kỹ.")
    a2 = submit_review(line_of(second, shop.producer_a), buyer, rating=2, text="Hơi chua.")
    b = submit_review(line_of(first, shop.producer_b), buyer, rating=4, text="Chiếu đẹp.")
    return a1, a2, b


def anonymous_get(client, url):
    """As a visitor without cookies, so that the response cache may answer."""
    client.cookies.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_product_json_ld_has_aggregate_rating_and_reviews(client, shop, reviewed):
    data = json_ld_product(anonymous_get(client, shop.product_a.url).content.decode())
    assert data["aggregateRating"]["@type"] == "AggregateRating"
    assert data["aggregateRating"]["ratingValue"] == 3.5
    assert data["aggregateRating"]["reviewCount"] == 2
    assert sorted(r["reviewRating"]["ratingValue"] for r in data["review"]) == [2, 5]
    assert {r["author"]["name"] for r in data["review"]} == {"Lan N."}


def test_a_product_without_reviews_has_no_rating_in_json_ld(client, shop):
    data = json_ld_product(anonymous_get(client, shop.product_a.url).content.decode())
    assert "aggregateRating" not in data and "review" not in data


def test_producer_page_shows_its_average(client, shop, reviewed):
    page = anonymous_get(client, shop.producer_a.url).content.decode()
    assert "3,5" in page  # Vietnamese decimal comma
    assert "2 đánh giá" in page or "2 reviews" in page


def test_new_review_shows_on_the_next_request_with_caches_on(client, buyer, shop, reviewed):
    anonymous_get(client, shop.product_b.url)
    second = anonymous_get(client, shop.product_b.url)
    assert second.headers.get("X-Page-Cache") == "hit"
    assert "Chiếu đẹp." in second.content.decode()
    third_order = place(buyer, shop)
    submit_review(line_of(third_order, shop.producer_b), buyer, rating=1, text="Giao chậm quá.")
    page = anonymous_get(client, shop.product_b.url).content.decode()
    assert "Giao chậm quá." in page
    assert json_ld_product(page)["aggregateRating"]["reviewCount"] == 2
    assert "2,5" in anonymous_get(client, shop.producer_b.url).content.decode()


def test_hidden_review_is_gone_from_the_page_on_the_next_request(client, shop, reviewed):
    a1, a2, b = reviewed
    assert "Hơi chua." in anonymous_get(client, shop.product_a.url).content.decode()
    assert anonymous_get(client, shop.product_a.url).headers.get("X-Page-Cache") == "hit"
    anonymous_get(client, shop.producer_a.url)
    moderator = get_user_model().objects.create_superuser("mod", "mod@example.com", "changeme")
    client.force_login(moderator)
    edit = f"/admin/orders/reviews/edit/{a2.pk}/"
    assert client.post(edit, {"is_hidden": "on", "hidden_reason": ""}).status_code == 200  # reason required
    assert not Review.objects.get(pk=a2.pk).is_hidden
    assert client.post(edit, {"is_hidden": "on", "hidden_reason": "Nội dung không liên quan"}).status_code == 302
    hidden = Review.objects.get(pk=a2.pk)
    assert hidden.is_hidden and hidden.hidden_by == moderator and hidden.hidden_at
    client.logout()
    page = anonymous_get(client, shop.product_a.url).content.decode()
    assert "Hơi chua." not in page
    assert json_ld_product(page)["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 5.0,
        "reviewCount": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert "5,0" in anonymous_get(client, shop.producer_a.url).content.decode()


def test_only_moderators_reach_the_reviews_admin(client, shop, reviewed, business_users):
    client.force_login(business_users[0])
    assert client.get("/admin/orders/reviews/").status_code in (302, 403)
    response = client.post(f"/admin/orders/reviews/edit/{reviewed[0].pk}/", {"is_hidden": "on", "hidden_reason": "x"})
    assert response.status_code in (302, 403) and not response.headers.get("Location", "").endswith("/reviews/")
    assert not Review.objects.filter(is_hidden=True).exists()


def test_business_answers_once_and_the_answer_shows(client, shop, reviewed, business_users):
    a1 = reviewed[0]
    anonymous_get(client, shop.product_a.url)
    client.force_login(business_users[0])
    listing = client.get("/vi/seller/reviews/").content.decode()
    assert "Ngon, đóng gói kỹ." in listing and "Chiếu đẹp." not in listing  # only its own products
    url = f"/vi/seller/reviews/{a1.pk}/answer/"
    assert client.post(url, {"answer": "Cảm ơn chị đã ủng hộ!"}).status_code == 302
    assert client.post(url, {"answer": "Lần hai"}).status_code == 302
    a1.refresh_from_db()
    assert a1.answer == "Cảm ơn chị đã ủng hộ!" and a1.answered_by == business_users[0]
    client.logout()
    assert "Cảm ơn chị đã ủng hộ!" in anonymous_get(client, shop.product_a.url).content.decode()


def test_an_empty_answer_writes_nothing(client, shop, reviewed, business_users):
    client.force_login(business_users[0])
    client.post(f"/vi/seller/reviews/{reviewed[0].pk}/answer/", {"answer": "   "})
    reviewed[0].refresh_from_db()
    assert reviewed[0].answered_at is None


def test_only_the_owning_business_answers(client, shop, reviewed, business_users):
    b = reviewed[2]
    client.force_login(business_users[0])  # producer A's user, a review of producer B's product
    assert client.post(f"/vi/seller/reviews/{b.pk}/answer/", {"answer": "Không phải của tôi"}).status_code == 404
    b.refresh_from_db()
    assert b.answered_at is None and b.answer == ""
