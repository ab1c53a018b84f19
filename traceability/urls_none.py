"""An empty URLconf, set on requests whose 404 must stay a 404 (see views._not_found)."""

urlpatterns: list = []
