"""Loading in bulk (portal.bulk): Wagtail's indexes are written once, when the load ends,
whether it finished or failed."""

import pytest
from wagtail.models import ReferenceIndex

from portal.bulk import loading_in_bulk
from portal.demo import demo_image, upsert_page
from portal.models import HomePage


class Stopped(Exception):
    pass


@pytest.mark.django_db
def test_what_a_failed_load_saved_is_in_the_admin_search_and_the_reference_index(site_pages):
    from catalogue.models import ProducersIndexPage

    home_vi, _home_en = site_pages
    with pytest.raises(Stopped), loading_in_bulk():
        index, _ = upsert_page(
            home_vi,
            ProducersIndexPage,
            slug="co-so-bulk",
            vi={"title": "Cơ sở làng nghề"},
            en={"title": "Craft villages"},
        )
        picture = demo_image("Làng nghề", "Một bức ảnh", "#336699")
        HomePage.objects.filter(pk=home_vi.pk).update(hero_image=picture)
        home_vi.refresh_from_db()
        home_vi.save()
        raise Stopped

    found = ProducersIndexPage.objects.search("làng nghề")
    assert index.pk in {page.pk for page in found}
    assert home_vi.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(picture)}
