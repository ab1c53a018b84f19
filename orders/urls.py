"""URLs of the orders app (under the language prefix). Names are a contract:
catalogue templates post to `orders:cart_add` with `variant` and `quantity`."""

app_name = "orders"

urlpatterns: list = []
