"""propensity scores: each party's probability of a model's outcome as of a date, its lift
over the base rate and the reasons behind it (issue 9).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "propensity_score",
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("lift", sa.Float(), nullable=False),
        sa.Column("model_version", sa.String(length=64), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_propensity_score_party_id_party")
        ),
        sa.PrimaryKeyConstraint("party_id", "as_of", "target", name=op.f("pk_propensity_score")),
    )
    with op.batch_alter_table("propensity_score", schema=None) as batch_op:
        batch_op.create_index("ix_propensity_score_as_of", ["as_of", "target"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("propensity_score", schema=None) as batch_op:
        batch_op.drop_index("ix_propensity_score_as_of")
    op.drop_table("propensity_score")
