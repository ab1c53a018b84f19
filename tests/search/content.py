"""A small, deliberate set of things to search, in Vietnamese and English.

Built with the apps' real models (pages added live under the real page tree, variants with
stock, board posts through their own save()). The demo content is tested separately.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Content:
    pages: dict = field(default_factory=dict)  # name → (vi, en)
    posts: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)

    def objects(self) -> list:
        """Every page (both languages) and board post, as fresh specific instances."""
        found = []
        for pair in self.pages.values():
            for page in pair:
                found.append(type(page).objects.get(pk=page.pk))
        for post in self.posts.values():
            found.append(type(post).objects.get(pk=post.pk))
        return found


def _live(parent, page):
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    return page


def _pair(vi_parent, en_parent, model, vi: dict, en: dict, shared: dict | None = None, live: bool = True):
    from wagtail.models import Locale

    shared = shared or {}
    vi_page = model(locale=Locale.objects.get(language_code="vi"), **vi, **shared)
    vi_page = _live(vi_parent, vi_page) if live else vi_parent.add_child(instance=vi_page)
    if not live:
        vi_page.live = False
        vi_page.save()
    en_page = model(
        locale=Locale.objects.get(language_code="en"), translation_key=vi_page.translation_key, **en, **shared
    )
    en_page = _live(en_parent, en_page) if live else en_parent.add_child(instance=en_page)
    if not live:
        en_page.live = False
        en_page.save()
    return vi_page, en_page


def _area(slug, vi_name, en_name, lat, lon, region):
    from wagtail.models import Locale

    from portal.models import Area

    vi = Area.objects.filter(slug=slug, locale__language_code="vi").first()
    if vi is None:
        vi = Area.objects.create(
            slug=slug,
            name=vi_name,
            region=region,
            latitude=lat,
            longitude=lon,
            locale=Locale.objects.get(language_code="vi"),
        )
    en = vi.get_translation_or_none(Locale.objects.get(language_code="en"))
    if en is None:
        en = vi.copy_for_translation(Locale.objects.get(language_code="en"))
        en.name = en_name
        en.save()
    return vi, en


def build_content(home_vi, home_en) -> Content:
    from catalogue.models import (
        CategoriesIndexPage,
        CategoryPage,
        ProducerPage,
        ProducersIndexPage,
        ProductCertificate,
        ProductPage,
        ProductVariant,
    )
    from catalogue.services import refresh_product_summary

    c = Content()
    c.areas["nga_son"] = _area("nga-son-t", "Nga Sơn", "Nga Son", 20.0, 106.0, "coastal")
    c.areas["vinh_loc"] = _area("vinh-loc-t", "Vĩnh Lộc", "Vinh Loc", 20.04, 105.63, "midland")
    c.areas["sam_son"] = _area("sam-son-t", "Sầm Sơn", "Sam Son", 19.74, 105.90, "coastal")

    cats = _pair(
        home_vi,
        home_en,
        CategoriesIndexPage,
        {"title": "Sản phẩm", "slug": "san-pham-t"},
        {"title": "Products", "slug": "products-t"},
    )
    c.pages["specialities"] = _pair(
        *cats,
        CategoryPage,
        {"title": "Đặc sản Thanh Hóa", "slug": "dac-san"},
        {"title": "Thanh Hoa specialities", "slug": "specialities"},
    )
    c.pages["crafts"] = _pair(
        *cats,
        CategoryPage,
        {"title": "Thủ công mỹ nghệ", "slug": "thu-cong"},
        {"title": "Handicrafts", "slug": "handicrafts"},
    )
    producers = _pair(
        home_vi,
        home_en,
        ProducersIndexPage,
        {"title": "Nhà sản xuất", "slug": "nsx-t"},
        {"title": "Producers", "slug": "producers-t"},
    )
    nga_vi, nga_en = c.areas["nga_son"]
    c.pages["producer"] = _pair(
        *producers,
        ProducerPage,
        {
            "title": "Hợp tác xã Đông Sơn",
            "slug": "htx-dong-son",
            "summary": "Làm nem chua và bánh gai truyền thống.",
            "area": nga_vi,
        },
        {
            "title": "Dong Son Cooperative",
            "slug": "dong-son-coop",
            "summary": "Makes traditional pork rolls and leaf cakes.",
            "area": nga_en,
        },
        shared={"business_type": "cooperative", "latitude": 19.95, "longitude": 105.95},
    )
    spec_vi, spec_en = c.pages["specialities"]
    craft_vi, craft_en = c.pages["crafts"]
    vinh_vi, vinh_en = c.areas["vinh_loc"]

    def product(key, vi, en, shared, variants, certificates=(), live=True):
        vi_page, en_page = _pair(*c.pages["producer"], ProductPage, vi, en, shared, live=live)
        for i, (sku, price, stock) in enumerate(variants):
            c.variants[f"{key}-{i}"] = ProductVariant.objects.create(
                product=vi_page, name=f"Gói {i + 1}", sku=sku, price=price, stock=stock, sort_order=i
            )
        for page in (vi_page, en_page):
            for kind in certificates:
                ProductCertificate.objects.create(page=page, kind=kind)
        refresh_product_summary(vi_page)
        c.pages[key] = (ProductPage.objects.get(pk=vi_page.pk), ProductPage.objects.get(pk=en_page.pk))

    product(
        "nem",
        {
            "title": "Nem chua Thanh Hóa",
            "slug": "nem-chua-thanh-hoa",
            "summary": "Đặc sản nổi tiếng nhất xứ Thanh.",
            "category": spec_vi,
            "origin_area": nga_vi,
        },
        {
            "title": "Thanh Hoa fermented pork roll",
            "slug": "fermented-pork-roll",
            "summary": "The best-known speciality of Thanh Hoa.",
            "category": spec_en,
            "origin_area": nga_en,
        },
        {"ocop_stars": 4},
        [("T-NEM-1", 50_000, 10)],
        certificates=["ocop", "vietgap"],
    )
    product(
        "nem_oi",
        {
            "title": "Nem chua lá ổi",
            "slug": "nem-chua-la-oi",
            "summary": "Nem gói lá ổi, làm tại Thanh Hóa.",
            "category": spec_vi,
            "origin_area": nga_vi,
        },
        {
            "title": "Pork roll in guava leaves",
            "slug": "pork-roll-guava",
            "summary": "Wrapped in guava leaves, made in Thanh Hoa.",
            "category": spec_en,
            "origin_area": nga_en,
        },
        {},
        [("T-NEM-2", 45_000, 3)],
    )
    product(
        "banh_gai",
        {
            "title": "Bánh gai Tứ Trụ",
            "slug": "banh-gai-tu-tru",
            "summary": "Món đặc sản làm từ lá gai.",
            "category": spec_vi,
            "origin_area": vinh_vi,
        },
        {
            "title": "Tu Tru leaf cake",
            "slug": "tu-tru-leaf-cake",
            "summary": "A speciality made with ramie leaves.",
            "category": spec_en,
            "origin_area": vinh_en,
        },
        {},
        [("T-GAI-1", 40_000, 0)],
    )
    product(
        "chieu",
        {
            "title": "Chiếu cói Nga Sơn",
            "slug": "chieu-coi-nga-son",
            "summary": "Chiếu dệt tay từ cói.",
            "category": craft_vi,
            "origin_area": nga_vi,
        },
        {
            "title": "Nga Son sedge mat",
            "slug": "nga-son-sedge-mat",
            "summary": "Hand-woven sedge mat.",
            "category": craft_en,
            "origin_area": nga_en,
        },
        {"ocop_stars": 3},
        [("T-CHIEU-1", 250_000, 5)],
        certificates=["ocop"],
    )
    product(
        "hidden",
        {"title": "Mắm tôm Hậu Lộc", "slug": "mam-tom-hau-loc", "summary": "Chưa xuất bản.", "category": spec_vi},
        {"title": "Hau Loc shrimp paste", "slug": "shrimp-paste", "summary": "Not published.", "category": spec_en},
        {},
        [("T-MAM-1", 30_000, 8)],
        live=False,
    )

    _tourism(c, home_vi, home_en)
    _board(c)
    return c


def _tourism(c: Content, home_vi, home_en) -> None:
    from tourism.models import AttractionPage, EventPage, TourismIndexPage

    index = _pair(
        home_vi,
        home_en,
        TourismIndexPage,
        {"title": "Du lịch", "slug": "du-lich-t"},
        {"title": "Travel", "slug": "travel-t"},
    )
    vinh_vi, vinh_en = c.areas["vinh_loc"]
    sam_vi, sam_en = c.areas["sam_son"]
    c.pages["citadel"] = _pair(
        *index,
        AttractionPage,
        {
            "title": "Thành nhà Hồ",
            "slug": "thanh-nha-ho",
            "intro": "Tòa thành đá được UNESCO công nhận là di sản thế giới.",
            "area": vinh_vi,
        },
        {
            "title": "Citadel of the Hồ Dynasty",
            "slug": "ho-citadel",
            "intro": "A stone fortress on UNESCO's World Heritage list.",
            "area": vinh_en,
        },
        shared={"attraction_type": "heritage", "latitude": 20.0775, "longitude": 105.6047, "price_adult": 40_000},
    )
    c.pages["beach"] = _pair(
        *index,
        AttractionPage,
        {"title": "Biển Sầm Sơn", "slug": "bien-sam-son", "intro": "Bãi biển nổi tiếng nhất tỉnh.", "area": sam_vi},
        {
            "title": "Sam Son Beach",
            "slug": "sam-son-beach",
            "intro": "The province's best-known beach.",
            "area": sam_en,
        },
        shared={"attraction_type": "beach", "latitude": 19.7333, "longitude": 105.9000},
    )
    c.pages["stream"] = _pair(
        *index,
        AttractionPage,
        {"title": "Suối cá Cẩm Lương", "slug": "suoi-ca-cam-luong", "intro": "Dòng suối có hàng nghìn con cá."},
        {"title": "Cam Luong fish stream", "slug": "cam-luong-fish-stream", "intro": "A stream full of fish."},
        shared={"attraction_type": "nature", "latitude": 20.2400, "longitude": 105.3900},
    )
    c.pages["festival"] = _pair(
        *index,
        EventPage,
        {"title": "Lễ hội Lam Kinh", "slug": "le-hoi-lam-kinh", "intro": "Lễ hội tưởng nhớ vua Lê Lợi."},
        {"title": "Lam Kinh Festival", "slug": "lam-kinh-festival", "intro": "A festival in memory of King Lê Lợi."},
        shared={"calendar": "lunar", "recurs_yearly": True, "lunar_month": 8, "lunar_day": 21, "area": None},
    )
    c.pages["old_fair"] = _pair(
        *index,
        EventPage,
        {"title": "Hội chợ đặc sản 2020", "slug": "hoi-cho-2020", "intro": "Hội chợ đã kết thúc."},
        {"title": "Specialities fair 2020", "slug": "fair-2020", "intro": "A fair that is over."},
        shared={
            "calendar": "solar",
            "recurs_yearly": False,
            "start_date": datetime.date(2020, 5, 1),
            "end_date": datetime.date(2020, 5, 3),
        },
    )


def _board(c: Content) -> None:
    from django.contrib.auth import get_user_model

    from trade.models import Offer, Request, Status

    user = get_user_model().objects.create_user("search-seller", password="x")
    today = timezone.localdate()
    spec_vi, _ = c.pages["specialities"]
    nga_vi, _ = c.areas["nga_son"]
    common = {"owner": user, "category": spec_vi, "area": nga_vi, "quantity": 100, "unit": "kg", "status": Status.OPEN}
    c.posts["offer"] = Offer.objects.create(
        title_vi="Bán sỉ nem chua",
        title_en="Pork rolls wholesale",
        description_vi="Nem chua Thanh Hóa giao tận nơi.",
        description_en="Thanh Hoa pork rolls delivered.",
        price_per_unit=120_000,
        available_until=today + datetime.timedelta(days=30),
        **common,
    )
    c.posts["expired_offer"] = Offer.objects.create(
        title_vi="Bán chiếu cói tồn kho",
        title_en="Old stock of sedge mats",
        description_vi="Hết hạn rồi.",
        description_en="Expired.",
        available_from=today - datetime.timedelta(days=20),
        available_until=today - datetime.timedelta(days=1),
        **common,
    )
    c.posts["request"] = Request.objects.create(
        title_vi="Cần mua bánh gai",
        title_en="Buying leaf cakes",
        description_vi="Nhà hàng cần mua bánh gai hằng tuần.",
        description_en="A restaurant wants leaf cakes every week.",
        deadline=today + datetime.timedelta(days=10),
        **common,
    )
    c.posts["pending_request"] = Request.objects.create(
        title_vi="Cần mua chiếu cói",
        title_en="Buying sedge mats",
        description_vi="Chưa duyệt.",
        description_en="Not approved yet.",
        deadline=today + datetime.timedelta(days=10),
        **{**common, "status": Status.PENDING},
    )
