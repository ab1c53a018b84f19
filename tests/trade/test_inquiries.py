"""Inquiries: contact details only after the poster answers; floods get 429."""

import pytest

from trade.models import Inquiry
from trade.services import INQUIRIES_PER_HOUR

from .conftest import make_buyer, make_offer, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(categories, business):
    seller, _ = business
    return make_offer(seller, category=categories["fruit"], title="Bưởi Luận Văn 20 tấn")


def ask(client, post, message="Còn hàng không? Giá sỉ bao nhiêu?"):
    kind = "offers" if post.KIND == "offer" else "requests"
    return client.post(f"/en/trade/{kind}/{post.pk}/inquire/", {"message": message})


def test_contact_details_are_hidden_until_the_poster_answers(client, offer, business, buyer, mailoutbox):
    seller, producer = business
    client.force_login(buyer)
    response = ask(client, offer)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert [m.to for m in mailoutbox] == [[seller.email]]

    buyer_view = client.get(inquiry.get_absolute_url()).content.decode()
    assert "appear here once they answer" in buyer_view
    assert seller.email not in buyer_view and producer.phone not in buyer_view

    client.force_login(seller)
    poster_view = client.get(inquiry.get_absolute_url()).content.decode()
    assert "Còn hàng không?" in poster_view
    assert buyer.email not in poster_view and "0912 345 678" not in poster_view

    response = client.post(inquiry.get_absolute_url(), {"answer": "Còn 20 tấn, mời anh gọi."})
    assert response.status_code == 302
    poster_view = client.get(inquiry.get_absolute_url()).content.decode()
    assert buyer.email in poster_view and "0912 345 678" in poster_view

    client.force_login(buyer)
    buyer_view = client.get(inquiry.get_absolute_url()).content.decode()
    assert "Còn 20 tấn, mời anh gọi." in buyer_view
    assert seller.email in buyer_view
    assert producer.phone in buyer_view  # the business's phone, as the seller has no own phone
    assert mailoutbox[-1].to == [buyer.email]


def test_a_third_party_cannot_read_or_answer_an_inquiry(client, offer, buyer):
    client.force_login(buyer)
    ask(client, offer)
    inquiry = Inquiry.objects.get()
    stranger = make_buyer("stranger")
    client.force_login(stranger)
    assert client.get(inquiry.get_absolute_url()).status_code == 404
    assert client.post(inquiry.get_absolute_url(), {"answer": "hi"}).status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.answered_at is None


def test_the_sender_cannot_answer_their_own_inquiry(client, offer, buyer):
    client.force_login(buyer)
    ask(client, offer)
    inquiry = Inquiry.objects.get()
    assert client.post(inquiry.get_absolute_url(), {"answer": "self"}).status_code == 403
    inquiry.refresh_from_db()
    assert not inquiry.is_answered


def test_inquiries_need_a_signed_in_user(client, offer):
    response = ask(client, offer)
    assert response.status_code == 302
    assert "/trade/sign-in/" in response["Location"]
    assert not Inquiry.objects.exists()


def test_inquiry_flood_is_refused_with_429(client, categories, business, buyer, settings):
    settings.RATELIMIT_ENABLED = True  # off for the rest of the suite (many requests from one address)
    seller, _ = business
    posts = [make_offer(seller, category=categories["fruit"], title=f"Offer {i}") for i in range(3)]
    client.force_login(buyer)
    for i in range(INQUIRIES_PER_HOUR):
        assert ask(client, posts[i % 3], f"message {i}").status_code == 302
    response = ask(client, posts[0], "one too many")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many messages" in response.content.decode()
    assert Inquiry.objects.count() == INQUIRIES_PER_HOUR
    assert not Inquiry.objects.filter(message="one too many").exists()
    # Another user is not affected by this user's flood.
    client.force_login(make_buyer("calm"))
    assert ask(client, posts[0], "hello").status_code == 302


def test_no_inquiry_about_ones_own_post_or_a_closed_post(client, offer, business, buyer):
    seller, _ = business
    client.force_login(seller)
    response = ask(client, offer)
    assert response.status_code == 400
    assert "your own post" in response.content.decode()
    offer.status = "closed"
    offer.save()
    client.force_login(buyer)
    response = ask(client, offer)
    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_empty_message_is_refused(client, offer, buyer):
    client.force_login(buyer)
    assert ask(client, offer, "   ").status_code == 400
    assert not Inquiry.objects.exists()


def test_inquiry_about_a_request_reveals_the_buyer_after_the_answer(client, categories, business, buyer):
    seller, _ = business
    request = make_request(buyer, category=categories["fruit"])
    client.force_login(seller)
    assert ask(client, request, "HTX có 20 tấn bưởi").status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.request == request
    client.force_login(buyer)
    assert buyer.email not in client.get(inquiry.get_absolute_url()).content.decode()
    client.post(inquiry.get_absolute_url(), {"answer": "Mời HTX gửi mẫu"})
    html = client.get(inquiry.get_absolute_url()).content.decode()
    assert seller.email in html
