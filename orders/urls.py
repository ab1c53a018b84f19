"""URLs of the orders app (filled in by its issue)."""

app_name = "orders"
urlpatterns: list = []
