"""Blocking keys: where and when a claim is, in the coarse form incidents are grouped by.

A claim's *places* are region keys: one per ISO 3166-2 code (`A:RU-ROS`), or the water
body (`W:Black Sea`), or the country for a national figure (`C:RU`). A claim that has none
of these (a garbled region name, a location known only by a fallback) has no place key and
is never merged with anything. Coordinates are never used: two claims whose only common
ground is a centroid or a default point are not the same place.

A claim's *day* is the date it is anchored to: a night (24-25 Oct) belongs to the morning
after (25 Oct), as do overnight ranges of two days; a one-day claim to that day. Claims that
cover a longer period (a week, a month) are anchored to the whole period and only ever meet
claims of the same period. A claim without a date has no anchor.
"""

from __future__ import annotations

from datetime import date, timedelta

from dronewatch.model import Claim

Anchor = date | tuple[str, str] | None  # a day, a (start, end) period, or unknown
# days outside these are no day at all for grouping: the ingest refuses them at the door
# (ingest.common), and a row stored before that must not push the day arithmetic below
# (a night's morning after, blocks, halos) off the calendar
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)


def parse_day(value: str | None) -> date | None:
    """The day of an ISO date (or date-time); None when absent, invalid or implausible."""
    if not value or len(value) < 10:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def anchor(claim: Claim) -> Anchor:
    """The day (or period) a claim is filed under."""
    w = claim.when
    start, end = parse_day(w.start), parse_day(w.end)
    if start is None:
        return end
    if end is None or end <= start:
        return start + timedelta(days=1) if w.precision == "night" else start
    span = (end - start).days
    if span == 1:
        return end  # a night, or "yesterday and overnight": filed under the morning after
    return (start.isoformat(), end.isoformat())


def place_keys(claim: Claim, is_total: bool = False) -> tuple[str, ...]:
    """The region keys of a claim; () when it has no real place.

    A total whose regional parts point at it (`part_of`) and that itself covers named
    regions ("30 drones over the two regions") is keyed by its whole set of regions, so that
    it meets the same total in another report but never swallows its own parts.
    """
    loc = claim.location
    if loc.admin1:
        codes = sorted(set(loc.admin1))
        if is_total and len(codes) > 1:
            return ("S:" + "+".join(codes),)
        return tuple("A:" + c for c in codes)
    if loc.water_body:
        return ("W:" + loc.water_body.strip().lower(),)
    if loc.country and loc.precision in ("country", None) and not loc.place and not loc.facility:
        return ("C:" + loc.country.upper(),)
    return ()


def unknown_place_text(claim: Claim) -> str | None:
    """The place as written, when the claim names a place that is not a real region."""
    loc = claim.location
    if loc.admin1 or loc.water_body or loc.country:
        return None
    return loc.text or ""


def day_label(a: Anchor) -> str:
    if a is None:
        return "no date"
    if isinstance(a, tuple):
        return f"{a[0]} to {a[1]}"
    return a.isoformat()
