"""A product in a licence-required category goes live only with its producer's verified,
unexpired licence of that kind: in code, a scheduled publish, the admin and the workspace."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from catalogue.models import ProductPage, VerificationStatus
from catalogue.seller_services import submit_for_approval
from catalogue.wagtail_hooks import refuse_publishing_unlicensed_or_taken_down
from tests.factories.catalogue import give_identity, make_category, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def liquor(indexes):
    vi, en = make_category(indexes, slug="ruou", title="Rượu", slug_en="liquor", title_en="Liquor")
    for page in (vi, en):
        page.requires_licence, page.required_licence = True, "alcohol_trade"
        page.save()
    return vi


def _today():
    return timezone.localdate()


def test_a_product_without_the_licence_cannot_go_live(businesses, liquor):
    _user, producer, _en = businesses[0]
    with pytest.raises(ValidationError) as refused:
        make_product(producer, title="Rượu ngô", category=liquor)
    assert refused.value.code == "not_publishable" and "Rượu" in refused.value.messages[0]
    assert not ProductPage.objects.filter(title="Rượu ngô", live=True).exists()


@pytest.mark.parametrize(
    "licences, verified",
    [
        ([("alcohol_trade", datetime.date(2020, 1, 1))], True),  # expired
        ([("alcohol_trade", None)], False),  # not checked by a moderator
        ([("food_safety", None)], True),  # another kind
    ],
)
def test_an_expired_unverified_or_other_licence_is_not_enough(businesses, liquor, moderator, licences, verified):
    _user, producer, _en = businesses[0]
    give_identity(business=producer, licences=licences, moderator=moderator if verified else None)
    with pytest.raises(ValidationError):
        make_product(producer, title="Rượu ngô", category=liquor)


def test_a_verified_unexpired_licence_lets_it_go_live(businesses, liquor, moderator):
    _user, producer, _en = businesses[0]
    give_identity(
        business=producer, licences=[("alcohol_trade", _today() + datetime.timedelta(days=30))], moderator=moderator
    )
    assert make_product(producer, title="Rượu ngô", category=liquor).live


def test_a_scheduled_publish_into_the_category_is_refused(businesses, liquor, category):
    _user, producer, _en = businesses[0]
    product = make_product(producer, title="Rượu ngô", category=category[0])
    product.unpublish()
    product.refresh_from_db()
    product.category = liquor
    revision = product.save_revision()
    with pytest.raises(ValidationError):
        revision.publish()  # what publish_scheduled does when the time comes
    product.refresh_from_db()
    assert not product.live


def test_the_admin_publish_stops_with_a_message(businesses, liquor, category, admin_user):
    _user, producer, _en = businesses[0]
    product = make_product(producer, title="Rượu ngô", category=category[0])
    product.unpublish()
    product.refresh_from_db()
    product.category = liquor
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    response = refuse_publishing_unlicensed_or_taken_down(request, product)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[product.pk])
    assert "“Rượu”" in " ".join(str(m) for m in request._messages)  # names the category


def test_the_workspace_refuses_the_category_and_saves_nothing(client, businesses, liquor):
    user, producer, _en = businesses[0]
    client.force_login(user)
    before = ProductPage.objects.count()
    response = client.post(
        reverse("seller:seller_product_new"),
        {
            "title": "Rượu ngô",
            "summary": "Rượu ngô men lá",
            "category": liquor.pk,
            "packs-TOTAL_FORMS": "1",
            "packs-INITIAL_FORMS": "0",
            "packs-0-name": "Chai 500 ml",
            "packs-0-price": "120000",
            "packs-0-stock": "5",
            "certificates-TOTAL_FORMS": "0",
            "certificates-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() and "“Rượu”" in response.content.decode()
    assert ProductPage.objects.count() == before


def test_verification_status_choices_are_the_three_states():
    assert set(VerificationStatus.values) == {"unverified", "verified", "rejected"}


def test_a_moderator_approving_it_in_the_workflow_gets_a_message_and_nothing_goes_live(
    client, businesses, liquor, category, moderator
):
    user, producer, _en = businesses[0]
    product = make_product(producer, title="Rượu ngô", category=category[0])
    product.unpublish()
    product.refresh_from_db()
    product.category = liquor
    submit_for_approval(product, user)  # e.g. sent from the admin before the category needed a licence
    task_state = product.current_workflow_task_state
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[product.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[product.pk])
    product.refresh_from_db()
    task_state.refresh_from_db()
    assert not product.live and task_state.status == task_state.STATUS_IN_PROGRESS
