"""workbench records: versions for optimistic concurrency, RMs' answers to actions, audit events

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("party") as batch:
        batch.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "action_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "done",
                "snoozed",
                "not_relevant",
                name="feedback_outcome",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_action_feedback_action_id_action")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_action_feedback_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_feedback")),
    )
    with op.batch_alter_table("action_feedback") as batch:
        batch.create_index(batch.f("ix_action_feedback_action_id"), ["action_id"], unique=False)
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_audit_event_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event") as batch:
        batch.create_index(batch.f("ix_audit_event_at"), ["at"], unique=False)
        batch.create_index("ix_audit_event_object", ["object_type", "object_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_event") as batch:
        batch.drop_index("ix_audit_event_object")
        batch.drop_index(batch.f("ix_audit_event_at"))
    op.drop_table("audit_event")
    with op.batch_alter_table("action_feedback") as batch:
        batch.drop_index(batch.f("ix_action_feedback_action_id"))
    op.drop_table("action_feedback")
    with op.batch_alter_table("action") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("party") as batch:
        batch.drop_column("version")
        batch.drop_column("created_at")
