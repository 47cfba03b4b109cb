"""`dronewatch export --format csv|jsonl|geojson|parquet|acled -o FILE [--claims] [filters]`:
stored incidents (or claims) through `dronewatch.export.write`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import typer

from dronewatch.commands._common import db_option, fail, store_errors, with_filters

if TYPE_CHECKING:
    from dronewatch.store import Filters


def incident_from_dict(d: dict):
    from dronewatch.model import Claim, Flag, Incident, Location, TimeSpan

    loc = dict(d.get("location") or {})
    loc["admin1"] = list(loc.get("admin1") or [])
    return Incident(id=d["id"], weapon=d.get("weapon") or "unknown", location=Location(**loc),
                    when=TimeSpan(**(d.get("when") or {})),
                    claims=[Claim.from_dict(c) for c in d.get("claims") or []],
                    documents=list(d.get("documents") or []), values=d.get("values") or {},
                    flags=[Flag(kind=f["kind"], message=f["message"], claim_id=f.get("claim_id"))
                           for f in d.get("flags") or []])


@with_filters
def export_command(
    fmt: str = typer.Option(..., "--format", "-f", metavar="csv|jsonl|geojson|parquet|acled",
                            help="The file's format (docs/export.md)."),
    output: str = typer.Option(..., "--output", "-o", metavar="FILE", help="Write here."),
    claims: bool = typer.Option(False, "--claims", help="Export claims instead of incidents."),
    db: Optional[str] = db_option(),
    filters: Filters = None,
) -> None:
    """Export stored incidents (or, with --claims, claims) to a file."""
    import orjson
    from sqlalchemy import select

    from dronewatch import export
    from dronewatch.model import Claim, Document
    from dronewatch.store import iter_claims, iter_incidents, open_store
    from dronewatch.store import schema as S
    from dronewatch.store.incidents import available

    if fmt not in export.FORMATS:
        raise fail(f"--format {fmt}: choose one of {', '.join(export.FORMATS)}", 2)
    with store_errors():
        with open_store(db, create=False) as store:
            if claims:
                items = (Claim.from_dict(orjson.loads(r)) for r in iter_claims(store, filters))
            else:
                if not available():
                    raise fail("incidents need dronewatch.verify.group_incidents; use --claims")
                items = (incident_from_dict(d) for d in iter_incidents(store, filters))
            options = {"kind": "claim" if claims else "incident"}
            if fmt == "acled":
                d = S.documents.c
                with store.reader() as conn:
                    options["documents"] = {
                        r.doc_id: Document(id=r.doc_id, text="", url=r.url, outlet=r.outlet,
                                           title=r.title, published=r.published)
                        for r in conn.execute(select(d.doc_id, d.url, d.outlet, d.title,
                                                     d.published))}
            try:
                n = export.write(items, fmt, output, **options)
            except OSError as exc:
                raise fail(f"{output}: cannot write: {exc.strerror or exc}")
    import sys

    sys.stderr.write(f"dronewatch: {output}: {n:,} {'claims' if claims else 'incidents'}\n")


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
