"""URLs of the catalogue app (filled in by its issue)."""

app_name = "catalogue"
urlpatterns: list = []
