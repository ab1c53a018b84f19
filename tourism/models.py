"""Models of the tourism app."""
