import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
application = get_wsgi_application()


def _freeze_what_is_loaded(**kwargs) -> None:
    """After a worker's first response, move what it has loaded by then out of the garbage
    collector's reach: Django, Wagtail and the apps, about 220,000 objects (more when that
    response was a page, which also loads the URLconf and templates).

    Python's full collection walks every tracked object. Over all the loaded code one took
    150–180 ms, once every few hundred requests, and the request that triggered it waited;
    over what is left after a freeze at the first /healthz, 25–50 ms. Loaded code lives as
    long as the worker, so there is nothing in it to collect; what is garbage at that moment
    is collected first, so it is not kept for ever.
    """
    request_finished.disconnect(_freeze_what_is_loaded)
    gc.collect()
    gc.freeze()


request_finished.connect(_freeze_what_is_loaded)
