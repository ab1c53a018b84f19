"""What a business may type for a pack, in every form and on the model: beyond it is a typo."""

MAX_PRICE_DONG = 10_000_000_000  # ten billion đồng
MAX_STOCK = 10_000_000
