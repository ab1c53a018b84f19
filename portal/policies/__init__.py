"""The exchange's versioned policy pages and its operator's details (see .models).

Other apps build on `PolicyKind`, `PolicyVersion`, `version_in_force(kind, at=None)` and
`policy_url(kind, language)`.
"""

from .models import (
    ExchangeOperator,
    PolicyKind,
    PolicyPage,
    PolicyVersion,
    policy_links,
    policy_url,
    version_in_force,
)

__all__ = [
    "ExchangeOperator",
    "PolicyKind",
    "PolicyPage",
    "PolicyVersion",
    "policy_links",
    "policy_url",
    "version_in_force",
]
