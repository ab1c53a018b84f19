"""What the traceability app tells other apps, without knowing them."""

from django.dispatch import Signal

# Sent once a recall is committed, with `batch`: the orders app tells the batch's buyers.
batch_recalled = Signal()
