"""Buyers' reviews of the products they received, the businesses' answers, and moderation.

Reviews reference order lines, so they live in `orders` (catalogue imports no order code):
product and producer pages get their figures through `{% load reviews %}` and the
`extend_product_json_ld` hook.
"""
