"""The search contract: the same behaviours on the database backend (PostgreSQL and SQLite)
and on a live Elasticsearch node (see conftest.BACKENDS)."""

import pytest
from django.utils import translation

import search
from search.documents import get_kind
from search.folding import fold

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db(databases=["default", "search_sqlite"]), pytest.mark.usefixtures("built_content")]


def titles(result):
    return [hit.document.title for hit in result.hits]


def counts(result, facet):
    """Facet values by their label (in the query's language)."""
    return {str(c.label): c.count for c in result.facets[facet]}


def keys(result, facet):
    """Facet values by the key URLs carry."""
    return {c.value: c.count for c in result.facets[facet]}


def key_of(thing) -> str:
    return str(thing.translation_key)


def test_query_without_diacritics_finds_the_accented_title_first(backend, indexed):
    result = search.search("products", "nem chua thanh hoa", locale="vi")
    assert titles(result)[0] == "Nem chua Thanh Hóa"
    assert "Nem chua lá ổi" in titles(result)  # "thanh hoa" is in its text, not its title


@pytest.mark.parametrize("text", ["dac san", "Dac San", "đặc sản", "ĐẶC SẢN"])
def test_d_with_stroke_folds_to_d(backend, indexed, text):
    result = search.search("products", text, locale="vi")
    assert set(titles(result)) == {"Nem chua Thanh Hóa", "Nem chua lá ổi", "Bánh gai Tứ Trụ"}


def test_attraction_found_without_diacritics_and_in_english(backend, indexed):
    assert titles(search.search("attractions", "thanh nha ho", locale="vi"))[0] == "Thành nhà Hồ"
    assert titles(search.search("attractions", "citadel", locale="en")) == ["Citadel of the Hồ Dynasty"]


def test_facet_counts(backend, indexed):
    result = search.search("products", "", locale="vi")
    assert result.total == 4
    assert counts(result, "category") == {"Đặc sản Thanh Hóa": 3, "Thủ công mỹ nghệ": 1}
    assert counts(result, "ocop") == {"4★": 1, "3★": 1}
    assert counts(result, "area") == {"Nga Sơn": 3, "Vĩnh Lộc": 1}
    assert counts(result, "certificate") == {"OCOP": 2, "VietGAP": 1}
    assert keys(result, "price") == {"0-50000": 2, "50000-100000": 1, "200000-500000": 1}
    # What URLs carry: stable keys, not names.
    assert keys(result, "ocop") == {"4": 1, "3": 1}
    assert keys(result, "certificate") == {"ocop": 2, "vietgap": 1}
    assert keys(result, "category") == {
        key_of(indexed.pages["specialities"][0]): 3,
        key_of(indexed.pages["crafts"][0]): 1,
    }


def test_filters_narrow_hits_and_counts_keep_other_values(backend, indexed):
    crafts = key_of(indexed.pages["crafts"][0])
    result = search.search("products", "", {"category": [crafts]}, locale="vi")
    assert titles(result) == ["Chiếu cói Nga Sơn"]
    # The category facet still offers the other category (its own selection is ignored) …
    assert counts(result, "category") == {"Đặc sản Thanh Hóa": 3, "Thủ công mỹ nghệ": 1}
    # … while the other facets count within the selection.
    assert counts(result, "ocop") == {"3★": 1}
    nga_son = key_of(indexed.areas["nga_son"][0])
    both = search.search("products", "", {"price": ["0-50000"], "area": [nga_son]}, locale="vi")
    assert titles(both) == ["Nem chua lá ổi"]
    # With two selections each facet counts within the other one's.
    assert counts(both, "area") == {"Nga Sơn": 1, "Vĩnh Lộc": 1}  # everything under 50,000 ₫
    assert keys(both, "price") == {"0-50000": 1, "50000-100000": 1, "200000-500000": 1}  # all of Nga Sơn
    assert counts(both, "category") == {"Đặc sản Thanh Hóa": 1}
    assert counts(both, "ocop") == {}


def test_distance_sort(backend, indexed):
    sam_son = (19.74, 105.90)
    result = search.search("attractions", "", {"near": sam_son}, sort="distance", locale="vi")
    assert titles(result) == ["Biển Sầm Sơn", "Thành nhà Hồ", "Suối cá Cẩm Lương"]
    distances = [hit.distance_km for hit in result.hits]
    assert distances == sorted(distances)
    assert distances[0] < 2
    assert 40 < distances[1] < 50  # Sầm Sơn to the citadel, as the crow flies


