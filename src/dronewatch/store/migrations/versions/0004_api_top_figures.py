"""The API's statistics without a side filter read one marked row per incident and measure
(`incident_figures.top`), and incidents filtered by weapon are paged from an index
(weapon, day, pk); version 4.

The marks are derived data: a store migrated here is marked `incident_figures_stale`, so
the next reader that needs them (`dronewatch serve`) rewrites the figures once
(store/figures.py); every rebuild writes them anyway.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incident_figures",
                  sa.Column("top", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_incidents_weapon_sort", "incidents",
                    ["weapon", sa.text("coalesce(day_start, '')"), "pk"])
    op.execute("DELETE FROM meta WHERE key = 'incident_figures_stale'")
    op.execute("INSERT INTO meta (key, value) VALUES ('incident_figures_stale', '1')")
    op.execute("UPDATE schema_info SET version = 4, written_by = 'migration 0004'")


def downgrade() -> None:
    op.drop_index("ix_incidents_weapon_sort", table_name="incidents")
    with op.batch_alter_table("incident_figures") as batch:
        batch.drop_column("top")
    op.execute("UPDATE schema_info SET version = 3, written_by = 'migration 0004 (down)'")
