from .base import *  # noqa: F403
from .base import env_bool, env_int

DEBUG = env_bool("DJANGO_DEBUG", True)
# Editors expect to see their changes at once while developing.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)