def test_languages_are_kept_apart(backend, indexed):
    """Each language answers with its own pages; a title in the other language finds them
    (issue #24: "mam tom" on the English site), it does not bring the other language's pages."""
    english = search.search("products", "nem chua", locale="en")
    assert {hit.document.locale for hit in english.hits} == {"en"}
    assert set(titles(english)) == {"Thanh Hoa fermented pork roll", "Pork roll in guava leaves"}
    assert set(titles(search.search("products", "pork roll", locale="en"))) == {
        "Thanh Hoa fermented pork roll",
        "Pork roll in guava leaves",
    }
    assert titles(search.search("attractions", "citadel", locale="vi")) == ["Thành nhà Hồ"]


def test_unpublished_and_expired_never_appear(backend, indexed):
    assert search.search("products", "mam tom", locale="vi").total == 0
    assert search.search("offers", "chieu coi", locale="vi").total == 0  # past its end date
    assert titles(search.search("offers", "nem chua", locale="vi")) == ["Bán sỉ nem chua"]
    assert search.search("requests", "chieu coi", locale="vi").total == 0  # awaiting moderation
    assert titles(search.search("requests", "banh gai", locale="vi")) == ["Cần mua bánh gai"]
    assert search.search("events", "hoi cho", locale="vi").total == 0  # a one-off event that is over
    assert titles(search.search("events", "lam kinh", locale="vi")) == ["Lễ hội Lam Kinh"]
    everything = search.search("all", "", locale="vi", per_page=100)
    assert not {"Mắm tôm Hậu Lộc", "Bán chiếu cói tồn kho", "Hội chợ đặc sản 2020", "Cần mua chiếu cói"} & set(
        titles(everything)
    )


def test_the_board_searches_offers_and_requests_together(backend, indexed):
    result = search.search("board", "", locale="vi")
    assert set(titles(result)) == {"Bán sỉ nem chua", "Cần mua bánh gai"}
    assert {c.value for c in result.facets["post_type"]} == {"offer", "request"}
    assert set(counts(result, "post_type")) == {"Chào bán", "Cần mua"}
    english = search.search("board", "", locale="en")
    assert set(counts(english, "post_type")) == {"Offer to sell", "Request to buy"}


def test_unpublishing_removes_at_once(backend, indexed, django_capture_on_commit_callbacks):
    vi_page, _ = indexed.pages["chieu"]
    assert search.search("products", "chieu coi", locale="vi").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        vi_page.unpublish()
    assert search.search("products", "chieu coi", locale="vi").total == 0


def test_stock_change_shows_in_the_next_query(backend, indexed, django_capture_on_commit_callbacks):
    from catalogue.services import release_stock

    def banh_gai():
        return search.search("products", "banh gai", locale="vi").hits[0].document

    assert banh_gai().in_stock is False
    variant = indexed.variants["banh_gai-0"]
    with django_capture_on_commit_callbacks(execute=True):
        release_stock(variant.pk, 5)
    assert banh_gai().in_stock is True
    english = search.search("products", "leaf cake", locale="en").hits[0].document
    assert english.in_stock is True


def test_board_post_edits_follow(backend, indexed, django_capture_on_commit_callbacks):
    from trade.models import Status

    offer = indexed.posts["offer"]
    with django_capture_on_commit_callbacks(execute=True):
        offer.status = Status.HIDDEN
        offer.save()
    assert search.search("offers", "nem chua", locale="vi").total == 0


def test_in_stock_and_ocop_rank_higher_among_equal_matches(backend, indexed):
    # Both products match "nem chua" in the title equally; the in-stock 4★ one comes first.
    assert titles(search.search("products", "nem chua", locale="vi"))[0] == "Nem chua Thanh Hóa"


def test_everything_counts_by_kind(backend, indexed):
    result = search.search("all", "thanh", locale="vi")
    kinds = counts(result, "kind")
    with translation.override("vi"):
        products, attractions = str(get_kind("products").label), str(get_kind("attractions").label)
    assert kinds[products] == 3  # two by name, and one more by its category "Đặc sản Thanh Hóa"
    assert kinds[attractions] == 1
    assert keys(result, "kind")["products"] == 3
    assert search.search("all", "thanh", {"kind": ["attractions"]}, locale="vi").total == 1


