"""The values the filters --region / --weapon / --side / --flag (the API's region, weapon,
side and flag) accept, and the one message for a value outside them, so the command line
and the API refuse the same values with the same words.

    >>> problem("weapon", "tank")
    "'tank' is not a weapon (expected one of: drone, missile, naval_drone, glide_bomb, unknown)"
"""

from __future__ import annotations

import re

from dronewatch.model import WEAPONS

REGION_PATTERN = r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$"
SIDE_PATTERN = r"^[A-Za-z]{2}$"
CHECKED = ("region", "weapon", "side", "flag")


def flag_kinds() -> tuple[str, ...]:
    from dronewatch.verify import FLAG_KINDS

    return tuple(FLAG_KINDS)


def problem(name: str, value: str) -> str | None:
    """Why `value` is not a valid `name` filter (one of CHECKED), or None when it is."""
    if name == "weapon" and value not in WEAPONS:
        return f"{value!r} is not a weapon (expected one of: {', '.join(WEAPONS)})"
    if name == "flag" and value not in flag_kinds():
        return f"{value!r} is not a flag kind (expected one of: {', '.join(flag_kinds())})"
    if name == "region" and not re.match(REGION_PATTERN, value):
        return (f"{value!r} is not a region code (expected an ISO 3166-2 region such as "
                f"RU-BEL or a country such as UA{_did_you_mean(value)})")
    if name == "side" and not re.match(SIDE_PATTERN, value):
        return f"{value!r} is not a side (expected a two-letter country code such as RU or UA)"
    return None


def _did_you_mean(name: str) -> str:
    """"; did you mean RU-BEL (Belgorod Oblast)?" when `name` is a place the gazetteer knows."""
    from dronewatch.geo import get_gazetteer

    gazetteer = get_gazetteer()
    place = gazetteer.lookup(name)
    if place is None or not place.admin1:
        return ""
    region = gazetteer.region(place.admin1)
    return f"; did you mean {place.admin1} ({region.name if region else place.name})?"
