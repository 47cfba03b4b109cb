"""Placeholder until the rules land: returns no claims."""
from __future__ import annotations

from dronewatch.model import Claim, Document


def assemble_claims(doc: Document, problems: list[str] | None = None) -> list[Claim]:
    return []
