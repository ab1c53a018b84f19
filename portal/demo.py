"""Idempotent building blocks for `load_demo`, shared by every app's `demo.py`.

Each app's `demo.load(command)` describes its content; these helpers make running it
twice change nothing: a page, snippet or image is looked up by a stable key first and
created only when missing.
"""

import io
import json
from hashlib import sha256
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from .models import Area, HomePage, SiteSettings

DEMO_PASSWORD = "changeme"  # documented demo sign-ins, refused in production # noqa: S105 # nosec B105
FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def locales() -> tuple[Locale, Locale]:
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return vi, en


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def upsert_page(parent: Page, model, *, slug: str, vi: dict, en: dict, shared: dict | None = None):
    """Create `model` under `parent` (vi) and its English translation unless they exist.

    `vi`/`en` hold translated fields (an `en` "slug" key gives the English slug);
    `shared` holds synchronised ones (prices, coordinates…), set on both.
    Returns (vi_page, en_page).
    """
    vi_locale, en_locale = locales()
    shared = shared or {}
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=vi_locale, **vi, **shared)
        parent.add_child(instance=page)
        publish(page)
    en_page = page.get_translation_or_none(en_locale)
    if en_page is None:
        en_page = page.copy_for_translation(en_locale, copy_parents=True)
        en_page = en_page.specific
        en_fields = dict(en)
        en_page.slug = en_fields.pop("slug", slug)
        for name, value in {**en_fields, **shared}.items():
            setattr(en_page, name, value)
        en_page.save()
        publish(en_page)
    return page.specific, en_page.specific


def _wrapped(text: str, draw, font, width: int) -> str:
    """`text` broken into lines no wider than `width` (long product names ran off the picture)."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def demo_image(title: str, alt: str, colour: str = "#2f6f4f", size=(1200, 800)):
    """A generated picture (no network here) with honest alt text, made once per title."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    digest = sha256(title.encode()).digest()
    base = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(base)
    # A soft two-tone band so generated pictures are told apart at a glance.
    tint = tuple(min(255, c + 40) for c in PILImage.new("RGB", (1, 1), colour).getpixel((0, 0)))
    draw.rectangle([0, size[1] * (0.55 + digest[0] / 1024), size[0], size[1]], fill=tint)
    try:
        font = ImageFont.truetype(FONT_PATH, size[0] // 18)
    except OSError:
        font = ImageFont.load_default()
    margin = size[0] // 14
    text = _wrapped(title, draw, font, size[0] - 2 * margin)
    draw.multiline_text((margin, size[1] // 3), text, fill="white", font=font, spacing=12)
    buffer = io.BytesIO()
    base.save(buffer, "JPEG", quality=80)
    image = Image(title=title, description=alt)
    image.file = ImageFile(buffer, name=f"demo-{digest.hex()[:12]}.jpg")
    image.save()
    return image


def ensure_user(username: str, *, email: str = "", superuser: bool = False, staff: bool = True):
    """A demo sign-in with the password `changeme`; refused under production settings."""
    if settings.SETTINGS_MODULE.endswith(".production"):
        raise ImproperlyConfigured("Demo sign-ins are never created with production settings.")
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "is_staff": staff, "is_superuser": superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


HOME_VI = {
    "title": "Xứ Thanh",
    "hero_title": "Đặc sản, truy xuất nguồn gốc và du lịch xứ Thanh",
    "hero_text": "Mua nông sản và sản phẩm truyền thống trực tiếp từ người làm ra, quét mã để biết "
    "nguồn gốc từng lô hàng, và khám phá biển, núi, di sản của Thanh Hóa.",
    "seo_title": "Xứ Thanh — chợ đặc sản và du lịch Thanh Hóa",
    "search_description": "Sàn thương mại đặc sản, truy xuất nguồn gốc và du lịch tỉnh Thanh Hóa.",
    "footer_text": "<p>Cổng thông tin thương mại và du lịch tỉnh Thanh Hóa.</p>",
}
HOME_EN = {
    "title": "Xu Thanh",
    "hero_title": "Local produce, traceability and travel in Thanh Hoa",
    "hero_text": "Buy traditional and farm products straight from the people who make them, scan a "
    "code to see where each batch came from, and explore Thanh Hoa's coast, mountains and heritage.",
    "seo_title": "Xu Thanh — Thanh Hoa's marketplace and travel guide",
    "search_description": "Marketplace, traceability and travel guide for Thanh Hoa province, Vietnam.",
    "footer_text": "<p>The commerce and tourism portal of Thanh Hoa province.</p>",
}


def home_pages() -> tuple[HomePage, HomePage]:
    """The home page in both languages, installed as the default site's root."""
    vi_locale, en_locale = locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=vi_locale, depth=2).first()
    if home is None:
        image = demo_image("Xứ Thanh", "Tên trang Xứ Thanh trên nền xanh lúa", "#2f6f4f")
        home = HomePage(slug="trang-chu", locale=vi_locale, hero_image=image, **HOME_VI)
        root.add_child(instance=home)
        publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            site = Site(is_default_site=True)
        base = urlsplit(settings.SITE_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.root_page = home
        site.site_name = "Xứ Thanh"
        site.save()
        # Wagtail's placeholder "Welcome" page is not ours to keep.
        if old_root and old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    en_home = home.get_translation_or_none(en_locale)
    if en_home is None:
        en_home = home.copy_for_translation(en_locale).specific
        en_home.slug = "home"
        for name, value in HOME_EN.items():
            setattr(en_home, name, value)
        en_home.save()
        publish(en_home)
    return home, en_home.specific


DEMO_DATA = Path(__file__).resolve().parent / "demo_data"


def areas() -> dict[str, tuple[Area, Area]]:
    """The province's former districts and towns, in both languages, keyed by slug."""
    vi_locale, en_locale = locales()
    result = {}
    for row in json.loads((DEMO_DATA / "areas.json").read_text(encoding="utf-8")):
        common = {"region": row["region"], "latitude": row["lat"], "longitude": row["lon"]}
        vi_area, _ = Area.objects.get_or_create(
            slug=row["slug"], locale=vi_locale, defaults={"name": row["name_vi"], **common}
        )
        en_area = vi_area.get_translation_or_none(en_locale)
        if en_area is None:
            en_area = vi_area.copy_for_translation(en_locale)
            en_area.name = row["name_en"]
            en_area.save()
        result[row["slug"]] = (vi_area, en_area)
    return result


@transaction.atomic
def load(command) -> None:
    home, en_home = home_pages()
    areas()
    from .policies import demo as policies_demo  # it builds on this module's helpers

    policies_demo.load(home, en_home)
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "contact_email": "lienhe@xuthanh.example",
            "contact_phone": "0237 385 0000",
            "address": "Thành phố Thanh Hóa, tỉnh Thanh Hóa",
            "address_en": "Thanh Hóa City, Thanh Hóa Province",
        },
    )
    ensure_user("admin", email="admin@xuthanh.example", superuser=True)
    moderator = ensure_user("moderator", email="moderator@xuthanh.example")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderator.groups.add(moderators)
    command.stdout.write("portal: home pages, policy pages, site settings, admin and moderator sign-ins")
