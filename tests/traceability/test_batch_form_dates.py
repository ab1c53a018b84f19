"""The batch form in the admin reads "01/12/2026" as 1 December 2026 in both languages (it was
stored as 12 January, then printed on labels and trace pages)."""

import datetime

import pytest
from wagtail.users.models import UserProfile

from tests.traceability.test_admin import owner  # noqa: F401 — fixture

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_shop")]

DECEMBER_1 = datetime.date(2026, 12, 1)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_batch_form_in_the_admin_stores_01_12_2026_as_1_december(client, owner, shop, language):  # noqa: F811
    from traceability.models import Batch

    profile = UserProfile.get_for_user(owner)
    profile.preferred_language = language
    profile.save()
    client.force_login(owner)
    assert client.get("/admin/batches/new/").status_code == 200
    response = client.post(
        "/admin/batches/new/",
        {
            "product": shop.product.pk,
            "variant": shop.variant.pk,
            "lot_number": f"NGAY-{language}",
            "production_date": "01/12/2026",
            "expiry_date": "02/12/2027",
            "quantity": "100",
            "unit": "kg",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    batch = Batch.objects.get(lot_number=f"NGAY-{language}")
    assert batch.production_date == DECEMBER_1
    assert batch.expiry_date == datetime.date(2027, 12, 2)
