"""Figures in the workspace, and the province's "mobile applications" target."""

import datetime

import pytest
from django.utils import timezone, translation

from dashboards.metrics.province import target_counts, targets
from seller.models import WorkspaceDay
from tests.factories.catalogue import make_product
from tests.seller.helpers import make_order

pytestmark = pytest.mark.django_db


def test_figures_show_the_business_orders_and_revenue_only(seller_client, seller, other_seller):
    own = make_product(seller[1], title="Nước mắm", variants=((120000, 50),)).variants.get()
    foreign = make_product(other_seller[1], title="Chiếu", variants=((990000, 50),)).variants.get()
    make_order(own, quantity=2)
    make_order(foreign, quantity=1)
    text = seller_client.get("/vi/seller/figures/").content.decode()
    assert "240.000" in text  # two bottles
    assert "990.000" not in text


def test_today_links_to_figures(seller_client, seller):
    assert "/vi/seller/figures/" in seller_client.get("/vi/seller/").content.decode()


def test_a_wrong_period_falls_back_to_the_last_30_days_with_a_message(seller_client, seller):
    response = seller_client.get("/en/seller/figures/?start=2026-12-01&end=2026-01-01")
    assert response.status_code == 200 and "The end date is before the start date" in response.content.decode()


def test_mobile_target_counts_businesses_active_in_the_workspace_in_the_last_90_days(seller, other_seller):
    today = timezone.localdate()
    WorkspaceDay.objects.create(producer=seller[1], day=today - datetime.timedelta(days=89))
    WorkspaceDay.objects.create(producer=other_seller[1], day=today - datetime.timedelta(days=91))
    assert target_counts()["mobile"] == (1, 2)
    with translation.override("en"):  # not whatever language an earlier test's request left active
        mobile = next(t for t in targets() if t["key"] == "mobile")
    assert (mobile["goal_2025"], mobile["goal_2030"], mobile["percent"]) == (40, 50, 50.0)
    assert "last 90 days" in mobile["definition"]


def test_using_the_workspace_counts_the_business_once_a_day(seller_client, seller):
    seller_client.get("/vi/seller/")
    seller_client.get("/vi/seller/products/")
    assert WorkspaceDay.objects.filter(producer=seller[1]).count() == 1
    assert target_counts()["mobile"] == (1, 1)


def test_the_province_dashboard_shows_the_mobile_target_with_its_definition(client, seller, moderator):
    moderator.is_superuser = True
    moderator.save()
    client.force_login(moderator)
    text = client.get("/admin/dashboards/province/").content.decode()
    assert 'id="target-mobile"' in text
    assert "mobile applications" in text.lower() or "ứng dụng di động" in text.lower()