def test_did_you_mean(backend, indexed):
    result = search.search("products", "nemm chua", locale="vi")
    assert result.total == 0
    assert fold(result.did_you_mean) == "nem chua"


def test_autocomplete_prefix_without_diacritics(backend, indexed):
    found = [d.title for d in search.suggest("nem ch", locale="vi")]
    # Titles that start with the words come first; any title with all of them follows.
    assert set(found[:2]) == {"Nem chua lá ổi", "Nem chua Thanh Hóa"}
    assert found[2:] == ["Bán sỉ nem chua"]
    assert [d.title for d in search.suggest("thanh nha", locale="vi")] == ["Thành nhà Hồ"]


def test_paging(backend, indexed):
    first = search.search("products", "", locale="vi", per_page=3, sort="title")
    second = search.search("products", "", page=2, locale="vi", per_page=3, sort="title")
    assert first.total == second.total == 4
    assert first.num_pages == 2
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert not set(titles(first)) & set(titles(second))


def test_price_sort(backend, indexed):
    result = search.search("products", "", sort="price_asc", locale="vi")
    prices = [hit.document.price for hit in result.hits]
    assert prices == sorted(prices)


def test_a_facet_key_from_the_vietnamese_page_filters_the_same_things_in_english(backend, indexed):
    vi = search.search("products", "", locale="vi")
    en = search.search("products", "", locale="en")
    # The same keys in both languages, each with its own language's label.
    for facet in ("category", "area", "ocop", "certificate"):
        assert keys(vi, facet) == keys(en, facet), facet
    area = next(c for c in vi.facets["area"] if c.label == "Nga Sơn")
    assert {str(c.label) for c in en.facets["area"] if c.value == area.value} == {"Nga Son"}
    category = next(c for c in vi.facets["category"] if c.label == "Đặc sản Thanh Hóa")
    assert next(c.label for c in en.facets["category"] if c.value == category.value) == "Thanh Hoa specialities"

    filters = {"area": [area.value], "category": [category.value]}
    in_vi = search.search("products", "", filters, locale="vi")
    in_en = search.search("products", "", filters, locale="en")
    assert set(titles(in_vi)) == {"Nem chua Thanh Hóa", "Nem chua lá ổi"}
    assert set(titles(in_en)) == {"Thanh Hoa fermented pork roll", "Pork roll in guava leaves"}
    ocop = search.search("products", "", {"ocop": ["4"]}, locale="en")
    assert titles(ocop) == ["Thanh Hoa fermented pork roll"]


def test_a_facet_link_from_the_vietnamese_page_works_on_the_english_page(backend, indexed, client):
    import html as html_module
    import re

    page = client.get("/vi/search/", {"kind": "products"}).content.decode()
    href = re.search(r'<a href="(\?[^"]*)" rel="nofollow">\s*Nga Sơn</a>', page)
    assert href, "a facet link labelled Nga Sơn"
    link = html_module.unescape(href.group(1))
    assert "Nga" not in link  # the URL carries the key, not the name
    english = client.get("/en/search/" + link)
    assert english.status_code == 200
    body = english.content.decode()
    for title in ("Thanh Hoa fermented pork roll", "Pork roll in guava leaves", "Nga Son sedge mat"):
        assert title in body
    assert "Tu Tru leaf cake" not in body
    assert re.search(r'aria-current="true" class="selected">\s*✓ Nga Son</a>', body)


def test_renaming_a_category_changes_its_facet_label_without_a_rebuild(backend, indexed):
    crafts_vi, crafts_en = indexed.pages["crafts"]
    assert "Thủ công mỹ nghệ" in counts(search.search("products", "", locale="vi"), "category")
    assert "Handicrafts" in counts(search.search("products", "", locale="en"), "category")
    crafts_vi.title = "Hàng thủ công"
    crafts_vi.save_revision().publish()  # nothing is re-indexed: no on-commit callbacks run here
    crafts_en.title = "Crafts"
    crafts_en.save_revision().publish()
    vi = search.search("products", "", locale="vi")
    assert counts(vi, "category") == {"Đặc sản Thanh Hóa": 3, "Hàng thủ công": 1}
    assert counts(search.search("products", "", locale="en"), "category") == {"Thanh Hoa specialities": 3, "Crafts": 1}
    # The key is unchanged, so links made before the rename still filter.
    assert titles(search.search("products", "", {"category": [key_of(crafts_vi)]}, locale="vi")) == [
        "Chiếu cói Nga Sơn"
    ]


