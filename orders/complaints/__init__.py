"""Complaints and return requests on delivered order lines: the buyer opens a case, the business
answers within a deadline, the buyer accepts or disputes, and moderators decide what is left
(refund through Stripe or recorded for staff to pay, return then refund, or rejection).

Cases reference order lines, so they live in `orders` (as reviews do); the moderators' queue is a
queryset (`Case.objects.needs_moderator()`), so an overdue case is in it without any cron.
"""
