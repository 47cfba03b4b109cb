"""Helpers the extraction tests share."""

from __future__ import annotations

import dronewatch


def facts(text: str, published: str | None = "2025-06-15"):
    """(measure, value, qualifier, weapon, admin1... or sea or country) per counted fact."""
    out = []
    for c in dronewatch.extract(text, published=published, doc_id="t"):
        for m, cnt in c.counts().items():
            where = tuple(c.location.admin1) or (c.location.water_body or c.location.country,)
            out.append((m, cnt.value, cnt.qualifier, c.weapon if m not in ("killed", "injured") else "-", where))
    return sorted(out, key=str)
