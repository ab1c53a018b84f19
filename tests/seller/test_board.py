"""The board in the workspace: the business's offers and the questions it answers."""

import pytest

from tests.seller.helpers import make_inquiry, make_offer

pytestmark = pytest.mark.django_db


def test_board_lists_own_offers_and_unanswered_questions(seller_client, seller, buyer, other_seller):
    user, producer, _en = seller
    offer = make_offer(user, producer, "Bán nước mắm cốt")
    make_inquiry(offer, buyer, "Giao Hà Nội được không?")
    make_offer(other_seller[0], other_seller[1], "Bán chiếu cói của B")
    text = seller_client.get("/vi/seller/board/").content.decode()
    assert "Bán nước mắm cốt" in text and "Giao Hà Nội được không?" in text
    assert "Bán chiếu cói của B" not in text


def test_answering_a_question_from_the_workspace(seller_client, seller, buyer):
    user, producer, _en = seller
    inquiry = make_inquiry(make_offer(user, producer), buyer)
    response = seller_client.post(f"/vi/seller/board/inquiries/{inquiry.pk}/", {"answer": "Còn 100 kg."})
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.answer == "Còn 100 kg." and inquiry.answered_at is not None
    page = seller_client.get(f"/vi/seller/board/inquiries/{inquiry.pk}/").content.decode()
    assert "buyer@example.com" in page  # contact details once answered


def test_an_empty_answer_is_a_400_and_nothing_is_written(seller_client, seller, buyer):
    user, producer, _en = seller
    inquiry = make_inquiry(make_offer(user, producer), buyer)
    assert seller_client.post(f"/vi/seller/board/inquiries/{inquiry.pk}/", {"answer": "  "}).status_code == 400
    inquiry.refresh_from_db()
    assert inquiry.answered_at is None


def test_another_business_question_is_404_and_logged(seller_client, other_seller, buyer, caplog):
    inquiry = make_inquiry(make_offer(other_seller[0], other_seller[1]), buyer)
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        assert seller_client.get(f"/vi/seller/board/inquiries/{inquiry.pk}/").status_code == 404
        assert seller_client.post(f"/vi/seller/board/inquiries/{inquiry.pk}/", {"answer": "x"}).status_code == 404
    inquiry.refresh_from_db()
    assert inquiry.answered_at is None
    assert any("another business" in r.getMessage() for r in caplog.records)
