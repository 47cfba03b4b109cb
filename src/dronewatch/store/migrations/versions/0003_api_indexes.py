"""What the REST API reads fast: incident_figures and incident_regions (statistics as GROUP
BY queries) and the (day, pk) sort indexes of claims and incidents; version 3.

The new tables are derived from `incidents`; a store migrated here is marked
`incident_figures_stale` so the next reader that needs them (`dronewatch serve`) fills them
once from the stored incidents (store/figures.py), without a rebuild.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SORT_DAY = sa.text("coalesce(day_start, '')")


def upgrade() -> None:
    op.create_table(
        "incident_figures",
        sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("measure", sa.String(16), primary_key=True),
        sa.Column("side", sa.String(8), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("weapon", sa.String(20), nullable=False),
        sa.Column("day", sa.String(10)),
        sa.Column("counted", sa.Integer, nullable=False),
        sa.Column("total_pk", sa.Integer))
    op.create_index("ix_incident_figures_day", "incident_figures", ["day", "weapon"])
    op.create_table(
        "incident_regions",
        sa.Column("incident_pk", sa.Integer, sa.ForeignKey("incidents.pk", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("admin1", sa.String(16), primary_key=True))
    op.create_index("ix_incident_regions_admin1", "incident_regions", ["admin1", "incident_pk"])
    op.create_index("ix_claims_sort", "claims", [SORT_DAY, "pk"])
    op.create_index("ix_incidents_sort", "incidents", [SORT_DAY, "pk"])
    op.execute("DELETE FROM meta WHERE key = 'incident_figures_stale'")
    op.execute("INSERT INTO meta (key, value) VALUES ('incident_figures_stale', '1')")
    op.execute("UPDATE schema_info SET version = 3, written_by = 'migration 0003'")


def downgrade() -> None:
    op.drop_index("ix_incidents_sort", table_name="incidents")
    op.drop_index("ix_claims_sort", table_name="claims")
    op.drop_table("incident_regions")
    op.drop_table("incident_figures")
    op.execute("DELETE FROM meta WHERE key = 'incident_figures_stale'")
    op.execute("UPDATE schema_info SET version = 2, written_by = 'migration 0003 (down)'")
