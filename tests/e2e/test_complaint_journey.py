"""Complaints in Chromium on a 390×844 phone under the site's real CSP (#22): a buyer complains
about a delivered item with a photo, the business rejects it from its workspace, the buyer
disputes, a moderator decides a partial refund in the admin and marks it paid, and the buyer's
order page shows the refund."""

import io
import json
import re
import uuid

from PIL import Image as PILImage

from .conftest import ARTIFACTS, axe_violations, emails_to, site_shell
from .test_seller_journey import PHONE

STORY = f"Hộp nem bị móp, hai gói bị rách {uuid.uuid4().hex[:4]}"
BUYER_EMAIL = f"minh-{uuid.uuid4().hex[:6]}@example.com"

# What a person cannot do from a browser here: an account with an order that has been delivered.
SETUP = f"""
import json, uuid
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils import timezone
from catalogue.models import ProductVariant
from orders.models import LineStatus
from orders.services import CustomerDetails, place_order
from portal.places import ward_choices
user = get_user_model().objects.create_user(username="buyer-" + uuid.uuid4().hex[:6], password="changeme")
variant = ProductVariant.objects.filter(is_active=True, stock__gt=2, product__live=True).order_by("pk").first()
details = CustomerDetails("Trần Văn Minh", "0912345678", "{BUYER_EMAIL}", 38, ward_choices(38)[0][0], "1 Lê Lợi", "",
    "cod")
order, _ = place_order({{variant.pk: 2}}, details, uuid.uuid4().hex)
order.user = user
order.save(update_fields=["user"])
order.lines.update(status=LineStatus.DELIVERED, status_changed_at=timezone.now())
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({{"code": order.code, "seller": variant.product.producer.slug, "cookie": settings.SESSION_COOKIE_NAME,
    "session": session.session_key}}))
"""


def watch_csp(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def violations_within(page, selector: str) -> list[dict]:
    inside = "([target, selector]) => !!document.querySelector(target)?.closest(selector)"
    return [v for v in axe_violations(page) if any(page.evaluate(inside, [n[-1], selector]) for n in v["nodes"])]


def test_complaint_answered_disputed_and_refunded_on_a_phone(browser, site_url, tmp_path):
    facts = json.loads(site_shell(SETUP))
    photo = tmp_path / "hop-mop.png"
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (150, 90, 40)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    order_page = f"{site_url}/vi/account/orders/{facts['code']}/"

    buyer = browser.new_context(viewport=PHONE, locale="vi-VN")
    buyer.add_cookies([{"name": facts["cookie"], "value": facts["session"], "url": site_url}])
    page = buyer.new_page()
    csp = watch_csp(page)
    page.goto(order_page)
    page.get_by_role("link", name="Báo sự cố hoặc đổi trả").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Khiếu nại hoặc đổi trả"
    assert page.locator("input[name=line]:checked").count() == 1  # ?line= preselects the item
    page.select_option("select[name=reason]", "damaged")
    page.get_by_label("Chuyện gì đã xảy ra?").fill(STORY)
    page.locator("input[name=photos]").set_input_files(str(photo))
    assert no_sideways_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "complaint-form-phone.png"), full_page=True)
    page.get_by_role("button", name="Gửi yêu cầu").click()
    assert page.url == order_page
    cases = page.locator("section.order-cases")
    assert STORY in cases.inner_text() and cases.locator(".review-photos img").count() == 1
    assert "Chờ cơ sở trả lời" in cases.inner_text()

    seller = browser.new_context(viewport=PHONE, locale="vi-VN")
    spage = seller.new_page()
    seller_csp = watch_csp(spage)
    spage.goto(f"{site_url}/vi/seller/sign-in/")
    spage.locator("input[name=username]").fill(facts["seller"])
    spage.locator("input[name=password]").fill("changeme")
    spage.locator("form button[type=submit]").first.click()
    spage.goto(f"{site_url}/vi/seller/complaints/")
    assert spage.locator("nav.seller-tabs a[aria-current=page]").inner_text() == "Khiếu nại"
    spage.locator("ul.case-list a").first.click()
    assert STORY in spage.locator("main").inner_text()
    case_id = re.search(r"/complaints/(\d+)/", spage.url).group(1)
    spage.locator("input[name=answer][value=reject]").check()
    spage.get_by_label("Lời nhắn của bạn gửi người mua").fill("Hàng được đóng gói kỹ khi giao cho đơn vị vận chuyển.")
    spage.get_by_role("button", name="Gửi câu trả lời").click()
    assert "Câu trả lời của bạn đã được gửi" in spage.locator(".seller-messages").inner_text()
    assert no_sideways_scroll(spage)
    spage.screenshot(path=str(ARTIFACTS / "complaint-seller-phone.png"), full_page=True)
    seller.close()

    page.goto(order_page)
    case = page.locator(f"#case-{case_id}")
    assert "Hàng được đóng gói kỹ" in case.inner_text()
    case.get_by_label("Vì sao bạn không đồng ý?").fill("Ảnh chụp cho thấy hộp móp ngay khi nhận.")
    case.get_by_role("button", name="Không đồng ý: nhờ người kiểm duyệt").click()
    assert "Không đồng ý: chuyển người kiểm duyệt" in page.locator(f"#case-{case_id}").inner_text()

    moderator = browser.new_context(viewport=PHONE, locale="vi-VN")
    mpage = moderator.new_page()
    admin_csp = watch_csp(mpage)
    mpage.goto(f"{site_url}/admin/login/")
    mpage.get_by_label(re.compile("Tên đăng nhập|Username")).fill("moderator")
    mpage.get_by_label(re.compile("Mật khẩu|Password")).fill("changeme")
    mpage.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    mpage.wait_for_load_state("load")
    mpage.goto(f"{site_url}/admin/complaints/")
    mpage.get_by_role("link", name=re.compile(f"#{case_id} ")).click()
    mpage.locator("input[name=outcome][value=refund]").check()
    mpage.locator("input[name=amount]").fill("20000")
    mpage.locator("textarea[name=reason]").fill("Ảnh cho thấy hộp bị móp khi giao; hoàn một phần.")
    mpage.get_by_role("button", name="Ghi quyết định").click()
    mpage.get_by_text("Quyết định đã được ghi nhận").wait_for()  # the same URL, after the POST's redirect
    mpage.screenshot(path=str(ARTIFACTS / "complaint-admin-decided.png"), full_page=True)
    mpage.get_by_role("button", name="Đã hoàn tiền").click()
    mpage.get_by_text("Khoản hoàn tiền đã được ghi nhận là đã trả.").wait_for()
    moderator.close()

    page.goto(order_page)
    case = page.locator(f"#case-{case_id}")
    text = case.inner_text()
    assert "Kết quả" in text and "20.000" in text and "Nhân viên đã hoàn tiền" in text
    assert "Ảnh cho thấy hộp bị móp khi giao" in text
    assert no_sideways_scroll(page)
    assert violations_within(page, "section.order-cases") == []
    page.screenshot(path=str(ARTIFACTS / "complaint-order-page-phone.png"), full_page=True)
    buyer.close()

    assert any("20.000" in body for body in emails_to(BUYER_EMAIL))
    assert csp == [] and seller_csp == [] and admin_csp == []
