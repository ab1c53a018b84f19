"""Tourism businesses keep their own listing from the seller workspace (issue 23).

Applied for like a producer, approved by a moderator, edited in the workspace through Wagtail
revisions and the moderators' workflow, English through wagtail-localize.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import WorkflowState

from catalogue.models import ApplicationStatus, BusinessApplication
from catalogue.onboarding import onboard_business
from portal.models import Area
from tests.factories.catalogue import give_identity, identity_fields
from tourism.models import AttractionPage, PlacePage
from tourism.permissions import listing_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@example.com", "changeme")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def apply_and_approve(moderator, username, business_type="hotel", **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "changeme")
    application = BusinessApplication.objects.create(
        business_name=extra.pop("name", "Khách sạn Biển Xanh"),
        business_name_en=extra.pop("name_en", "Blue Sea Hotel"),
        business_type=business_type,
        contact_name="Lê Thị Hoa",
        email=f"{username}@example.com",
        phone="0912345678",
        area=Area.objects.filter(locale__language_code="vi", slug="tp-sam-son").first(),
        address="Đường Hồ Xuân Hương",
        summary="Khách sạn nhỏ cách biển 100 m.",
        user=user,
        **extra,
    )
    listing = onboard_business(application, moderator, user=user, slug=username)
    return user, listing


@pytest.fixture
def hotel(tourism, moderator):
    return apply_and_approve(moderator, "ks-bien-xanh")


@pytest.fixture
def other_hotel(tourism, moderator):
    return apply_and_approve(moderator, "ks-ha-long", name="Khách sạn Hạ Long", name_en="Ha Long Hotel")


@pytest.fixture
def hotel_client(hotel):
    client = Client()
    client.force_login(hotel[0])
    return client


def listing_post(**extra):
    data = {
        "title": "Khách sạn Biển Xanh",
        "intro": "Khách sạn nhỏ cách biển 100 m.",
        "body": "Phòng nhìn ra biển.\n\nBữa sáng có bánh cuốn.",
        "opening_hours": "Lễ tân 24/24",
        "title_en": "",
        "intro_en": "",
        "body_en": "",
        "opening_hours_en": "",
        "price_low": "450000",
        "price_high": "1200000",
        "address": "Đường Hồ Xuân Hương",
        "phone": "0912345678",
        "email": "",
        "website": "",
        "booking_url": "https://booking.example/bien-xanh",
        "wheelchair": "limited",
        "amenities": ["wifi", "breakfast"],
        "highlights-TOTAL_FORMS": "1",
        "highlights-INITIAL_FORMS": "0",
        "highlights-MIN_NUM_FORMS": "0",
        "highlights-MAX_NUM_FORMS": "30",
        "highlights-0-name": "Phòng đôi hướng biển",
        "highlights-0-name_en": "",
        "highlights-0-description": "Ban công riêng",
        "highlights-0-description_en": "",
        "highlights-0-price": "900000",
    }
    data.update(extra)
    return data


def offers_post(**extra):
    data = {
        "offers-TOTAL_FORMS": "1",
        "offers-INITIAL_FORMS": "0",
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "20",
        "offers-0-title": "Giá hè cho gia đình",
        "offers-0-title_en": "Summer family rate",
        "offers-0-starts": "2026-05-01",
        "offers-0-ends": "2099-08-31",
        "offers-0-text": "Phòng gia đình giảm 20%.",
        "offers-0-text_en": "Family rooms 20% off.",
    }
    data.update(extra)
    return data


def test_approving_a_hotel_application_publishes_its_listing_in_both_languages(hotel, tourism):
    user, listing = hotel
    assert isinstance(listing, PlacePage) and listing.live
    assert (listing.place_kind, listing.subtype) == ("stay", "hotel")
    assert listing.get_parent().pk == tourism["index_vi"].pk
    english = listing.get_translation(tourism["en"]).specific
    assert english.title == "Blue Sea Hotel" and english.live
    application = BusinessApplication.objects.get(user=user)
    assert application.status == ApplicationStatus.APPROVED and application.listing_id == listing.pk
    assert application.producer_id is None  # a tourism business gets no producer page
    assert listing.get_workflow() is not None and english.get_workflow() is not None
    assert listing_for_user(user).pk == listing.pk


def test_an_attraction_operator_gets_an_attraction_listing(tourism, moderator):
    _user, listing = apply_and_approve(moderator, "khu-vui-choi", business_type="attraction_operator")
    assert isinstance(listing, AttractionPage)


def test_a_tourism_business_applies_through_the_same_form(tourism, client):
    area = Area.objects.filter(locale__language_code="vi").first()
    response = client.post(
        "/vi/seller/apply/",
        {
            "business_name": "Homestay Bản Đôn",
            "business_name_en": "Ban Don Homestay",
            "business_type": "homestay",
            "contact_name": "Hà Văn Sơn",
            "email": "bandon@example.com",
            "phone": "0912 345 678",
            "area": area.pk,
            "ward_code": "",
            "address": "",
            "summary": "Nhà sàn cho 20 khách.",
            **{f"legal-{name}": value for name, value in identity_fields(legal_form="household").items()},
            "accept_rules": "on",
        },
    )
    assert response.status_code == 200
    application = BusinessApplication.objects.get(email="bandon@example.com")
    assert application.is_tourism and application.is_pending


def test_today_shows_the_listing_and_its_tabs_not_products(hotel_client, hotel):
    page = hotel_client.get("/vi/seller/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/vi/seller/listing/" in html and "/vi/seller/listing/offers/" in html
    assert "/vi/seller/products/" not in html and "/vi/seller/batches/" not in html
    # Producer screens send a tourism business to its listing.
    response = hotel_client.get("/vi/seller/products/")
    assert response.status_code == 302 and response["Location"] == "/vi/seller/listing/"


def test_saving_the_listing_waits_for_moderation_and_the_public_sees_the_old_version(hotel_client, hotel):
    _user, listing = hotel
    response = hotel_client.post("/vi/seller/listing/", listing_post())
    assert response.status_code == 302, response.content.decode()[:3000]
    listing.refresh_from_db()
    assert listing.wheelchair == "" and listing.price_from is None  # live content unchanged
    state = listing.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    latest = listing.get_latest_revision_as_object()
    assert (latest.price_from, latest.price_to, latest.wheelchair) == (450000, 1200000, "limited")
    assert latest.amenities == ["wifi", "breakfast"] and latest.booking_url == "https://booking.example/bien-xanh"
    assert [b.value["name"] for b in latest.highlights] == ["Phòng đôi hướng biển"]
    assert latest.highlights[0].value["price"] == 900000
    assert "Bữa sáng có bánh cuốn." in latest.body
    # The form shows the waiting version.
    form = hotel_client.get("/vi/seller/listing/").content.decode()
    assert "450.000" in form and "Phòng đôi hướng biển" in form


def test_moderator_approval_publishes_the_listing(hotel_client, hotel, moderator):
    _user, listing = hotel
    hotel_client.post("/vi/seller/listing/", listing_post())
    listing.current_workflow_task_state.approve(user=moderator)
    listing.refresh_from_db()
    assert listing.wheelchair == "limited" and listing.price_from == 450000
    public = Client().get(listing.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Phòng đôi hướng biển" in html and "https://booking.example/bien-xanh" in html


def test_sent_back_listing_shows_the_moderators_comment(hotel_client, hotel, moderator):
    _user, listing = hotel
    hotel_client.post("/vi/seller/listing/", listing_post())
    listing.current_workflow_task_state.reject(user=moderator, comment="Thiếu ảnh")
    assert "Thiếu ảnh" in hotel_client.get("/vi/seller/").content.decode()
    assert hotel_client.post("/vi/seller/listing/", listing_post()).status_code == 302
    listing.refresh_from_db()
    assert listing.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_english_words_go_to_the_english_translation(hotel_client, hotel, tourism, moderator):
    _user, listing = hotel
    english = listing.get_translation(tourism["en"]).specific
    slug_en = english.slug
    data = listing_post(
        title_en="Blue Sea Hotel",
        intro_en="A small hotel 100 m from the beach.",
        body_en="Rooms look out to sea.\n\nBreakfast has steamed rice rolls.",
        opening_hours_en="Reception open 24 hours",
        address_en="Hồ Xuân Hương Street",
        **{"highlights-0-name_en": "Sea-view double room", "highlights-0-description_en": "Own balcony"},
    )
    assert hotel_client.post("/vi/seller/listing/", data).status_code == 302
    english.refresh_from_db()
    waiting = english.get_latest_revision_as_object()
    assert waiting.intro == "A small hotel 100 m from the beach."
    assert "Breakfast has steamed rice rolls." in waiting.body
    assert waiting.opening_hours_text == "Reception open 24 hours"
    assert waiting.address == "Hồ Xuân Hương Street"
    assert waiting.highlights[0].value["name"] == "Sea-view double room"
    assert waiting.wheelchair == "limited" and waiting.price_from == 450000  # synchronised from Vietnamese
    assert waiting.slug == slug_en  # the English address stays
    assert english.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    english.current_workflow_task_state.approve(user=moderator)
    html = Client().get(english.get_latest_revision_as_object().url).content.decode()
    assert "Sea-view double room" in html and "Rooms look out to sea." in html
    # The form shows the English words back.
    form = hotel_client.get("/en/seller/listing/").content.decode()
    assert "Breakfast has steamed rice rolls." in form and "Sea-view double room" in form


def test_seasonal_offers_are_moderated_then_shown_in_both_languages(hotel_client, hotel, tourism, moderator):
    _user, listing = hotel
    assert hotel_client.post("/vi/seller/listing/offers/", offers_post()).status_code == 302
    listing.refresh_from_db()
    latest = listing.get_latest_revision_as_object()
    offer = latest.offers[0].value
    assert (offer["title"], offer["starts"], offer["ends"]) == (
        "Giá hè cho gia đình",
        datetime.date(2026, 5, 1),
        datetime.date(2099, 8, 31),
    )
    listing.current_workflow_task_state.approve(user=moderator)
    listing.refresh_from_db()
    assert "Giá hè cho gia đình" in Client().get(listing.url).content.decode()
    english = listing.get_translation(tourism["en"]).specific
    english.current_workflow_task_state.approve(user=moderator)
    english.refresh_from_db()
    assert "Summer family rate" in Client().get(english.url).content.decode()
    assert "Giá hè cho gia đình" in hotel_client.get("/vi/seller/").content.decode()


def test_an_offer_ending_before_it_starts_is_refused_and_nothing_changes(hotel_client, hotel):
    _user, listing = hotel
    revisions = listing.revisions.count()
    response = hotel_client.post("/vi/seller/listing/offers/", offers_post(**{"offers-0-ends": "2026-04-01"}))
    assert response.status_code == 400
    assert "Ưu đãi không thể kết thúc trước khi bắt đầu." in response.content.decode()
    assert listing.revisions.count() == revisions


@pytest.mark.parametrize(
    "field,value",
    [("wheelchair", "sometimes"), ("price_high", "100000"), ("amenities", ["sauna"]), ("booking_url", "not a url")],
)
def test_bad_listing_input_is_refused_and_nothing_changes(hotel_client, hotel, field, value):
    _user, listing = hotel
    revisions = listing.revisions.count()
    response = hotel_client.post("/vi/seller/listing/", listing_post(**{field: value}))
    assert response.status_code == 400
    assert listing.revisions.count() == revisions and listing.current_workflow_state is None


def test_each_business_changes_only_its_own_listing(hotel, other_hotel):
    user_a, listing_a = hotel
    user_b, listing_b = other_hotel
    client_b = Client()
    client_b.force_login(user_b)
    form = client_b.get("/vi/seller/listing/").content.decode()
    assert "Khách sạn Hạ Long" in form and "Khách sạn Biển Xanh" not in form
    assert client_b.post("/vi/seller/listing/", listing_post(title="Khách sạn Hạ Long")).status_code == 302
    assert listing_a.revisions.count() == 0 and listing_a.current_workflow_state is None
    listing_b.refresh_from_db()
    assert listing_b.get_latest_revision_as_object().wheelchair == "limited"
    # Wagtail's own permissions agree: B cannot edit A's page in the admin either.
    assert not listing_a.permissions_for_user(user_b).can_edit()
    assert listing_b.permissions_for_user(user_b).can_edit()
    assert not listing_b.permissions_for_user(user_b).can_publish()


def test_people_who_keep_no_listing_are_refused(hotel, tourism, caplog):
    buyer = get_user_model().objects.create_user("buyer", "buyer@example.com", "changeme")
    client = Client()
    client.force_login(buyer)
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        assert client.get("/vi/seller/listing/").status_code == 403
    assert "keeps no tourism listing" in caplog.text
    anonymous = Client().get("/vi/seller/listing/offers/")
    assert anonymous.status_code == 302 and "/seller/sign-in/" in anonymous["Location"]


DEMO_BUSINESSES = ("ks-song-bac-sam-son", "homestay-may-trang-pu-luong", "nha-hang-gao-dong", "lu-hanh-xu-thanh-xanh")


def test_demo_tourism_businesses_keep_public_listings_with_their_own_sign_ins(tourism):
    # The demo was loaded twice (tests/tourism/conftest.py): one application and one listing each.
    assert BusinessApplication.objects.filter(user__username__in=DEMO_BUSINESSES).count() == len(DEMO_BUSINESSES)
    for slug in DEMO_BUSINESSES:
        user = get_user_model().objects.get(username=slug)
        assert user.check_password("changeme") and not user.is_staff
        listing = listing_for_user(user)
        assert listing.slug == slug and listing.live
        assert listing.get_translation(tourism["en"]).live
    hotel = PlacePage.objects.get(slug="ks-song-bac-sam-son", locale=tourism["vi"])
    assert (hotel.subtype, hotel.wheelchair, hotel.price_from) == ("hotel", "limited", 450000)
    html = Client().get(hotel.url).content.decode()
    assert "Phòng đôi hướng biển" in html and "songbac-samson.example" in html
    english = Client().get(hotel.get_translation(tourism["en"]).url).content.decode()
    assert "Sea-view double room" in english and "Summer family rate" in english


def test_a_moderator_approves_a_tourism_application_in_the_admin(tourism, moderator):
    from django.urls import reverse

    application = BusinessApplication.objects.create(
        business_name="Lữ hành Sông Mã",
        business_name_en="Ma River Travel",
        business_type="tour_operator",
        contact_name="Trần Văn An",
        email="songma@example.com",
        phone="0912345678",
        summary="Tour thuyền trên sông Mã.",
    )
    give_identity(application=application, moderator=moderator)  # approval waits for a verified identity
    client = Client()
    client.force_login(moderator)
    url = reverse("catalogue_business_applications:approve", args=[application.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    application.refresh_from_db()
    listing = application.listing.specific
    assert (listing.place_kind, listing.subtype, listing.live) == ("tours", "tour_operator", True)
    assert listing_for_user(application.user).pk == listing.pk


def test_a_tourism_business_signing_in_lands_in_its_workspace(hotel):
    client = Client()
    response = client.post("/vi/seller/sign-in/", {"username": "ks-bien-xanh", "password": "changeme"})
    assert response.status_code == 302 and response["Location"] == "/vi/seller/"
    admin = Client().post("/admin/login/", {"username": "ks-bien-xanh", "password": "changeme"})
    assert admin.status_code == 302 and admin["Location"].endswith("/seller/")
