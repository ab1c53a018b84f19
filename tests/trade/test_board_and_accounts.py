"""The board's pages, filters, sign-up with e-mail verification, and the demo content."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.management.base import OutputWrapper

from trade import demo
from trade.models import BoardProfile, Offer, Request, Status, Unit
from trade.services import email_verification_token

from .conftest import make_offer, make_request

pytestmark = pytest.mark.django_db


class FakeCommand:
    stdout = OutputWrapper(io.StringIO())


def test_board_lists_open_posts_in_both_languages_and_the_nav_links_it(client, categories, business, buyer):
    seller, _ = business
    make_offer(seller, category=categories["fruit"], title="Bưởi Luận Văn", title_en="Luan Van pomelo")
    make_request(buyer, category=categories["crafts"], title="Cần chiếu cói")
    make_offer(seller, category=categories["fruit"], title="Đang chờ duyệt", status=Status.PENDING)
    vi = client.get("/vi/trade/").content.decode()
    assert "Bưởi Luận Văn" in vi and "Cần chiếu cói" in vi and "Đang chờ duyệt" not in vi
    assert "Sàn cung cầu" in vi and "Tin chào bán" in vi  # the interface in Vietnamese
    en = client.get("/en/trade/").content.decode()
    assert "Luan Van pomelo" in en and "Supply and demand board" in en
    assert 'href="/en/trade/"' in en  # the nav item


def test_board_filters_by_kind_category_area_and_quantity(client, categories, business, buyer):
    from portal.demo import areas

    area_map = areas()
    tho_xuan = area_map["huyen-tho-xuan"][0]
    seller, _ = business
    make_offer(seller, category=categories["fruit"], title="Big fruit", quantity="20", area=tho_xuan)
    make_offer(seller, category=categories["fruit"], title="Small fruit", quantity="500", unit=Unit.KG)
    make_offer(seller, category=categories["crafts"], title="Mats", quantity="100", unit=Unit.PIECE)
    make_request(buyer, category=categories["fruit"], title="Want fruit")

    def titles(query):
        html = client.get("/en/trade/", query).content.decode()
        return {t for t in ("Big fruit", "Small fruit", "Mats", "Want fruit") if t in html}

    assert titles({"kind": "offer"}) == {"Big fruit", "Small fruit", "Mats"}
    assert titles({"kind": "request"}) == {"Want fruit"}
    assert titles({"category": categories["fruit"].pk}) == {"Big fruit", "Small fruit", "Want fruit"}
    assert titles({"area": tho_xuan.pk}) == {"Big fruit"}
    # 1 to 30 tonnes: 20 t yes, 500 kg no; pieces are not mass.
    assert titles({"kind": "offer", "unit": "tonne", "quantity_min": "1", "quantity_max": "30"}) == {"Big fruit"}
    assert titles({"kind": "offer", "unit": "kg", "quantity_max": "1000"}) == {"Small fruit"}
    # Nonsense in the filters is ignored, not a 500.
    assert client.get("/en/trade/", {"category": "x", "quantity_min": "-3", "page": "zz"}).status_code == 200


def test_board_shows_closed_posts_only_when_asked(client, categories, business):
    seller, _ = business
    make_offer(seller, category=categories["fruit"], title="Closed one", status=Status.CLOSED)
    assert "Closed one" not in client.get("/en/trade/").content.decode()
    assert "Closed one" in client.get("/en/trade/", {"show": "all"}).content.decode()


def test_board_query_count_does_not_grow_with_posts(client, categories, business, django_assert_max_num_queries):
    seller, _ = business
    for i in range(12):
        make_offer(seller, category=categories["fruit"], title=f"Offer {i}")
    client.get("/en/trade/")  # warm the site and locale caches
    with django_assert_max_num_queries(14):
        response = client.get("/en/trade/", {"kind": "offer"})
    assert response.status_code == 200


def test_my_posts_lists_the_users_own_posts(client, categories, business, buyer):
    seller, _ = business
    make_offer(seller, category=categories["fruit"], title="Mine", status=Status.PENDING)
    make_request(buyer, title="Not mine")
    client.force_login(seller)
    html = client.get("/en/trade/mine/").content.decode()
    assert "Mine" in html and "Waiting for a moderator" in html and "Not mine" not in html


def test_sign_up_is_the_account_sign_up_and_its_confirmed_email_verifies_the_board_user(client, site_pages, mailoutbox):
    """The board's buyers and shoppers have one kind of account (accounts/, allauth)."""
    response = client.get("/en/trade/sign-up/")
    assert response.status_code == 302 and response["Location"] == "/en/account/signup/"
    password = "a-long-pass-phrase-42"
    response = client.post(
        "/en/account/signup/",
        {"email": "Lan@Example.com", "password1": password, "password2": password, "accept_policies": "on"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="lan@example.com")
    assert not user.is_staff
    assert client.get("/en/trade/requests/new/").status_code == 403  # not verified yet

    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    forged = path[:-6] + "AAAAA/"
    client.post(forged)
    assert not BoardProfile.objects.filter(user=user, email_verified=True).exists()

    assert client.post(path).status_code == 302
    assert BoardProfile.objects.get(user=user).email_verified
    assert client.get("/en/trade/requests/new/").status_code == 200


def test_a_token_for_an_old_email_address_does_not_verify_the_new_one(client, site_pages):
    user = get_user_model().objects.create_user("minh", "old@example.com", "x-pass-phrase-1")
    token = email_verification_token(user)
    user.email = "new@example.com"
    user.save()
    response = client.get(f"/en/trade/account/verify/{token}/")
    assert response.status_code == 400
    assert not BoardProfile.objects.filter(user=user, email_verified=True).exists()


def test_an_expired_token_is_refused(client, site_pages, monkeypatch):
    user = get_user_model().objects.create_user("hoa", "hoa@example.com", "x-pass-phrase-1")
    token = email_verification_token(user)
    monkeypatch.setattr("trade.services.EMAIL_TOKEN_MAX_AGE", -1)
    response = client.get(f"/en/trade/account/verify/{token}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    with pytest.raises(signing.BadSignature):
        signing.loads(token + "x", salt="trade.verify-email")


def test_changing_the_email_clears_its_verification(client, buyer):
    client.force_login(buyer)
    response = client.post("/en/trade/account/", {"display_name": "X", "phone": "0912 345 678", "email": "n@x.vn"})
    assert response.status_code == 302
    profile = BoardProfile.objects.get(user=buyer)
    assert not profile.email_verified and profile.phone == "0912345678"
    buyer.refresh_from_db()
    assert buyer.email == "n@x.vn"


def test_sign_in_page_signs_a_board_user_in(client, buyer):
    response = client.post(
        "/en/trade/sign-in/", {"username": buyer.username, "password": "pw-for-tests-1", "next": "/en/trade/mine/"}
    )
    assert response.status_code == 302 and response["Location"] == "/en/trade/mine/"


def test_demo_content_loads_twice_without_changing_counts(categories, site_pages):
    demo.load(FakeCommand())
    counts = (Offer.objects.count(), Request.objects.count(), BoardProfile.objects.count())
    assert counts[0] >= 6 and counts[1] >= 6
    demo.load(FakeCommand())
    assert (Offer.objects.count(), Request.objects.count(), BoardProfile.objects.count()) == counts
    mats = Request.objects.get(title_en="Exporter wants 5 tonnes of Nga Son sedge mats")
    assert (mats.quantity, mats.unit, mats.is_open) == (5, "tonne", True)
    pomelo = Offer.objects.get(title_en__startswith="20 tonnes of fresh Luan Van")
    assert (pomelo.quantity, pomelo.unit, pomelo.category) == (20, "tonne", categories["fruit"])
    assert pomelo.owner.username == "vuon-buoi-lang-luan"
    assert all(p.description_vi and p.description_en for p in [*Offer.objects.all(), *Request.objects.all()])
    assert Offer.objects.open().count() == counts[0]


def test_an_open_post_carries_json_ld(client, categories, business):
    import json

    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], title="Bưởi", price=28_000_000)
    html = client.get(f"/en/trade/offers/{offer.pk}/").content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(payload)
    assert data["@type"] == "Offer"
    assert data["priceSpecification"]["price"] == 28_000_000
    assert data["priceSpecification"]["priceCurrency"] == "VND"
    assert data["eligibleQuantity"]["value"] == 20.0


def test_the_home_page_shows_the_newest_open_posts(client, categories, business, buyer):
    seller, _ = business
    make_offer(seller, category=categories["fruit"], title="Bưởi trên trang chủ")
    make_request(buyer, title="Cần mua trên trang chủ")
    make_offer(seller, category=categories["fruit"], title="Chưa duyệt", status=Status.PENDING)
    html = client.get("/vi/").content.decode()
    assert "Bưởi trên trang chủ" in html and "Cần mua trên trang chủ" in html
    assert "Chưa duyệt" not in html
