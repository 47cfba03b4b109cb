"""Verification: near-duplicate documents, incidents across documents, and flags.
See docs/verify.md.

    >>> from dronewatch.verify import group_incidents, near_duplicates
    >>> incidents = group_incidents(claims, documents)          # doctest: +SKIP
    >>> [(f.kind, f.message) for inc in incidents for f in inc.flags]  # doctest: +SKIP
"""

from dronewatch.verify.duplicates import near_duplicates, shingles, source_groups
from dronewatch.verify.flags import FLAG_KINDS, flag_incidents
from dronewatch.verify.incidents import group_incidents
from dronewatch.verify.values import reconcile

__all__ = ["near_duplicates", "source_groups", "shingles", "group_incidents", "flag_incidents",
           "reconcile", "FLAG_KINDS"]
