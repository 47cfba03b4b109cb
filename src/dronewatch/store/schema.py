"""The store's tables (SQLAlchemy Core). The migrations in `migrations/versions/` create
exactly these; a change here needs a new migration and `SCHEMA_VERSION + 1`.

Dates are ISO strings: `day_start`/`day_end` are the first ten characters of a claim's
`when.start`/`when.end`, so a date-range query is a string comparison served by an index.
"""

from __future__ import annotations

from sqlalchemy import (Column, Float, ForeignKey, Index, Integer, MetaData, String, Table,
                        Text, UniqueConstraint, func, literal_column)

SCHEMA_VERSION = 5  # the `schema_info.version` this code reads and writes

metadata = MetaData()

schema_info = Table(
    "schema_info", metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("version", Integer, nullable=False),
    Column("written_by", String(40), nullable=False),  # dronewatch version that last migrated
)

meta = Table(  # small key/value state: "incidents_dirty", ...
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text),
)

documents = Table(
    "documents", metadata,
    Column("pk", Integer, primary_key=True),
    Column("doc_id", String(400), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, unique=True),
    Column("title", Text),
    Column("outlet", Text),
    Column("published", String(32)),
    Column("text", Text, nullable=False),
    Column("source", Text),  # where it was first read from: "file.jsonl:12"
    Column("dup_group", Integer),  # pk of the first document of its near-duplicate group
    Column("extracted_with", String(40)),  # dronewatch version whose extractor made its claims
    Index("ix_documents_published", "published"),
    Index("ix_documents_dup_group", "dup_group"),
)

MEASURE_COLUMNS = ("launched", "intercepted", "hit", "killed", "injured")

claims = Table(
    "claims", metadata,
    Column("pk", Integer, primary_key=True),
    Column("claim_id", String(450), nullable=False, unique=True),
    Column("document_pk", Integer, ForeignKey("documents.pk", ondelete="CASCADE"),
           nullable=False),
    Column("ord", Integer, nullable=False),  # position in the extractor's output
    Column("doc_id", String(400), nullable=False),
    Column("weapon", String(20), nullable=False),
    Column("weapon_model", Text),
    Column("attacker", String(8)),
    *[c for m in MEASURE_COLUMNS
      for c in (Column(m, Integer), Column(f"{m}_qualifier", String(10)))],
    Column("country", String(8)),
    Column("admin1", Text),  # codes joined with ';' (claim_regions holds one row per code)
    Column("place", Text),
    Column("facility", Text),
    Column("water_body", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("location_precision", String(16)),
    Column("when_start", String(32)),
    Column("when_end", String(32)),
    Column("day_start", String(10)),
    Column("day_end", String(10)),
    Column("when_precision", String(16)),
    Column("claimant_name", Text),
    Column("claimant_side", String(8)),
    Column("claimant_role", String(32)),
    Column("part_of", String(450)),
    Column("record", Text, nullable=False),  # the FORMAT.md record, exactly as `extract` writes it
    Index("ix_claims_document", "document_pk", "ord"),
    Index("ix_claims_day", "day_start", "day_end"),
    Index("ix_claims_weapon_day", "weapon", "day_start"),
    Index("ix_claims_side_day", "claimant_side", "day_start"),
    Index("ix_claims_country_day", "country", "day_start"),
)

claim_regions = Table(
    "claim_regions", metadata,
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), primary_key=True),
    Column("admin1", String(16), primary_key=True),
    Index("ix_claim_regions_admin1", "admin1", "claim_pk"),
)

