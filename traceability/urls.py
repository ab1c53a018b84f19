"""URLs of the traceability app (filled in by its issue)."""

urlpatterns: list = []
