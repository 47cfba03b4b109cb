"""Initial schema: documents, claims, claim_regions, evidence, incidents, incident_claims,
flags, meta, schema_info (version 1).

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MEASURES = ("launched", "intercepted", "hit", "killed", "injured")


def upgrade() -> None:
    op.create_table(
        "schema_info",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("written_by", sa.String(40), nullable=False))
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text))
    op.create_table(
        "documents",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(400), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("dup_group", sa.Integer),
        sa.Column("extracted_with", sa.String(40)))
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_dup_group", "documents", ["dup_group"])
    measure_columns = []
    for m in MEASURES:
        measure_columns += [sa.Column(m, sa.Integer), sa.Column(f"{m}_qualifier", sa.String(10))]
    op.create_table(
        "claims",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.String(450), nullable=False, unique=True),
        sa.Column("document_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("ord", sa.Integer, nullable=False),
        sa.Column("doc_id", sa.String(400), nullable=False),
        sa.Column("weapon", sa.String(20), nullable=False),
        sa.Column("weapon_model", sa.Text),
        sa.Column("attacker", sa.String(8)),
        *measure_columns,
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("place", sa.Text),
        sa.Column("facility", sa.Text),
        sa.Column("water_body", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("location_precision", sa.String(16)),
        sa.Column("when_start", sa.String(32)),
        sa.Column("when_end", sa.String(32)),
        sa.Column("day_start", sa.String(10)),
        sa.Column("day_end", sa.String(10)),
        sa.Column("when_precision", sa.String(16)),
        sa.Column("claimant_name", sa.Text),
        sa.Column("claimant_side", sa.String(8)),
        sa.Column("claimant_role", sa.String(32)),
        sa.Column("part_of", sa.String(450)),
        sa.Column("record", sa.Text, nullable=False))
    op.create_index("ix_claims_document", "claims", ["document_pk", "ord"])
    op.create_index("ix_claims_day", "claims", ["day_start", "day_end"])
    op.create_index("ix_claims_weapon_day", "claims", ["weapon", "day_start"])
    op.create_index("ix_claims_side_day", "claims", ["claimant_side", "day_start"])
    op.create_index("ix_claims_country_day", "claims", ["country", "day_start"])
    op.create_table(
        "claim_regions",
        sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("admin1", sa.String(16), primary_key=True))
    op.create_index("ix_claim_regions_admin1", "claim_regions", ["admin1", "claim_pk"])
    op.create_table(
        "evidence",
        sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("ord", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False))
    op.create_table(
        "incidents",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("incident_id", sa.String(200), nullable=False, unique=True),
        sa.Column("weapon", sa.String(20)),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text),
        sa.Column("water_body", sa.Text),
        sa.Column("when_start", sa.String(32)),
        sa.Column("when_end", sa.String(32)),
        sa.Column("day_start", sa.String(10)),
        sa.Column("day_end", sa.String(10)),
        sa.Column("n_documents", sa.Integer, nullable=False),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("record", sa.Text, nullable=False))
    op.create_index("ix_incidents_day", "incidents", ["day_start", "day_end"])
    op.create_index("ix_incidents_weapon_day", "incidents", ["weapon", "day_start"])
    op.create_table(
        "incident_claims",
        sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk", ondelete="CASCADE"),
                  primary_key=True))
    op.create_index("ix_incident_claims_claim", "incident_claims", ["claim_pk"])
    op.create_table(
        "flags",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE")),
        sa.Column("claim_pk", sa.Integer, sa.ForeignKey("claims.pk", ondelete="CASCADE")))
    op.create_index("ix_flags_kind", "flags", ["kind"])
    op.create_index("ix_flags_incident", "flags", ["incident_pk"])
    op.create_index("ix_flags_claim", "flags", ["claim_pk"])
    op.execute("INSERT INTO schema_info (id, version, written_by) VALUES (1, 1, 'migration 0001')")


def downgrade() -> None:
    for table in ("flags", "incident_claims", "incidents", "evidence", "claim_regions", "claims",
                  "documents", "meta", "schema_info"):
        op.drop_table(table)
