"""the audit trail as a hash chain: prev_hash and hash on every event, the trail's head

Existing events are chained in sequence order as they stand (their ids become the dense
sequence numbers 1..n, kept in order), so `bankladder audit verify` checks them from here on.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bankladder.audit.chain import GENESIS, content, link

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

EVENT = sa.table(
    "audit_event",
    sa.column("id", sa.Integer()),
    sa.column("at", sa.DateTime()),
    sa.column("user_id", sa.Integer()),
    sa.column("event", sa.String()),
    sa.column("object_type", sa.String()),
    sa.column("object_id", sa.String()),
    sa.column("reason", sa.String()),
    sa.column("detail", sa.JSON()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    seq, prev = _chain_existing()
    op.bulk_insert(head, [{"id": 1, "seq": seq, "hash": prev}])
    with op.batch_alter_table("audit_event") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)


def _chain_existing() -> tuple[int, str]:
    bind = op.get_bind()
    rows = bind.execute(sa.select(EVENT).order_by(EVENT.c.id)).mappings().all()
    prev, seq = GENESIS, 0
    for seq, row in enumerate(rows, start=1):
        text = content(
            seq,
            row["at"],
            row["user_id"],
            row["event"],
            row["object_type"],
            row["object_id"],
            row["reason"],
            row["detail"] or {},
        )
        digest = link(prev, text)
        bind.execute(
            EVENT.update()
            .where(EVENT.c.id == row["id"])
            .values(id=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    return seq, prev


def downgrade() -> None:
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
