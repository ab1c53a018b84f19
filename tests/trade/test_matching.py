"""Matching ranks the other side of the board by category, quantity, price, distance and dates."""

import pytest

from trade.matching import NOTIFY_THRESHOLD, WEIGHTS, rank_matches, score_pair
from trade.models import Notification, Status, Unit

from .conftest import make_buyer, make_offer, make_request

pytestmark = pytest.mark.django_db

HANOI = (21.0285, 105.8542)
THO_XUAN = (19.895, 105.445)


def test_weights_add_up_to_one():
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_matches_for_a_request_rank_in_the_expected_order(categories, business, buyer):
    seller, _ = business
    fruit, crafts = categories["fruit"], categories["crafts"]
    request = make_request(buyer, category=fruit, quantity="5", price=30_000_000, lat=HANOI[0], lon=HANOI[1])
    common = {"lat": THO_XUAN[0], "lon": THO_XUAN[1]}
    best = make_offer(seller, title="A best", category=fruit, quantity="20", price=28_000_000, **common)
    same_in_kg = make_offer(
        seller, title="E same in kg", category=fruit, quantity="20000", unit=Unit.KG, price=28_000, **common
    )
    later = make_offer(
        seller,
        title="I starts after the deadline",
        category=fruit,
        quantity="20",
        price=28_000_000,
        start=request.deadline + __import__("datetime").timedelta(days=15),
        **common,
    )
    negotiable = make_offer(seller, title="F negotiable", category=fruit, quantity="20", price=None, **common)
    too_little = make_offer(seller, title="B too little", category=fruit, quantity="2", price=28_000_000, **common)
    too_dear = make_offer(seller, title="C too dear", category=fruit, quantity="20", price=40_000_000, **common)
    wrong_category = make_offer(seller, title="D crafts", category=crafts, quantity="20", price=28_000_000, **common)
    # Never ranked: closed, hidden, pending, expired, and the buyer's own offer.
    make_offer(seller, title="closed", category=fruit, quantity="20", price=1, status=Status.CLOSED, **common)
    make_offer(seller, title="hidden", category=fruit, quantity="20", price=1, status=Status.HIDDEN, **common)
    make_offer(seller, title="pending", category=fruit, quantity="20", price=1, status=Status.PENDING, **common)
    expired = make_offer(seller, title="expired", category=fruit, quantity="20", price=1, **common)
    expired.available_until = expired.available_from = request.created_at.date().replace(year=2020)
    expired.save()
    make_offer(buyer, title="own", category=fruit, quantity="20", price=1, **common)

    ranked = rank_matches(request, limit=0)
    titles = [m.post.title_vi for m in ranked]
    # A and E are the same offer in different units: equal scores, newer first.
    assert titles == [
        "E same in kg",
        "A best",
        "I starts after the deadline",
        "F negotiable",
        "B too little",
        "C too dear",
        "D crafts",
    ]
    by_title = {m.post.title_vi: m for m in ranked}
    assert by_title["A best"].score == by_title["E same in kg"].score
    assert by_title["A best"].parts == {
        "category": 1.0,
        "quantity": 1.0,
        "price": 1.0,
        "distance": pytest.approx(by_title["A best"].parts["distance"]),
        "dates": 1.0,
    }
    assert 0.5 < by_title["A best"].parts["distance"] < 0.6  # about 130 km from Hà Nội
    assert by_title["I starts after the deadline"].parts["dates"] == pytest.approx(0.5)
    assert by_title["F negotiable"].parts["price"] == 0.5
    assert by_title["B too little"].parts["quantity"] == pytest.approx(0.4)
    assert by_title["C too dear"].parts["price"] == pytest.approx(1 - (1 / 3) / 0.5, abs=1e-3)
    assert by_title["D crafts"].parts["category"] == 0.0
    # Another category is halved on top of its zero category part: never a "good" match.
    assert by_title["D crafts"].score < 0.35
    assert {m.post.pk for m in ranked} == {
        p.pk for p in (best, same_in_kg, later, negotiable, too_little, too_dear, wrong_category)
    }


