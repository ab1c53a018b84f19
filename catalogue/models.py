"""Models of the catalogue app."""
