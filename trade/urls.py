"""URLs of the trade app (filled in by its issue)."""

app_name = "trade"
urlpatterns: list = []
