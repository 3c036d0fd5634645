"""indexes on the natural keys imports match rows by

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interaction") as batch:
        batch.drop_index("ix_interaction_party_time")
        batch.create_index("ix_interaction_natural", ["party_id", "occurred_at", "kind"])
    with op.batch_alter_table("holding") as batch:
        batch.create_index(batch.f("ix_holding_account_no"), ["account_no"])
    with op.batch_alter_table("need") as batch:
        batch.create_index("ix_need_natural", ["party_id", "kind", "identified_on"])
    with op.batch_alter_table("referral") as batch:
        batch.create_index("ix_referral_natural", ["referrer_id", "referee_id", "referred_on"])


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.drop_index("ix_referral_natural")
    with op.batch_alter_table("need") as batch:
        batch.drop_index("ix_need_natural")
    with op.batch_alter_table("holding") as batch:
        batch.drop_index(batch.f("ix_holding_account_no"))
    with op.batch_alter_table("interaction") as batch:
        batch.drop_index("ix_interaction_natural")
        batch.create_index("ix_interaction_party_time", ["party_id", "occurred_at"])
