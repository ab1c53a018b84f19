"""Models of the trade app."""
