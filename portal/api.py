"""Wagtail API v2: read-only open data for pages and images."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from catalogue.private_files import PublicImagesAPIViewSet


class RefuseNulMixin:
    """PostgreSQL refuses NUL in text: `?search=%00` was a 500 (issue #24); now a 400."""

    def check_query_parameters(self, queryset):
        if any("\x00" in key or "\x00" in value for key, values in self.request.GET.lists() for value in values):
            raise BadRequestError("query parameters must not contain NUL characters")
        super().check_query_parameters(queryset)


class CheckedPagesAPIViewSet(RefuseNulMixin, PagesAPIViewSet):
    pass


class CheckedImagesAPIViewSet(RefuseNulMixin, PublicImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)  # businesses' unpublished uploads stay private
