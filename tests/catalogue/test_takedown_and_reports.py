"""A moderator takes a product or a producer down with a reason: gone from its page, its
category, search and the sitemap on the next request (caches on), the business reads why, and
a restore puts back what was live. "Report this listing" feeds the moderators' queue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from catalogue.models import ListingReport, ReportStatus, Takedown
from catalogue.takedown import restore, take_down
from tests.factories.catalogue import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(businesses, category):
    user, producer, en_producer = businesses[0]
    product = make_product(
        producer,
        title="Nước mắm Ba Làng",
        category=category[0],
        en_producer=en_producer,
        en_category=category[1],
        title_en="Ba Lang fish sauce",
    )
    return user, producer, en_producer, product, product.get_translation(en_producer.locale)


def _shown(client, page) -> bool:
    return client.get(page.url).status_code == 200


def test_a_product_taken_down_leaves_every_public_place_and_comes_back_on_restore(client, shop, category, moderator):
    _user, producer, _en_producer, product, en_product = shop
    for url in (product.url, en_product.url, category[0].url, "/sitemap.xml", "/vi/search/?q=Ba+Làng"):
        client.get(url)  # warm every cache
    assert "Nước mắm Ba Làng" in client.get(category[0].url).content.decode()

    takedown = take_down(product, moderator, "Nhãn ghi sai độ đạm.")
    assert not _shown(client, product) and not _shown(client, en_product)
    assert "Nước mắm Ba Làng" not in client.get(category[0].url).content.decode()
    assert product.url not in client.get("/sitemap.xml").content.decode()
    assert "Nước mắm Ba Làng" not in client.get("/vi/search/?q=Ba+Làng").content.decode()
    assert "Nước mắm Ba Làng" not in client.get(producer.url).content.decode()

    restore(takedown, moderator)
    assert _shown(client, product) and _shown(client, en_product)
    assert "Nước mắm Ba Làng" in client.get(category[0].url).content.decode()


def test_a_producer_taken_down_takes_its_products_with_it(client, shop, moderator):
    _user, producer, en_producer, product, _en_product = shop
    takedown = take_down(producer, moderator, "Giấy phép kinh doanh bị thu hồi.")
    assert not any(_shown(client, page) for page in (producer, en_producer, product))
    restore(takedown, moderator)
    assert all(_shown(client, page) for page in (producer, en_producer, product))


def test_a_taken_down_product_cannot_be_published_again(shop, moderator):
    _user, _producer, _en, product, _en_product = shop
    take_down(product, moderator, "Hàng giả.")
    product.refresh_from_db()
    with pytest.raises(ValidationError, match="Hàng giả."):  # the refusal gives the takedown's reason
        product.save_revision().publish()
    product.refresh_from_db()
    assert not product.live


def test_the_business_reads_the_reason_in_its_workspace(client, shop, moderator):
    user, _producer, _en, product, _en_product = shop
    take_down(product, moderator, "Nhãn ghi sai độ đạm.")
    client.force_login(user)
    page = client.get(reverse("seller:seller_identity")).content.decode()
    assert "Nhãn ghi sai độ đạm." in page and "Nước mắm Ba Làng" in page


def test_only_moderators_take_down_and_a_reason_is_required(shop, moderator):
    user, _producer, _en, product, _en_product = shop
    with pytest.raises(PermissionDenied):
        take_down(product, user, "x")
    with pytest.raises(ValidationError):
        take_down(product, moderator, "  ")
    assert not Takedown.objects.exists()


def test_a_report_reaches_the_queue_and_the_moderator_takes_the_listing_down_from_there(client, shop, moderator):
    _user, _producer, _en, product, _en_product = shop
    page = client.get(product.url).content.decode()
    report_url = reverse("catalogue:report", args=["product", product.pk])
    assert report_url in page
    form = client.get(report_url)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    response = client.post(report_url, {"reason": "fake", "details": "Chai giả nhãn.", "contact": ""})
    assert response.status_code == 200
    report = ListingReport.objects.get()
    assert (report.title, report.status, report.url) == ("Nước mắm Ba Làng", ReportStatus.OPEN, product.url)

    admin = client.__class__()
    admin.force_login(moderator)
    assert "Nước mắm Ba Làng" in admin.get(reverse("catalogue_reports:index")).content.decode()
    decide = reverse("catalogue_reports:decide", args=[report.pk])
    assert admin.post(decide, {"decision": "take_down", "reason": "Hàng giả."}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACTED and report.decided_by == moderator
    assert not _shown(client, product)


def test_a_report_can_be_dismissed(client, shop, moderator):
    _user, _producer, _en, product, _en_product = shop
    client.post(reverse("catalogue:report", args=["product", product.pk]), {"reason": "other", "details": "?"})
    report = ListingReport.objects.get()
    client.force_login(moderator)
    client.post(reverse("catalogue_reports:decide", args=[report.pk]), {"decision": "dismiss"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED
    assert _shown(client.__class__(), product)


def test_reports_are_rate_limited_per_address(client, shop, settings):
    settings.RATELIMIT_ENABLED = True
    _user, _producer, _en, product, _en_product = shop
    url = reverse("catalogue:report", args=["product", product.pk])
    statuses = [client.post(url, {"reason": "scam", "details": str(n)}).status_code for n in range(7)]
    assert statuses == [200] * 5 + [429, 429]
    assert ListingReport.objects.count() == 5


def test_a_report_needs_a_reason_and_a_public_listing(client, shop, moderator):
    _user, producer, _en, product, _en_product = shop
    url = reverse("catalogue:report", args=["product", product.pk])
    assert client.post(url, {"reason": "", "details": "x"}).status_code == 400
    assert client.get(reverse("catalogue:report", args=["user", 1])).status_code == 404
    take_down(product, moderator, "Hàng giả.")
    assert client.get(url).status_code == 404
    assert not ListingReport.objects.exists()
