"""an RM's book read from the index alone on PostgreSQL: ix_party_rm_id INCLUDE (id, name, kind)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite has no INCLUDE: its index on rm_id stays as it is
    op.drop_index("ix_party_rm_id", table_name="party")
    op.create_index("ix_party_rm_id", "party", ["rm_id"], postgresql_include=["id", "name", "kind"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index("ix_party_rm_id", table_name="party")
    op.create_index("ix_party_rm_id", "party", ["rm_id"])