def test_incomparable_units_score_an_unknown_quantity_fit(categories, business, buyer):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], quantity="100", unit=Unit.PIECE, price=1000)
    request = make_request(buyer, category=categories["fruit"], quantity="1", unit=Unit.TONNE, price=1000)
    _, parts = score_pair(offer, request)
    assert parts["quantity"] == 0.3
    assert parts["price"] == 0.5


def test_request_below_the_minimum_order_fits_less(categories, business, buyer):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], quantity="20", min_order="10")
    request = make_request(buyer, category=categories["fruit"], quantity="5")
    assert score_pair(offer, request)[1]["quantity"] == pytest.approx(0.5)


def test_a_new_post_that_matches_well_notifies_the_existing_poster(
    client, categories, business, buyer, mailoutbox, django_capture_on_commit_callbacks
):
    seller, _ = business
    request = make_request(buyer, category=categories["fruit"], quantity="5", price=30_000_000, lat=20.0, lon=105.9)
    make_request(make_buyer("other"), category=categories["crafts"], quantity="5", lat=20.0, lon=105.9)
    client.force_login(seller)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/vi/trade/offers/new/",
            {
                "title_vi": "Bưởi Luận Văn vụ Tết",
                "description_vi": "Bưởi ngọt, vỏ mỏng.",
                "category": categories["fruit"].pk,
                "quantity": "20",
                "unit": "tonne",
                "price_per_unit": "28000000",
                "available_from": request.created_at.date().isoformat(),
                "available_until": request.deadline.isoformat(),
                "latitude": "19.895",
                "longitude": "105.445",
                "accept_policies": "on",
            },
        )
    assert response.status_code == 302
    notifications = list(Notification.objects.all())
    assert len(notifications) == 1
    assert notifications[0].user == buyer
    assert notifications[0].request == request
    assert notifications[0].score >= NOTIFY_THRESHOLD
    offer = notifications[0].offer
    match_mails = [m for m in mailoutbox if offer.get_absolute_url() in m.body]
    assert [m.to for m in match_mails] == [[buyer.email]]
    assert "Bưởi Luận Văn vụ Tết" in match_mails[0].body

    client.force_login(buyer)
    page = client.get("/en/trade/mine/").content.decode()
    assert "Bưởi Luận Văn vụ Tết" in page
    assert "New matches" in page


def test_owner_sees_top_matches_on_their_post_and_others_do_not(client, categories, business, buyer):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], title="Bưởi của HTX")
    make_request(buyer, category=categories["fruit"], title="Nhà hàng cần bưởi")
    client.force_login(seller)
    html = client.get(f"/en/trade/offers/{offer.pk}/").content.decode()
    assert "Best matches" in html and "Nhà hàng cần bưởi" in html
    client.force_login(buyer)
    html = client.get(f"/en/trade/offers/{offer.pk}/").content.decode()
    assert "Best matches" not in html


def test_approving_a_pending_post_notifies_once(
    client, categories, unverified_business, buyer, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    from trade.notifications import notify_matches_for

    seller, _ = unverified_business
    request = make_request(buyer, category=categories["fruit"], quantity="5", price=30_000_000, lat=20.0, lon=105.9)
    pending = {"status": Status.PENDING, "lat": 19.9, "lon": 105.5}
    offer = make_offer(seller, category=categories["fruit"], quantity="20", price=28_000_000, **pending)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/trade/moderation/offer/{offer.pk}/approve/")
    assert list(Notification.objects.values_list("user", "offer", "request")) == [(buyer.pk, offer.pk, request.pk)]
    sent = len(mailoutbox)
    offer.refresh_from_db()
    assert notify_matches_for(offer) == 0  # repeating changes nothing
    assert Notification.objects.count() == 1 and len(mailoutbox) == sent
