"""The board's screens in the seller workspace (mounted by seller/urls.py)."""

urlpatterns = []