evidence = Table(
    "evidence", metadata,
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), primary_key=True),
    Column("ord", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

incidents = Table(
    "incidents", metadata,
    Column("pk", Integer, primary_key=True),
    Column("incident_id", String(200), nullable=False, unique=True),
    Column("weapon", String(20)),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("water_body", Text),
    Column("when_start", String(32)),
    Column("when_end", String(32)),
    Column("day_start", String(10)),
    Column("day_end", String(10)),
    Column("n_documents", Integer, nullable=False),
    Column("n_claims", Integer, nullable=False),
    Column("record", Text, nullable=False),  # Incident.to_dict() without the claim records
    Index("ix_incidents_day", "day_start", "day_end"),
    Index("ix_incidents_weapon_day", "weapon", "day_start"),
)

incident_claims = Table(
    "incident_claims", metadata,
    Column("incident_pk", Integer, ForeignKey("incidents.pk", ondelete="CASCADE"),
           primary_key=True),
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE"), primary_key=True),
    Index("ix_incident_claims_claim", "claim_pk"),
)

flags = Table(
    "flags", metadata,
    Column("pk", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("incident_pk", Integer, ForeignKey("incidents.pk", ondelete="CASCADE")),
    Column("claim_pk", Integer, ForeignKey("claims.pk", ondelete="CASCADE")),
    Index("ix_flags_kind", "kind"),
    Index("ix_flags_incident", "incident_pk"),
    Index("ix_flags_claim", "claim_pk"),
)

# The feed watcher's state (migration 0002): what was polled and which items were seen, so a
# restarted `dronewatch watch` neither re-fetches a page nor stores it twice. Times are Unix
# seconds (UTC); they only schedule polls and are compared, never shown as dates.
feeds = Table(
    "feeds", metadata,
    Column("pk", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, server_default="0"),  # consecutive failed polls
    Column("next_poll", Float),  # due at this time; None: due now
    Column("last_polled", Float),
    Column("last_status", Text),  # "ok", "not modified" or the last error line's reason
)

feed_items = Table(
    "feed_items", metadata,
    Column("pk", Integer, primary_key=True),
    Column("feed_pk", Integer, ForeignKey("feeds.pk", ondelete="CASCADE"), nullable=False),
    Column("item_hash", String(32), nullable=False),  # of the guid (else link): keys of any length
    Column("item_key", Text, nullable=False),
    Column("link", Text),
    Column("status", String(16), nullable=False),  # ingested|duplicate|skipped|retry|failed
    Column("reason", Text),
    Column("doc_id", String(400)),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("first_seen", Float, nullable=False),
    Column("last_tried", Float),
    UniqueConstraint("feed_pk", "item_hash", name="uq_feed_items_feed_item"),
    Index("ix_feed_items_link", "link"),
)

# What the API's statistics read (migration 0003), derived from `incidents` by
# store/figures.py after every rebuild: one row per incident, measure and claimant side with
# the incident's agreed figure, and one row per incident and region, so per-day and
# per-region sums are GROUP BY queries instead of JSON parsing.
incident_figures = Table(
    "incident_figures", metadata,
    Column("incident_pk", Integer, ForeignKey("incidents.pk", ondelete="CASCADE"),
           primary_key=True),
    Column("measure", String(16), primary_key=True),
    Column("side", String(8), primary_key=True),  # claimant side, "unknown" when none
    Column("value", Integer, nullable=False),
    Column("weapon", String(20), nullable=False),
    Column("day", String(10)),  # the incident's last day (the morning after a night)
    # 0 for a summary longer than two days (a weekly or monthly total): not summed, since
    # the nights it covers are incidents of their own
    Column("counted", Integer, nullable=False),
    # the incident whose national total this one is a regional part of (part_of links)
    Column("total_pk", Integer),
    # 1 on the row with the incident's figure for the measure over all sides (the highest;
    # the first side on a tie): statistics without a side filter read only these rows
    Column("top", Integer, nullable=False, server_default="0"),  # migration 0004
    Index("ix_incident_figures_day", "day", "weapon"),
)

incident_regions = Table(
    "incident_regions", metadata,
    Column("incident_pk", Integer, ForeignKey("incidents.pk", ondelete="CASCADE"),
           primary_key=True),
    Column("admin1", String(16), primary_key=True),
    Index("ix_incident_regions_admin1", "admin1", "incident_pk"),
)

# Hand-coded reference tables (migration 0005): one row per row of the imported table,
# the model mapped to a dronewatch weapon and a kind (verify/reference.py); a re-import of a
# table replaces its rows. `night` is the morning that ends the night the row covers.
reference_rows = Table(
    "reference_rows", metadata,
    Column("pk", Integer, primary_key=True),
    Column("table_name", String(64), nullable=False),  # "piterfm"
    Column("row_no", Integer, nullable=False),  # the row's line in the imported file
    Column("night", String(10), nullable=False),
    Column("time_start", String(32)),
    Column("time_end", String(32)),
    Column("model", Text),
    Column("weapon", String(20)),
    Column("kind", String(20), nullable=False),
    Column("launched", Integer),
    Column("destroyed", Integer),
    Column("not_reached", Integer),
    Column("source", Text),
    UniqueConstraint("table_name", "row_no", name="uq_reference_rows_table_row"),
    Index("ix_reference_rows_night", "night", "weapon"),
)

# Sorting by date with a cursor: (day, pk) where an undated row sorts as ''. Expression
# indexes so that ORDER BY ... LIMIT reads a page straight from the index.
Index("ix_claims_sort", func.coalesce(claims.c.day_start, literal_column("''")), claims.c.pk)
Index("ix_incidents_sort", func.coalesce(incidents.c.day_start, literal_column("''")),
      incidents.c.pk)
Index("ix_incidents_weapon_sort", incidents.c.weapon,
      func.coalesce(incidents.c.day_start, literal_column("''")), incidents.c.pk)

# delete order (children first) for a full rebuild or a test reset
DATA_TABLES = (flags, incident_claims, incidents, evidence, claim_regions, claims, documents)
