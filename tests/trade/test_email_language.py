"""Board e-mails go out in the recipient's language: the one they used to post or inquire."""

import datetime

import pytest
from django.utils import timezone

from trade.models import Inquiry, Offer, Request, Status

from .conftest import make_buyer, make_offer, make_request

pytestmark = pytest.mark.django_db


def offer_form(category, **overrides):
    today = timezone.localdate()
    data = {
        "title_vi": "Bưởi Luận Văn",
        "title_en": "Luan Van pomelos",
        "description_vi": "Bưởi ngọt, vỏ mỏng.",
        "description_en": "Sweet pomelos with a thin peel.",
        "category": category.pk,
        "quantity": "20",
        "unit": "tonne",
        "price_per_unit": "28000000",
        "available_from": today.isoformat(),
        "available_until": (today + datetime.timedelta(days=30)).isoformat(),
        "latitude": "19.895",
        "longitude": "105.445",
        "accept_policies": "on",
    }
    data.update(overrides)
    return data


def post_offer(client, seller, category, language):
    client.force_login(seller)
    response = client.post(f"/{language}/trade/offers/new/", offer_form(category))
    assert response.status_code == 302, response.content.decode()[:1000]
    return Offer.objects.latest("pk")


def inquire(client, sender, post, language, message):
    client.force_login(sender)
    kind = "offers" if post.KIND == "offer" else "requests"
    response = client.post(f"/{language}/trade/{kind}/{post.pk}/inquire/", {"message": message})
    assert response.status_code == 302
    return Inquiry.objects.latest("pk")


def answer(client, poster, inquiry, language, text):
    client.force_login(poster)
    response = client.post(f"/{language}/trade/inquiries/{inquiry.pk}/", {"answer": text})
    assert response.status_code == 302


def test_english_poster_gets_english_mail_about_a_vietnamese_inquiry_and_vice_versa(
    client, categories, business, buyer, mailoutbox
):
    seller, _ = business
    offer = post_offer(client, seller, categories["fruit"], "en")
    assert offer.language == "en"

    inquiry = inquire(client, buyer, offer, "vi", "Còn hàng không anh?")
    assert inquiry.language == "vi"
    to_poster = mailoutbox[-1]
    assert to_poster.to == [seller.email]
    assert to_poster.subject == "A new inquiry about your post"
    assert "Someone sent a message about your post “Luan Van pomelos”" in to_poster.body
    assert f"/en/trade/inquiries/{inquiry.pk}/" in to_poster.body
    assert "Còn hàng không anh?" in to_poster.body

    # The poster answers from the English site; the Vietnamese sender is told in Vietnamese.
    answer(client, seller, inquiry, "en", "Yes, 20 tonnes left.")
    to_sender = mailoutbox[-1]
    assert to_sender.to == [buyer.email]
    assert to_sender.subject == "Người đăng đã trả lời bạn"
    assert "Người đăng tin “Bưởi Luận Văn” đã trả lời bạn" in to_sender.body
    assert f"/vi/trade/inquiries/{inquiry.pk}/" in to_sender.body


def test_vietnamese_poster_gets_vietnamese_mail_about_an_english_inquiry_and_vice_versa(
    client, categories, business, buyer, mailoutbox
):
    seller, _ = business
    offer = post_offer(client, seller, categories["fruit"], "vi")
    assert offer.language == "vi"

    inquiry = inquire(client, buyer, offer, "en", "Is there any left?")
    assert inquiry.language == "en"
    to_poster = mailoutbox[-1]
    assert to_poster.to == [seller.email]
    assert to_poster.subject == "Có người hỏi về tin của bạn"
    assert "Có người gửi tin nhắn về tin “Bưởi Luận Văn” của bạn" in to_poster.body
    assert "/vi/trade/inquiries/" in to_poster.body

    answer(client, seller, inquiry, "vi", "Còn 20 tấn.")
    to_sender = mailoutbox[-1]
    assert to_sender.to == [buyer.email]
    assert to_sender.subject == "Your inquiry has been answered"
    assert "The poster of “Luan Van pomelos” answered your inquiry" in to_sender.body
    assert "/en/trade/inquiries/" in to_sender.body


def test_a_moderator_edit_keeps_the_posters_language(client, categories, business, moderator):
    seller, _ = business
    offer = post_offer(client, seller, categories["fruit"], "en")
    client.force_login(moderator)
    response = client.post(f"/vi/trade/offers/{offer.pk}/edit/", offer_form(categories["fruit"], quantity="15"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.quantity == 15 and offer.language == "en"


def test_moderation_results_go_out_in_the_posters_language(
    client, categories, unverified_business, moderator, mailoutbox
):
    seller, _ = unverified_business
    english = post_offer(client, seller, categories["fruit"], "en")
    vietnamese = post_offer(client, seller, categories["crafts"], "vi")
    assert english.status == vietnamese.status == Status.PENDING
    mailoutbox.clear()

    client.force_login(moderator)
    client.post(f"/admin/trade/moderation/offer/{english.pk}/approve/")
    client.post(f"/admin/trade/moderation/offer/{vietnamese.pk}/hide/")
    approved, hidden = mailoutbox
    assert approved.to == hidden.to == [seller.email]
    assert approved.subject == "Your post is on the board"
    assert "“Luan Van pomelos”: it is now on the supply and demand board" in approved.body
    assert f"/en/trade/offers/{english.pk}/" in approved.body
    assert hidden.subject == "Kiểm duyệt viên đã ẩn tin của bạn"
    assert "“Bưởi Luận Văn”" in hidden.body and "/vi/trade/offers/" in hidden.body

    # Approving an open post again tells nobody anything new.
    client.post(f"/admin/trade/moderation/offer/{english.pk}/approve/")
    assert len(mailoutbox) == 2


def test_match_notification_goes_out_in_the_language_of_the_recipients_post(
    client, categories, business, mailoutbox, django_capture_on_commit_callbacks
):
    seller, _ = business
    english_buyer = make_buyer("restaurant-hanoi", phone_verified=True)
    client.force_login(english_buyer)
    today = timezone.localdate()
    response = client.post(
        "/en/trade/requests/new/",
        {
            "title_en": "Pomelos for Tet",
            "title_vi": "Cần bưởi Tết",
            "description_en": "Sweet pomelos.",
            "category": categories["fruit"].pk,
            "quantity": "5",
            "unit": "tonne",
            "price_per_unit": "30000000",
            "deadline": (today + datetime.timedelta(days=30)).isoformat(),
            "province_code": "38",
            "latitude": "20.0",
            "longitude": "105.9",
            "accept_policies": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    request = Request.objects.get()
    assert request.language == "en"
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post_offer(client, seller, categories["fruit"], "vi")
    [mail] = [m for m in mailoutbox if m.to == [english_buyer.email]]
    assert mail.subject == "A new post on the board matches yours"
    assert "matches your post “Pomelos for Tet”" in mail.body
    assert "Luan Van pomelos" in mail.body and "/en/trade/offers/" in mail.body


def test_posts_made_outside_the_site_default_to_vietnamese(categories, business, buyer):
    seller, _ = business
    assert make_offer(seller).language == "vi"
    assert make_request(buyer).language == "vi"
