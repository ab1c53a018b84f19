"""Reviews in Chromium on a 390×844 phone (#21): a buyer reviews a delivered item with a photo from
the order page, the product page shows it to visitors, and the business answers from its workspace."""

import io
import json
import uuid

from PIL import Image as PILImage

from .conftest import ARTIFACTS, axe_violations, site_shell
from .test_seller_journey import PHONE

TEXT = f"Nem chua ngon, đóng gói cẩn thận {uuid.uuid4().hex[:4]}"
ANSWER = "Cảm ơn anh chị đã ủng hộ cơ sở!"

# What a person cannot do from a browser here: an account with an order that has been delivered.
SETUP = """
import json, uuid
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from catalogue.models import ProductVariant
from orders.models import LineStatus
from orders.services import CustomerDetails, place_order
from portal.places import ward_choices
user = get_user_model().objects.create_user(username="buyer-" + uuid.uuid4().hex[:6], password="changeme")
variant = ProductVariant.objects.filter(is_active=True, stock__gt=0, product__live=True).order_by("pk").first()
details = CustomerDetails("Trần Văn Minh", "0912345678", "", 38, ward_choices(38)[0][0], "1 Lê Lợi", "", "cod")
order, _ = place_order({variant.pk: 1}, details, uuid.uuid4().hex)
order.user = user
order.save(update_fields=["user"])
order.lines.update(status=LineStatus.DELIVERED)
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({"code": order.code, "product": variant.product.get_url_parts()[2],
    "seller": variant.product.producer.slug, "cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key}))
"""


def violations_within(page, selector: str) -> list[dict]:
    """axe's serious and critical findings on elements inside `selector` (the rest of the page
    belongs to other features and their own tests)."""
    inside = "([target, selector]) => !!document.querySelector(target)?.closest(selector)"
    return [v for v in axe_violations(page) if any(page.evaluate(inside, [n[-1], selector]) for n in v["nodes"])]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_buyer_reviews_with_a_photo_and_the_business_answers_on_a_phone(browser, site_url, tmp_path):
    facts = json.loads(site_shell(SETUP))
    photo = tmp_path / "nem.png"
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (180, 60, 50)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    buyer = browser.new_context(viewport=PHONE, locale="vi-VN")
    buyer.add_cookies([{"name": facts["cookie"], "value": facts["session"], "url": site_url}])
    page = buyer.new_page()
    page.goto(f"{site_url}/vi/orders/{facts['code']}/")
    page.get_by_role("link", name="Viết đánh giá").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Đánh giá")
    page.get_by_text("5★").click()
    page.get_by_label("Nhận xét của bạn").fill(TEXT)
    page.locator("input[name=photos]").set_input_files(str(photo))
    assert no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "review-form-phone.png"), full_page=True)
    page.get_by_role("button", name="Đăng đánh giá").click()
    assert "đã hiển thị trên trang sản phẩm" in page.locator(".messages").inner_text()
    assert page.get_by_text("Đã đánh giá").count() == 1
    buyer.close()

    visitor = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = visitor.new_page()
    page.goto(site_url + facts["product"])
    reviews = page.locator("section.reviews")
    assert TEXT in reviews.inner_text()
    assert "Minh T." in reviews.inner_text()  # the given name, never the full name
    assert reviews.locator(".review-photos img").count() == 1
    assert no_sideways_scroll(page)
    assert violations_within(page, "section.reviews") == []
    reviews.screenshot(path=str(ARTIFACTS / "product-reviews-phone.png"))

    seller = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = seller.new_page()
    page.goto(f"{site_url}/vi/seller/sign-in/")
    page.locator("input[name=username]").fill(facts["seller"])
    page.locator("input[name=password]").fill("changeme")
    page.locator("form button[type=submit]").first.click()
    page.goto(f"{site_url}/vi/seller/reviews/")
    review = page.locator("li.review", has_text=TEXT)
    review.get_by_label("Câu trả lời của bạn").fill(ANSWER)
    review.get_by_role("button", name="Trả lời").click()
    assert ANSWER in page.locator("li.review", has_text=TEXT).inner_text()
    assert no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "seller-reviews-phone.png"), full_page=True)
    seller.close()

    page = visitor.new_page()
    page.goto(site_url + facts["product"])
    assert ANSWER in page.locator("section.reviews").inner_text()  # on the next request, caches on
    visitor.close()
