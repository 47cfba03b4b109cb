"""Feed watcher state: feeds (one row per polled feed: validators, failures, next poll) and
feed_items (one row per item seen: status, attempts, the document it became); version 2.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_poll", sa.Float),
        sa.Column("last_polled", sa.Float),
        sa.Column("last_status", sa.Text))
    op.create_table(
        "feed_items",
        sa.Column("pk", sa.Integer, primary_key=True),
        sa.Column("feed_pk", sa.Integer, sa.ForeignKey("feeds.pk", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("item_hash", sa.String(32), nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("link", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("doc_id", sa.String(400)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("first_seen", sa.Float, nullable=False),
        sa.Column("last_tried", sa.Float),
        sa.UniqueConstraint("feed_pk", "item_hash", name="uq_feed_items_feed_item"))
    op.create_index("ix_feed_items_link", "feed_items", ["link"])
    op.execute("UPDATE schema_info SET version = 2, written_by = 'migration 0002'")


def downgrade() -> None:
    op.drop_index("ix_feed_items_link", table_name="feed_items")
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.execute("UPDATE schema_info SET version = 1, written_by = 'migration 0002 (down)'")
