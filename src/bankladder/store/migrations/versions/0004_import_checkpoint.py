"""import checkpoints: a chunked import records its progress and mode

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch") as batch:
        batch.add_column(
            sa.Column("mode", sa.String(16), nullable=False, server_default="incremental")
        )
        batch.add_column(sa.Column("finished_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE import_batch SET finished_at = imported_at")


def downgrade() -> None:
    op.execute("DELETE FROM import_batch WHERE finished_at IS NULL")
    with op.batch_alter_table("import_batch") as batch:
        batch.drop_column("finished_at")
        batch.drop_column("mode")
