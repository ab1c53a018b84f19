"""Signals other apps listen to (search indexing, page-cache invalidation)."""

from django.dispatch import Signal

# Sent after a variant's stock or price changed; `product_ids` are the page ids of every
# translation of the product; `listed_changed`, whether what lists show of it (its lowest
# price, whether it is in stock) changed too.
product_stock_changed = Signal()
