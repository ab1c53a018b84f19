"""Demo content for tourism: real Thanh Hóa attractions, places, festivals and itineraries.

The facts come from the researched data set; the wording in demo_data/*.json is ours.
Idempotent: pages are looked up by slug under the tourism index before being created.
"""

import json
from datetime import time
from pathlib import Path

from django.db import transaction

from portal.demo import areas, demo_image, home_pages, upsert_page

from .business_demo import load_businesses
from .joins_demo import load_joins
from .models import AttractionPage, EventPage, ItineraryPage, ItineraryStop, PlacePage, TourismIndexPage

DATA = Path(__file__).resolve().parent / "demo_data"
FEATURED = {"thanh-nha-ho", "lam-kinh", "bien-sam-son", "pu-luong"}
WEEK = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
COLOURS = {
    "heritage": "#7a4b2a",
    "nature": "#2f6f4f",
    "beach": "#1f6f9f",
    "spiritual": "#8a3f3f",
    "craft_village": "#8a6d00",
    "museum": "#4b4b7a",
    "archaeology": "#6b5b3a",
    "entertainment": "#9f3f7a",
    "stay": "#1f5fa8",
    "eat": "#b5522b",
    "event": "#8a3fa0",
    "itinerary": "#3f6f6f",
}


def _read(name: str) -> list[dict]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{part}</p>" for part in text.split("\n") if part.strip())


