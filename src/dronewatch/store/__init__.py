"""The store: documents, claims, evidence, incidents and flags in SQLite (default,
`./dronewatch.db` or $DRONEWATCH_DB, WAL mode) or PostgreSQL (`postgresql+psycopg://...`).
See docs/store.md.

    from dronewatch.store import open_store, ingest, Filters, iter_claims
    with open_store("corpus.db") as store:
        stats = ingest(store, ["dump.jsonl"], workers=4)
        for record in iter_claims(store, Filters(since="2025-10-01", regions=["RU-BEL"])):
            ...

Heavy pieces (Alembic, the extractor) are imported only when used.
"""

from dronewatch.store.db import (DEFAULT_PATH, ENV_DB, Store, StoreError, display_url,
                                 open_store, resolve_url)
from dronewatch.store.pipeline import IngestStats, ingest, ingest_documents, reprocess
from dronewatch.store.query import Filters, iter_claims, iter_incidents
from dronewatch.store.schema import SCHEMA_VERSION

__all__ = ["open_store", "Store", "StoreError", "resolve_url", "display_url", "DEFAULT_PATH",
           "ENV_DB", "ingest", "ingest_documents", "reprocess", "IngestStats", "Filters", "iter_claims",
           "iter_incidents", "SCHEMA_VERSION"]
