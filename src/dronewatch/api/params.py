"""Query parameters shared by /api/claims, /api/incidents and /api/stats, parsed into
`store.query.Filters`. Everything invalid is a 422 naming the parameter and the reason."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional

from fastapi import HTTPException, Query
from pydantic import StringConstraints

from dronewatch.filter_values import REGION_PATTERN, SIDE_PATTERN, flag_kinds, problem
from dronewatch.model import WEAPONS
from dronewatch.store.query import Filters

SortOrder = Literal["date", "-date"]
ISODate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
MAX_LIMIT = 1000


def _values(**item_schema):
    """The OpenAPI items of a repeated filter (its enum or pattern); the values themselves
    are checked by `filter_values.problem`, as the command line checks them, so both give
    one message."""
    def document(schema: dict) -> None:
        for branch in schema.get("anyOf", [schema]):
            if branch.get("type") == "array":
                branch["items"] = {"type": "string", **item_schema}
    return document


def invalid(name: str, message: str) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors."""
    return HTTPException(422, detail=[{"loc": ["query", name], "msg": message,
                                       "type": "value_error"}])


def _day(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise invalid(name, f"{value!r} is not a calendar date (expected YYYY-MM-DD)") from None


def check_values(**lists: list[str] | None) -> None:
    """A 422 for the first value of a repeated filter that `filter_values.problem` refuses."""
    for name, values in lists.items():
        for value in values or []:
            message = problem(name, value)
            if message:
                raise invalid(name, message)


def period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """(since, until) as calendar days; a 422 when either is no date or until < since."""
    since_day, until_day = _day("since", since), _day("until", until)
    if since_day and until_day and since_day > until_day:
        raise invalid("until", f"until {until_day} is before since {since_day}")
    return since_day, until_day


def filters(
    since: Annotated[Optional[ISODate], Query(
        description="Only what happened on or after this day (YYYY-MM-DD, inclusive).")] = None,
    until: Annotated[Optional[ISODate], Query(
        description="Only what happened on or before this day (inclusive).")] = None,
    region: Annotated[Optional[list[str]], Query(
        description="ISO 3166-2 region (RU-BEL) or country (UA); repeat for several.",
        json_schema_extra=_values(pattern=REGION_PATTERN))] = None,
    weapon: Annotated[Optional[list[str]], Query(
        description="Weapon class; repeat for several.",
        json_schema_extra=_values(enum=list(WEAPONS)))] = None,
    side: Annotated[Optional[list[str]], Query(
        description="Claimant's side, ISO country (RU, UA); repeat for several.",
        json_schema_extra=_values(pattern=SIDE_PATTERN))] = None,
    flag: Annotated[Optional[list[str]], Query(
        description="Flag kind on the claim or its incident; repeat for several.",
        json_schema_extra=_values(enum=list(flag_kinds())))] = None,
    q: Annotated[Optional[str], Query(
        max_length=200, description="Text the source document's title or body contains "
                                    "(any case).")] = None,
) -> Filters:
    check_values(region=region, weapon=weapon, side=side, flag=flag)
    since_day, until_day = period(since, until)
    if q is not None and "\x00" in q:
        raise invalid("q", "the text contains a NUL character")
    return Filters(since=since_day, until=until_day, regions=list(region or []),
                   weapons=list(weapon or []), sides=[s.upper() for s in side or []],
                   flags=list(flag or []), q=q or None)


class PageParams:
    """sort, limit and cursor of a list endpoint."""

    def __init__(
        self,
        sort: Annotated[SortOrder, Query(
            description="date: oldest first; -date: newest first (undated last).")] = "-date",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 100,
        cursor: Annotated[Optional[str], Query(
            max_length=400, description="next_cursor of the previous page, as given.")] = None,
    ):
        self.sort, self.limit, self.cursor = sort, limit, cursor or None
