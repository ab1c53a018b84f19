"""Posts close after their end date; unverified posters wait for a moderator; moderators hide."""

import datetime

import pytest
from django.utils import timezone

from trade.models import Offer, Request, Status
from trade.tasks import close_expired_posts

from .conftest import make_buyer, make_offer, make_request

pytestmark = pytest.mark.django_db

YESTERDAY = datetime.timedelta(days=-1)


def offer_form(category, **overrides):
    today = timezone.localdate()
    data = {
        "title_vi": "Chiếu cói Nga Sơn",
        "description_vi": "Chiếu dệt tay.",
        "category": category.pk,
        "quantity": "500",
        "unit": "piece",
        "price_per_unit": "280000",
        "available_from": today.isoformat(),
        "available_until": (today + datetime.timedelta(days=30)).isoformat(),
        "accept_policies": "on",
    }
    data.update(overrides)
    return data


def test_open_excludes_posts_past_their_end_date_and_the_task_closes_them(categories, business, buyer):
    seller, _ = business
    live = make_offer(seller, category=categories["fruit"])
    past = make_offer(seller, category=categories["fruit"], title="old")
    Offer.objects.filter(pk=past.pk).update(
        available_from=timezone.localdate() - datetime.timedelta(days=10),
        available_until=timezone.localdate() + YESTERDAY,
    )
    past_request = make_request(buyer)
    Request.objects.filter(pk=past_request.pk).update(deadline=timezone.localdate() + YESTERDAY)
    ends_today = make_request(buyer, title="today", days=0)

    assert list(Offer.objects.open()) == [live]
    assert list(Request.objects.open()) == [ends_today]
    past.refresh_from_db()
    assert past.status == Status.OPEN and not past.is_open and past.effective_status == Status.CLOSED

    result = close_expired_posts.enqueue()
    assert result.return_value == 2
    assert Offer.objects.get(pk=past.pk).status == Status.CLOSED
    assert Request.objects.get(pk=past_request.pk).status == Status.CLOSED
    assert Offer.objects.get(pk=live.pk).status == Status.OPEN
    assert Request.objects.get(pk=ends_today.pk).status == Status.OPEN


def test_expired_post_is_shown_closed_and_takes_no_inquiries(client, categories, business, buyer):
    seller, _ = business
    post = make_offer(seller, category=categories["fruit"], title="Cam cuối vụ")
    Offer.objects.filter(pk=post.pk).update(
        available_from=timezone.localdate() - datetime.timedelta(days=10),
        available_until=timezone.localdate() + YESTERDAY,
    )
    assert "Cam cuối vụ" not in client.get("/en/trade/").content.decode()
    client.force_login(buyer)
    html = client.get(post.get_absolute_url().replace("/vi/", "/en/")).content.decode()
    assert "This post is closed." in html
    assert "Send a message" not in html


def test_unverified_business_waits_for_a_moderator(client, categories, unverified_business, moderator, buyer):
    seller, _ = unverified_business
    client.force_login(seller)
    response = client.post("/en/trade/offers/new/", offer_form(categories["crafts"]), follow=True)
    assert response.status_code == 200
    assert "A moderator will check your post" in response.content.decode()
    offer = Offer.objects.get()
    assert offer.status == Status.PENDING
    assert offer.producer is not None and offer.producer.title == "HTX ho-moi"

    client.logout()
    assert "Chiếu cói Nga Sơn" not in client.get("/en/trade/").content.decode()
    assert client.get(f"/en/trade/offers/{offer.pk}/").status_code == 404
    client.force_login(buyer)
    assert client.get(f"/en/trade/offers/{offer.pk}/").status_code == 404
    client.force_login(seller)
    assert "waits for a moderator" in client.get(f"/en/trade/offers/{offer.pk}/").content.decode()

    client.force_login(moderator)
    queue = client.get("/admin/trade/moderation/")
    assert queue.status_code == 200
    assert "Chiếu cói Nga Sơn" in queue.content.decode()
    response = client.post(f"/admin/trade/moderation/offer/{offer.pk}/approve/")
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Status.OPEN and offer.moderated_by == moderator and offer.published_at

    client.logout()
    assert "Chiếu cói Nga Sơn" in client.get("/en/trade/").content.decode()


