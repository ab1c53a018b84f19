"""Board posts: reported by the public, taken down by a moderator with a reason the poster
reads, off the board at once, and restored."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import ListingReport
from catalogue.takedown import restore, take_down
from trade.models import Status

from .conftest import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(business):
    user, producer = business
    return make_offer(user, producer=producer, title="Bưởi Luận Văn loại 1")


def test_a_reported_offer_is_taken_down_with_a_reason_and_restored(client, offer, business, moderator):
    board = reverse("trade:board")
    detail = offer.get_absolute_url()
    page = client.get(detail).content.decode()
    report_url = reverse("catalogue:report", args=["offer", offer.pk])
    assert report_url in page
    assert client.post(report_url, {"reason": "scam", "details": "Đòi đặt cọc trước."}).status_code == 200
    report = ListingReport.objects.get()
    assert report.title == str(offer)

    takedown = take_down(offer, moderator, "Tin rao lừa đảo đặt cọc.")
    offer.refresh_from_db()
    assert offer.status == Status.HIDDEN
    assert "Bưởi Luận Văn loại 1" not in client.get(board).content.decode()
    assert client.get(detail).status_code == 404
    report.refresh_from_db()
    assert report.status == "acted"

    owner = client.__class__()
    owner.force_login(business[0])
    assert "Tin rao lừa đảo đặt cọc." in owner.get(detail).content.decode()

    restore(takedown, moderator)
    offer.refresh_from_db()
    assert offer.status == Status.OPEN
    assert "Bưởi Luận Văn loại 1" in client.get(board).content.decode()


def test_the_moderation_queue_links_to_the_takedown_form(client, offer, moderator):
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    queue = client.get(reverse("trade_moderation:index") + "?show=open").content.decode()
    form_url = reverse("catalogue_takedowns:new", args=[_content_type_id(offer), offer.pk])
    assert form_url in queue
    assert client.post(form_url, {"reason": "Sai danh mục."}).status_code == 302
    offer.refresh_from_db()
    assert offer.status == Status.HIDDEN


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_a_hidden_post_cannot_be_reported(client, offer, moderator):
    take_down(offer, moderator, "Sai danh mục.")
    assert client.get(reverse("catalogue:report", args=["offer", offer.pk])).status_code == 404
