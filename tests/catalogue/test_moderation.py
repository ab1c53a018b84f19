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
