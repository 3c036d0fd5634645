"""operational store: source tables and engine outputs

Revision ID: 0001
Revises:
Create Date: 2026-11-29 22:02:58.197780
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bank",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("profile", sa.String(length=16), nullable=False),
        sa.CheckConstraint("profile in ('young', 'established')", name=op.f("ck_bank_profile")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank")),
    )
    op.create_table(
        "branch",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branch")),
    )
    op.create_table(
        "product",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("family", sa.String(length=32), nullable=False),
        sa.Column("target_segments", sa.JSON(), nullable=False),
        sa.Column("target_industries", sa.JSON(), nullable=False),
        sa.Column("selling_points_zh", sa.Text(), nullable=True),
        sa.Column("selling_points_en", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_product")),
    )
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_family"), ["family"], unique=False)

    op.create_table(
        "rm",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("branch_id", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branch.id"], name=op.f("fk_rm_branch_id_branch")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rm")),
    )
    with op.batch_alter_table("rm", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rm_branch_id"), ["branch_id"], unique=False)

    op.create_table(
        "party",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "person",
                "enterprise",
                name="party_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=True),
        sa.Column("mobile", sa.String(length=20), nullable=True),
        sa.Column("segment", sa.String(length=32), nullable=True),
        sa.Column("industry_code", sa.String(length=8), nullable=True),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column("prospect_group", sa.String(length=100), nullable=True),
        sa.Column("first_contact_on", sa.Date(), nullable=True),
        sa.Column("customer_since", sa.Date(), nullable=True),
        sa.Column("kyc_expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_party_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party")),
    )
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_rm_id"), ["rm_id"], unique=False)

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("criterion_id", sa.String(length=64), nullable=False),
        sa.Column("target_stage", sa.String(length=64), nullable=False),
        sa.Column("reason_zh", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("priority", sa.Float(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "done",
                "snoozed",
                "dismissed",
                "resolved",
                name="action_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_action_party_id_party")),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_action_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(
            "ix_action_rm_status_priority", ["rm_id", "status", "priority"], unique=False
        )
        batch_op.create_index(
            "uq_action_live_per_criterion",
            ["party_id", "criterion_id"],
            unique=True,
            sqlite_where=sa.text("status in ('open', 'snoozed')"),
            postgresql_where=sa.text("status in ('open', 'snoozed')"),
        )

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=True),
        sa.Column("stage_rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("playbook", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_assessment_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
        sa.UniqueConstraint("party_id", "as_of", name=op.f("uq_assessment_party_id")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_as_of"), ["as_of"], unique=False)

    op.create_table(
        "holding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("account_no", sa.String(length=40), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_holding_party_id_party")),
        sa.ForeignKeyConstraint(
            ["product_code"], ["product.code"], name=op.f("fk_holding_product_code_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holding")),
    )
    with op.batch_alter_table("holding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holding_party_id"), ["party_id"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "visit",
                "call",
                "message",
                "event",
                "care",
                "service",
                "complaint",
                name="interaction_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_interaction_party_id_party")
        ),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_interaction_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_party_time", ["party_id", "occurred_at"], unique=False
        )

    op.create_table(
        "need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column(
            "nature",
            sa.Enum(
                "existing",
                "latent",
                name="need_nature",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("competitor_bank", sa.String(length=100), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "identified",
                "presented",
                "won",
                "lost",
                name="need_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("identified_on", sa.Date(), nullable=False),
        sa.Column("presented_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_need_party_id_party")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need")),
    )
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_party_id"), ["party_id"], unique=False)

    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referrer_id", sa.String(length=32), nullable=False),
        sa.Column("referee_id", sa.String(length=32), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "introduced",
                "contacted",
                "converted",
                "lost",
                name="referral_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("converted_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["referee_id"], ["party.id"], name=op.f("fk_referral_referee_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["referrer_id"], ["party.id"], name=op.f("fk_referral_referrer_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_referee_id"), ["referee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_referrer_id"), ["referrer_id"], unique=False)

    op.create_table(
        "relationship",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_party_id", sa.String(length=32), nullable=False),
        sa.Column("to_party_id", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "supplier_of",
                "buyer_of",
                "family",
                "employer_of",
                "shareholder_of",
                name="relationship_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("since", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_party_id"], ["party.id"], name=op.f("fk_relationship_from_party_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["to_party_id"], ["party.id"], name=op.f("fk_relationship_to_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship")),
        sa.UniqueConstraint(
            "from_party_id", "to_party_id", "kind", name=op.f("uq_relationship_from_party_id")
        ),
    )
    with op.batch_alter_table("relationship", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relationship_from_party_id"), ["from_party_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relationship_to_party_id"), ["to_party_id"], unique=False
        )

    op.create_table(
        "transition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("from_stage", sa.String(length=64), nullable=True),
        sa.Column("to_stage", sa.String(length=64), nullable=True),
        sa.Column(
            "direction",
            sa.Enum(
                "entered",
                "advanced",
                "regressed",
                "left",
                name="transition_direction",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_transition_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transition")),
        sa.UniqueConstraint("party_id", "changed_on", name=op.f("uq_transition_party_id")),
    )
    with op.batch_alter_table("transition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transition_changed_on"), ["changed_on"], unique=False)

    op.create_table(
        "balance",
        sa.Column("holding_id", sa.Integer(), nullable=False),
        sa.Column("snapshot_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["holding_id"], ["holding.id"], name=op.f("fk_balance_holding_id_holding")
        ),
        sa.PrimaryKeyConstraint("holding_id", "snapshot_on", name=op.f("pk_balance")),
    )


def downgrade() -> None:
    op.drop_table("balance")
    with op.batch_alter_table("transition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transition_changed_on"))

    op.drop_table("transition")
    with op.batch_alter_table("relationship", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relationship_to_party_id"))
        batch_op.drop_index(batch_op.f("ix_relationship_from_party_id"))

    op.drop_table("relationship")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_referrer_id"))
        batch_op.drop_index(batch_op.f("ix_referral_referee_id"))

    op.drop_table("referral")
    with op.batch_alter_table("need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_party_id"))

    op.drop_table("need")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_party_time")

    op.drop_table("interaction")
    with op.batch_alter_table("holding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holding_party_id"))

    op.drop_table("holding")
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_as_of"))

    op.drop_table("assessment")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_action_live_per_criterion",
            sqlite_where=sa.text("status in ('open', 'snoozed')"),
            postgresql_where=sa.text("status in ('open', 'snoozed')"),
        )
        batch_op.drop_index("ix_action_rm_status_priority")

    op.drop_table("action")
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_party_rm_id"))

    op.drop_table("party")
    with op.batch_alter_table("rm", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rm_branch_id"))

    op.drop_table("rm")
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_family"))

    op.drop_table("product")
    op.drop_table("branch")
    op.drop_table("bank")
