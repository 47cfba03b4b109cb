"""Reference tables: hand-coded nightly figures (`dronewatch reference import`) that
incidents are compared with at each rebuild; version 5.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_rows",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("table_name", sa.String(64), nullable=False),
        sa.Column("row_no", sa.Integer, nullable=False),
        sa.Column("night", sa.String(10), nullable=False),
        sa.Column("time_start", sa.String(32)),
        sa.Column("time_end", sa.String(32)),
        sa.Column("model", sa.Text),
        sa.Column("weapon", sa.String(20)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("launched", sa.Integer),
        sa.Column("destroyed", sa.Integer),
        sa.Column("not_reached", sa.Integer),
        sa.Column("source", sa.Text),
        sa.UniqueConstraint("table_name", "row_no", name="uq_reference_rows_table_row"),
    )
    op.create_index("ix_reference_rows_night", "reference_rows", ["night", "weapon"])
    op.execute("UPDATE schema_info SET version = 5, written_by = 'migration 0005'")


def downgrade() -> None:
    op.drop_index("ix_reference_rows_night", table_name="reference_rows")
    op.drop_table("reference_rows")
    op.execute("UPDATE schema_info SET version = 4, written_by = 'migration 0005 (down)'")
