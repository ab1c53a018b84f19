"""Who may enter the workspace (issue #18's contract: anonymous → sign-in, buyer → 403)."""

import pytest
from django.utils import timezone

from seller.models import WorkspaceDay

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_sign_in_with_next(client, site_pages):
    response = client.get("/vi/seller/")
    assert response.status_code == 302
    assert response["Location"] == "/vi/seller/sign-in/?next=/vi/seller/"


def test_buyer_gets_403_and_it_is_logged(client, buyer, site_pages, caplog):
    client.force_login(buyer)
    with caplog.at_level("WARNING", logger="xuthanh.security"):
        response = client.get("/vi/seller/")
    assert response.status_code == 403
    assert any("manages no business" in r.getMessage() for r in caplog.records)


def test_business_sees_today_in_both_languages_and_is_counted_active(seller_client, seller):
    for lang in ("vi", "en"):
        response = seller_client.get(f"/{lang}/seller/")
        assert response.status_code == 200
        assert seller[1].title in response.content.decode()
    assert WorkspaceDay.objects.filter(producer=seller[1], day=timezone.localdate()).count() == 1


def test_moderator_who_manages_no_business_gets_403(client, moderator, site_pages):
    client.force_login(moderator)
    assert client.get("/vi/seller/").status_code == 403
