"""A business's product edit goes live only after a moderator approves it."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from catalogue.models import ProductPage
from tests.catalogue.admin_form import read_form
from tests.factories.catalogue import make_product

pytestmark = pytest.mark.django_db


def test_product_edit_waits_for_moderator_approval(client, businesses, moderator):
    (user_a, producer_a, _), _b = businesses
    product = make_product(producer_a, title="Mắm tép cũ")
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])

    client.force_login(user_a)
    data = read_form(client.get(url).content.decode())
    assert "action-publish" not in client.get(url).content.decode()  # no publish button for a business
    data.update({"title": "Mắm tép mới", "action-submit": "Submit"})
    response = client.post(url, data)
    assert response.status_code == 302

    product.refresh_from_db()
    assert product.title == "Mắm tép cũ"
    live_html = client.get(product.url).content.decode()
    assert "<h1>Mắm tép cũ</h1>" in live_html  # (the admin's flash message may name the draft)
    state = WorkflowState.objects.get(object_id=str(product.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Product moderation"

    client.force_login(moderator)
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[product.pk, "approve", task_state.pk])
    response = client.post(approve, {"comment": "OK"})
    assert response.status_code in (200, 302)
    assert ProductPage.objects.get(pk=product.pk).title == "Mắm tép mới"
    assert "<h1>Mắm tép mới</h1>" in client.get(product.url).content.decode()


def test_business_cannot_publish_directly(client, businesses):
    (user_a, producer_a, _), _b = businesses
    product = make_product(producer_a, title="Nước mắm")
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])
    client.force_login(user_a)
    data = read_form(client.get(url).content.decode())
    data.update({"title": "Nước mắm (sửa)", "action-publish": "Publish"})
    client.post(url, data)
    assert ProductPage.objects.get(pk=product.pk).title == "Nước mắm"


def test_approving_an_old_edit_does_not_bring_back_sold_stock(client, businesses, moderator):
    from catalogue.models import ProductVariant
    from catalogue.services import reserve_stock

    (user_a, producer_a, _), _b = businesses
    product = make_product(producer_a, title="Nem chua", variants=((30000, 10),))
    variant = ProductVariant.objects.get(product=product)
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])
    client.force_login(user_a)
    data = read_form(client.get(url).content.decode())
    data.update({"title": "Nem chua Thanh Hóa", "action-submit": "Submit"})
    assert client.post(url, data).status_code == 302

    reserve_stock(variant.pk, 3)  # sold while the edit waits for a moderator

    client.force_login(moderator)
    state = WorkflowState.objects.get(object_id=str(product.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[product.pk, "approve", task_state.pk]), {})
    assert ProductPage.objects.get(pk=product.pk).title == "Nem chua Thanh Hóa"
    assert ProductVariant.objects.get(pk=variant.pk).stock == 7


def test_business_stock_correction_goes_live_without_waiting(client, businesses):
    from catalogue.models import ProductVariant

    (user_a, producer_a, _), _b = businesses
    product = make_product(producer_a, title="Bánh gai", variants=((35000, 10),))
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])
    client.force_login(user_a)
    data = read_form(client.get(url).content.decode())
    data.update({"variants-0-stock": "0", "variants-0-price": "99000"})  # saved as a draft
    assert client.post(url, data).status_code == 302
    variant = ProductVariant.objects.get(product=product)
    assert variant.stock == 0  # stock is a fact: live at once
    assert variant.price == 35000  # price is content: waits for moderation
    assert ProductPage.objects.get(pk=product.pk).in_stock is False
