"""party aliases: customer numbers merged into another party

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "party_alias",
        sa.Column("alias_id", sa.String(length=32), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_party_alias_party_id_party")
        ),
        sa.PrimaryKeyConstraint("alias_id", name=op.f("pk_party_alias")),
    )
    with op.batch_alter_table("party_alias") as batch:
        batch.create_index(batch.f("ix_party_alias_party_id"), ["party_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("party_alias") as batch:
        batch.drop_index(batch.f("ix_party_alias_party_id"))
    op.drop_table("party_alias")
