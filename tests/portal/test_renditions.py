import re
from pathlib import Path

import pytest

from portal.renditions import RENDITION_SPECS

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "catalogue", "orders", "trade", "traceability", "tourism", "search", "dashboards"]
SPEC = re.compile(r"\{% (?:image|picture|srcset_image) [\w.]+ ((?:fill|max|min|width|height)-[\dx]+)")


def test_every_size_the_templates_use_is_made_ahead_of_time():
    used = set()
    for app in APPS:
        for template in (ROOT / app).rglob("*.html"):
            used |= set(SPEC.findall(template.read_text(encoding="utf-8")))
    assert used, "no image tags found"
    assert used <= set(RENDITION_SPECS), used - set(RENDITION_SPECS)


@pytest.mark.django_db
def test_saving_an_image_makes_its_renditions(settings, django_capture_on_commit_callbacks):
    settings.RENDITIONS_AHEAD_OF_TIME = True
    from portal.demo import demo_image

    with django_capture_on_commit_callbacks(execute=True):
        image = demo_image("Ảnh thử", "Ảnh thử nghiệm", "#335577", size=(1300, 900))
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(RENDITION_SPECS)
