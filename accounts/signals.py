"""Signals of accounts."""

from django.dispatch import Signal

# Sent with (user, phone) when a code sent to the account's phone came back (allauth's phone
# verification, through accounts.adapter): guest orders with that phone join the account.
phone_verified = Signal()
