"""The demo catalogue: real producers and products, valid GTINs, real onboarding."""

import io
import json
from pathlib import Path

import pytest

from catalogue.gtin import is_valid_gtin

DATA = Path(__file__).resolve().parents[2] / "catalogue" / "demo_data"


def _read(name):
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def test_demo_data_has_enough_real_producers_and_products():
    producers, products = _read("producers"), _read("products")
    assert len(producers) >= 15
    assert len(products) >= 30
    slugs = {p["slug"] for p in producers}
    assert all(p["producer"] in slugs for p in products)
    assert all(p["title_en"] and p["summary_en"] and p["slug_en"] for p in products)


def test_demo_gtins_are_valid_gtin13_with_vietnam_prefix_and_unique():
    variants = [v for p in _read("products") for v in p["variants"]]
    gtins = [v["gtin"] for v in variants]
    assert all(len(g) == 13 and g.startswith("893") and is_valid_gtin(g) for g in gtins)
    assert len(set(gtins)) == len(gtins)
    assert len({v["sku"] for v in variants}) == len(variants)
    assert all(isinstance(v["price"], int) and v["price"] > 0 for v in variants)


@pytest.mark.django_db
def test_demo_producers_are_onboarded_with_their_own_sign_in():
    from django.contrib.auth import get_user_model

    from catalogue import demo as catalogue_demo
    from catalogue.models import BusinessApplication, ProducerPage, ProductPage, SellerIdentity
    from portal import demo as portal_demo
    from portal.tax_codes import normalise_tax_code

    class Command:
        stdout = io.StringIO()

    portal_demo.load(Command)
    catalogue_demo.load(Command)
    assert ProducerPage.objects.filter(locale__language_code="vi").count() >= 15
    assert ProductPage.objects.filter(locale__language_code="en").count() >= 30
    user = get_user_model().objects.get(username="le-gia")
    assert user.check_password("changeme")
    application = BusinessApplication.objects.get(user=user)
    assert application.producer.slug == "le-gia"
    assert application.group in user.groups.all()
    counts = (ProductPage.objects.count(), BusinessApplication.objects.count(), SellerIdentity.objects.count())
    catalogue_demo.load(Command)
    assert (ProductPage.objects.count(), BusinessApplication.objects.count(), SellerIdentity.objects.count()) == counts

    # Every demo producer has a legal identity verified by the demo moderator, with placeholder
    # numbers that are valid in form and cannot be a real business's (no province code 00).
    vi_producers = ProducerPage.objects.filter(locale__language_code="vi")
    identities = {identity.business_id: identity for identity in SellerIdentity.objects.select_related("verified_by")}
    assert set(vi_producers.values_list("pk", flat=True)) <= set(identities)
    for identity in identities.values():
        assert identity.is_verified and identity.verified_by.username == "moderator"
        assert normalise_tax_code(identity.tax_code) == identity.tax_code and identity.tax_code.startswith("00")
        assert identity.registration_number.startswith("DEMO-")