def test_editing_an_open_post_of_an_unverified_poster_sends_it_back_to_moderation(
    client, categories, unverified_business
):
    seller, _ = unverified_business
    offer = make_offer(seller, category=categories["crafts"], title="Đã duyệt")
    client.force_login(seller)
    data = offer_form(categories["crafts"], title_vi="Đổi nội dung sau khi duyệt")
    assert client.post(f"/en/trade/offers/{offer.pk}/edit/", data).status_code == 302
    offer.refresh_from_db()
    assert offer.status == Status.PENDING and offer.title_vi == "Đổi nội dung sau khi duyệt"


def test_moderator_hides_a_post(client, categories, business, moderator):
    seller, _ = business
    offer = make_offer(seller, category=categories["fruit"], title="Tin rác")
    client.force_login(moderator)
    assert "Tin rác" in client.get("/admin/trade/moderation/?show=open").content.decode()
    client.post(f"/admin/trade/moderation/offer/{offer.pk}/hide/")
    offer.refresh_from_db()
    assert offer.status == Status.HIDDEN
    client.logout()
    assert "Tin rác" not in client.get("/en/trade/").content.decode()
    assert client.get(f"/en/trade/offers/{offer.pk}/").status_code == 404
    # Editing does not bring a hidden post back.
    client.force_login(seller)
    client.post(f"/en/trade/offers/{offer.pk}/edit/", offer_form(categories["fruit"], title_vi="Tin rác 2"))
    offer.refresh_from_db()
    assert offer.status == Status.HIDDEN


def test_only_moderators_reach_the_moderation_queue(client, categories, business, unverified_business):
    seller, _ = business
    pending_owner, _ = unverified_business
    offer = make_offer(pending_owner, category=categories["fruit"], status=Status.PENDING)
    staff = make_buyer("staff-not-moderator")
    staff.is_staff = True
    staff.save()
    for user in (seller, staff):
        client.force_login(user)
        assert client.get("/admin/trade/moderation/").status_code in (302, 403)
        client.post(f"/admin/trade/moderation/offer/{offer.pk}/approve/")
        offer.refresh_from_db()
        assert offer.status == Status.PENDING


def test_email_verified_individual_posts_a_request_that_waits(client, categories, moderator):
    person = make_buyer("ca-nhan", email_verified=True, phone_verified=False)
    client.force_login(person)
    data = {
        "title_en": "Wanted: 5 tonnes of sedge mats",
        "description_en": "For export.",
        "category": categories["crafts"].pk,
        "quantity": "5",
        "unit": "tonne",
        "price_per_unit": "",
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "province_code": "31",
        "address": "Cảng Hải Phòng",
        "accept_policies": "on",
    }
    response = client.post("/en/trade/requests/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    request = Request.objects.get()
    assert request.status == Status.PENDING and request.is_negotiable and request.province_code == 31


def test_a_moderator_confirms_a_phone_in_the_admin_and_that_user_is_then_trusted(client, moderator):
    person = make_buyer("goi-lai", email_verified=True, phone_verified=False)
    profile = person.board_profile
    client.force_login(moderator)
    listing = client.get("/admin/trade/profiles/")
    assert listing.status_code == 200 and "goi-lai" in listing.content.decode()
    response = client.post(
        f"/admin/trade/profiles/edit/{profile.pk}/",
        {"display_name": "Anh Gọi Lại", "phone": "0912000111", "email_verified": "on", "phone_verified": "on"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.phone_verified

    from trade.permissions import is_trusted

    person.refresh_from_db()
    assert is_trusted(person)


def test_non_moderators_cannot_change_board_profiles(client, site_pages):
    person = make_buyer("tu-xac-nhan", email_verified=True, phone_verified=False)
    person.is_staff = True
    person.save()
    client.force_login(person)
    response = client.post(
        f"/admin/trade/profiles/edit/{person.board_profile.pk}/",
        {"display_name": "x", "phone": "0912000111", "email_verified": "on", "phone_verified": "on"},
    )
    assert response.status_code in (302, 403)
    person.board_profile.refresh_from_db()
    assert not person.board_profile.phone_verified


def test_the_close_expired_posts_command_queues_the_task(categories, business):
    import io

    from django.core.management import call_command

    seller, _ = business
    post = make_offer(seller, category=categories["fruit"])
    Offer.objects.filter(pk=post.pk).update(
        available_from=timezone.localdate() - datetime.timedelta(days=3),
        available_until=timezone.localdate() + YESTERDAY,
    )
    out = io.StringIO()
    call_command("close_expired_posts", stdout=out)
    assert "queued" in out.getvalue()
    assert Offer.objects.get(pk=post.pk).status == Status.CLOSED