@pytest.mark.parametrize(
    "kind,filters",
    [
        ("products", {"ocop": ["4★"]}),  # the old, label-valued URLs
        ("products", {"area": ["Nga Sơn"]}),
        ("products", {"category": ["Đặc sản Thanh Hóa"]}),
        ("products", {"category": ["00000000-0000-0000-0000-000000000000"]}),
        ("products", {"certificate": ["x" * 500]}),
        ("products", {"price": ["1-2"]}),
        ("all", {"kind": ["Sản phẩm"]}),
        ("events", {"month": ["13"]}),
        ("board", {"post_type": ["Chào bán"]}),
    ],
)
def test_bad_facet_values_find_nothing_without_error(backend, indexed, kind, filters):
    result = search.search(kind, "", filters, locale="vi")
    assert result.total == 0
    assert result.hits == []
    name, values = next(iter(filters.items()))
    # The unknown selection is still listed (so it can be removed), with nothing under it.
    assert [(c.count, c.selected) for c in result.facets[name] if c.value == values[0][:200]] in ([(0, True)], [])


def test_hits_carry_a_score_that_orders_them(backend, indexed):
    result = search.search("products", "nem chua thanh hoa", locale="vi")
    scores = [hit.score for hit in result.hits]
    assert scores[0] > 0
    assert scores == sorted(scores, reverse=True)


def test_words_typed_with_accents_rank_their_exact_form_first(backend):
    """ "chùa" (pagoda) and "chua" (sour, as in nem chua) fold alike but are different words:
    whoever types the accents wants the pagoda, even one named only in a page's text."""
    from search.documents import Document

    def attraction(object_id, title, text=""):
        return Document(
            kind="attractions", locale="vi", object_id=object_id, url=f"/a/{object_id}/", title=title, text=text
        )

    backend.index(
        [
            attraction(9001, "Quán nem chua ngon", "Nem chua gói lá chuối."),
            attraction(9002, "Đền Hàm Rồng", "Trên núi có một ngôi chùa cổ."),
            attraction(9003, "Chùa Sùng Nghiêm Diên Thánh", "Ngôi chùa cổ bên sông Mã."),
        ]
    )
    accented = titles(search.search("attractions", "chùa", locale="vi", log=False))
    assert accented == ["Chùa Sùng Nghiêm Diên Thánh", "Đền Hàm Rồng", "Quán nem chua ngon"]
    # Without accents all three still match, and the one titled with the word comes before
    # the one that only mentions it.
    plain = titles(search.search("attractions", "chua", locale="vi", log=False))
    assert set(plain) == set(accented)
    assert plain[-1] == "Đền Hàm Rồng"


def test_a_title_in_the_other_language_is_found(backend, indexed):
    """Issue #24: "mam tom" typed on the English site found nothing. A Vietnamese name finds
    the English page, and an English name the Vietnamese one."""
    found = [h.document.title for h in search.search("products", "nem chua thanh hoa", locale="en").hits]
    assert found[:1] == ["Thanh Hoa fermented pork roll"]
    found = [h.document.title for h in search.search("products", "sedge mat", locale="vi").hits]
    assert found == ["Chiếu cói Nga Sơn"]


def test_did_you_mean_splits_two_words_typed_as_one(backend, indexed):
    result = search.search("attractions", "samson", locale="en")
    assert result.total == 0
    assert fold(result.did_you_mean) == "sam son"
    assert search.search("attractions", result.did_you_mean, locale="en").total == 1


def test_did_you_mean_proposes_only_what_finds_something(backend, indexed):
    """A proposal that finds nothing itself ("mam tom" → "mam tombs") is not made."""
    for text in ("mam tom", "zzqx wvvy", "shrimp pastes hau loc"):
        result = search.search("all", text, locale="en")
        if result.did_you_mean:
            assert search.search("all", result.did_you_mean, locale="en").total > 0, (text, result.did_you_mean)
    # The unpublished "Mắm tôm Hậu Lộc" stays out of the index in both languages.
    assert search.search("all", "mam tom", locale="en").total == 0
    assert search.search("all", "shrimp paste", locale="vi").total == 0
