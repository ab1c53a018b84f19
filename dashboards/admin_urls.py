"""URLs of the dashboards app (filled in by its issue)."""

urlpatterns: list = []
