"""URLs of the tourism app (filled in by its issue)."""

app_name = "tourism"
urlpatterns: list = []