def _hhmm(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _image(title: str, alt: str, kind: str):
    return demo_image(title, alt, COLOURS.get(kind, "#2f6f4f"))


def _gallery(image, alt: str) -> list[dict]:
    return [{"type": "image", "value": {"image": image.pk, "alt_text": alt, "decorative": False}}]


def tourism_index():
    home_vi, _home_en = home_pages()
    return upsert_page(
        home_vi,
        TourismIndexPage,
        slug="du-lich",
        vi={
            "title": "Du lịch",
            "show_in_menus": True,
            "intro": "<p>Di sản, biển, núi rừng, lễ hội và đặc sản của xứ Thanh.</p>",
            "search_description": "Điểm tham quan, nơi nghỉ, quán ăn, lễ hội và lịch trình du lịch Thanh Hóa.",
        },
        en={
            "slug": "travel",
            "title": "Travel",
            "show_in_menus": True,
            "intro": "<p>Heritage, beaches, mountains, festivals and food of Thanh Hóa.</p>",
            "search_description": "Attractions, places to stay and eat, festivals and itineraries in Thanh Hóa.",
        },
    )


def load_attractions(index_vi, area_map) -> dict:
    pages = {}
    for row in _read("attractions"):
        image = _image(row["title_vi"], f"Ảnh minh họa: {row['title_vi']}", row["type"])
        hours = [
            ("hours", {"days": WEEK, "opens": _hhmm(h["opens"]), "closes": _hhmm(h["closes"]), "season": h["season"]})
            for h in row["hours"]
        ]
        area_vi, area_en = area_map[row["area"]]
        shared = {
            "attraction_type": row["type"],
            "latitude": row["lat"],
            "longitude": row["lon"],
            "open_all_hours": row["open_access"],
            "opening_hours": hours,
            "price_adult": row["price_adult"],
            "price_child": row["price_child"],
            "price_foreigner": row["price_foreigner"],
            "best_months": row["best_months"],
            "visit_minutes_min": row["visit_min"],
            "visit_minutes_max": row["visit_max"],
            "is_featured": row["slug"] in FEATURED,
            "image": image,
        }
        pages[row["slug"]] = upsert_page(
            index_vi,
            AttractionPage,
            slug=row["slug"],
            vi={
                "title": row["title_vi"],
                "intro": row["intro_vi"],
                "body": _paragraphs(row["body_vi"]),
                "ticket_note": row["ticket_note_vi"],
                "accessibility": row["access_vi"],
                "area": area_vi,
                "search_description": row["intro_vi"],
                "gallery": _gallery(image, f"Ảnh minh họa: {row['title_vi']}"),
            },
            en={
                "slug": row["slug_en"],
                "title": row["title_en"],
                "intro": row["intro_en"],
                "body": _paragraphs(row["body_en"]),
                "ticket_note": row["ticket_note_en"],
                "accessibility": row["access_en"],
                "area": area_en,
                "search_description": row["intro_en"],
                "gallery": _gallery(image, f"Illustration: {row['title_en']}"),
            },
            shared=shared,
        )
    return pages


def load_places(index_vi, area_map) -> dict:
    pages = {}
    for row in _read("places"):
        image = _image(row["title_vi"], f"Ảnh minh họa: {row['title_vi']}", row["kind"])
        area_vi, area_en = area_map[row["area"]]
        pages[row["slug"]] = upsert_page(
            index_vi,
            PlacePage,
            slug=row["slug"],
            vi={
                "title": row["title_vi"],
                "intro": row["intro_vi"],
                "body": _paragraphs(row["body_vi"]),
                "area": area_vi,
                "search_description": row["intro_vi"],
            },
            en={
                "slug": row["slug_en"],
                "title": row["title_en"],
                "intro": row["intro_en"],
                "body": _paragraphs(row["body_en"]),
                "area": area_en,
                "search_description": row["intro_en"],
            },
            shared={
                "place_kind": row["kind"],
                "subtype": row["subtype"],
                "latitude": row["lat"],
                "longitude": row["lon"],
                "price_from": row["price_from"],
                "price_to": row["price_to"],
                "image": image,
            },
        )
    return pages


def load_festivals(index_vi, area_map, attractions) -> None:
    for row in _read("festivals"):
        image = _image(row["title_vi"], f"Ảnh minh họa: {row['title_vi']}", "event")
        place_vi = place_en = None
        latitude, longitude = row["lat"], row["lon"]
        area_vi, area_en = area_map[row["area"]] if row["area"] else (None, None)
        if row["attraction"]:
            place_vi, place_en = attractions[row["attraction"]]
            latitude, longitude = place_vi.latitude, place_vi.longitude
            area_vi, area_en = place_vi.area, place_en.area
        programme_vi = [("item", {"when": p["when_vi"], "what": p["what_vi"], "details": ""}) for p in row["programme"]]
        programme_en = [("item", {"when": p["when_en"], "what": p["what_en"], "details": ""}) for p in row["programme"]]
        upsert_page(
            index_vi,
            EventPage,
            slug=row["slug"],
            vi={
                "title": row["title_vi"],
                "intro": row["intro_vi"],
                "body": _paragraphs(row["body_vi"]),
                "place": place_vi,
                "place_name": row["place_vi"],
                "area": area_vi,
                "programme": programme_vi,
                "search_description": row["intro_vi"],
            },
            en={
                "slug": row["slug_en"],
                "title": row["title_en"],
                "intro": row["intro_en"],
                "body": _paragraphs(row["body_en"]),
                "place": place_en,
                "place_name": row["place_en"],
                "area": area_en,
                "programme": programme_en,
                "search_description": row["intro_en"],
            },
            shared={
                "calendar": "lunar",
                "recurs_yearly": True,
                "lunar_month": row["month"],
                "lunar_day": row["day"],
                "lunar_end_month": row["end_month"],
                "lunar_end_day": row["end_day"],
                "latitude": latitude,
                "longitude": longitude,
                "image": image,
            },
        )


def load_itineraries(index_vi, listings) -> None:
    for row in _read("itineraries"):
        image = _image(row["title_vi"], f"Ảnh minh họa: {row['title_vi']}", "itinerary")

        def stops(language: int, note_key: str, row=row):
            return [
                ItineraryStop(day=s["day"], page=listings[s["ref"]][language], note=s[note_key], sort_order=n)
                for n, s in enumerate(row["stops"])
            ]

        upsert_page(
            index_vi,
            ItineraryPage,
            slug=row["slug"],
            vi={"title": row["title_vi"], "intro": row["intro_vi"], "stops": stops(0, "note_vi")},
            en={
                "slug": row["slug_en"],
                "title": row["title_en"],
                "intro": row["intro_en"],
                "stops": stops(1, "note_en"),
            },
            shared={"days": row["days"], "image": image},
        )


@transaction.atomic
def load(command) -> None:
    area_map = areas()
    index_vi, _index_en = tourism_index()
    attractions = load_attractions(index_vi, area_map)
    places = load_places(index_vi, area_map)
    load_festivals(index_vi, area_map, attractions)
    load_itineraries(index_vi, {**attractions, **places})
    load_joins()  # producers open to visitors, festivals' products (the catalogue's demo comes first)
    businesses = load_businesses(area_map)
    command.stdout.write(
        f"tourism: {len(attractions)} attractions, {len(places)} places, festivals and itineraries in vi and en;"
        f" {businesses} tourism businesses with their own sign-ins"
    )
