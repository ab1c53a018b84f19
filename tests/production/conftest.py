"""The production stack (tests/production/stack.py), started once for these tests."""

import pytest

from tests.servers.redis import redis_server  # noqa: F401  (session fixture: Debian's redis-server)

from .stack import Stack

FACTS = """
import json
from catalogue.models import ProductPage
from traceability.models import Batch
from wagtail.models import Locale
en = Locale.objects.get(language_code="en")
products = []
for page in ProductPage.objects.live().public().filter(locale__language_code="vi").order_by("pk"):
    variants = list(page.variants.filter(is_active=True))
    translation = page.get_translations().filter(locale=en).live().first()
    if len(variants) == 1 and variants[0].stock > 5 and translation:
        products.append({"id": page.pk, "url": page.url, "variant": variants[0].pk,
                         "en_id": translation.pk, "en_url": translation.url})
batches = [b.public_code for b in Batch.objects.order_by("pk")[:4]]
print(json.dumps({"products": products[:4], "batches": batches}))
"""


@pytest.fixture(scope="session")
def stack(redis_server, elasticsearch_url):  # noqa: F811
    stack = Stack(redis_server, elasticsearch_url)
    try:
        stack.start()
        stack.facts = stack.shell(FACTS)
        assert len(stack.facts["products"]) >= 3 and len(stack.facts["batches"]) >= 2, stack.facts
        yield stack
    except BaseException:
        print(stack.logs())
        raise
    finally:
        stack.close()
