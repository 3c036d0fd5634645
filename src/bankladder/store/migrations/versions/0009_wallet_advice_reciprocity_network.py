"""wallet estimates, product advice, the reciprocity ledger and the referral network

Party: size band and annual turnover (enterprises). Product: the need kinds it answers and its
prerequisites; selling points against named competitors. Benefit (what the bank gave) and
settlement (monthly flows): both sides of the reciprocity ledger. Derived by the batch: wallet
estimates, peer holdings, network prospects and intermediary scores.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peer_holding",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("peer_group", sa.String(length=200), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("holders", sa.Integer(), nullable=False),
        sa.Column("peers", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_code"], ["product.code"], name=op.f("fk_peer_holding_product_code_product")
        ),
        sa.PrimaryKeyConstraint(
            "as_of", "peer_group", "product_code", name=op.f("pk_peer_holding")
        ),
    )
    op.create_table(
        "selling_point",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("competitor", sa.String(length=100), nullable=False),
        sa.Column("point_zh", sa.Text(), nullable=False),
        sa.Column("point_en", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_code"], ["product.code"], name=op.f("fk_selling_point_product_code_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selling_point")),
        sa.UniqueConstraint(
            "product_code", "competitor", name=op.f("uq_selling_point_product_code")
        ),
    )
    op.create_table(
        "benefit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "introduction",
                "knowledge",
                "price_concession",
                "vip_service",
                "other",
                name="benefit_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("worth", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("counterpart_id", sa.String(length=32), nullable=True),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["counterpart_id"], ["party.id"], name=op.f("fk_benefit_counterpart_id_party")
        ),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"], name=op.f("fk_benefit_party_id_party")),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_benefit_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefit")),
    )
    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.create_index("ix_benefit_natural", ["party_id", "given_on", "kind"], unique=False)

    op.create_table(
        "intermediary_score",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reach", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_intermediary_score_party_id_party")
        ),
        sa.PrimaryKeyConstraint("as_of", "party_id", name=op.f("pk_intermediary_score")),
    )
    op.create_table(
        "network_prospect",
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("prospect_id", sa.String(length=32), nullable=False),
        sa.Column("hops", sa.Integer(), nullable=False),
        sa.Column("via_id", sa.String(length=32), nullable=True),
        sa.Column("path", sa.JSON(), nullable=False),
        sa.Column("strength", sa.Float(), nullable=False),
        sa.Column("potential", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_network_prospect_party_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["prospect_id"], ["party.id"], name=op.f("fk_network_prospect_prospect_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["via_id"], ["party.id"], name=op.f("fk_network_prospect_via_id_party")
        ),
        sa.PrimaryKeyConstraint(
            "as_of", "party_id", "prospect_id", name=op.f("pk_network_prospect")
        ),
    )
    with op.batch_alter_table("network_prospect", schema=None) as batch_op:
        batch_op.create_index("ix_network_prospect_prospect_id", ["prospect_id"], unique=False)

    op.create_table(
        "settlement",
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("inflow", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("outflow", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("transactions", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_settlement_party_id_party")
        ),
        sa.PrimaryKeyConstraint("party_id", "month", name=op.f("pk_settlement")),
    )
    op.create_table(
        "wallet_estimate",
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("at_bank", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("wallet", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("opportunity", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("peer_group", sa.String(length=200), nullable=False),
        sa.Column("peers", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_wallet_estimate_party_id_party")
        ),
        sa.PrimaryKeyConstraint("party_id", "as_of", name=op.f("pk_wallet_estimate")),
    )
    with op.batch_alter_table("wallet_estimate", schema=None) as batch_op:
        batch_op.create_index("ix_wallet_estimate_as_of", ["as_of"], unique=False)

    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "size_band",
                sa.Enum(
                    "micro",
                    "small",
                    "medium",
                    "large",
                    name="size_band",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("annual_turnover", sa.Numeric(precision=18, scale=2), nullable=True)
        )

    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(sa.Column("need_kinds", sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(
            sa.Column("prerequisites", sa.JSON(), server_default="[]", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_column("prerequisites")
        batch_op.drop_column("need_kinds")

    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_party_size_band"), type_="check")
        batch_op.drop_column("annual_turnover")
        batch_op.drop_column("size_band")

    with op.batch_alter_table("wallet_estimate", schema=None) as batch_op:
        batch_op.drop_index("ix_wallet_estimate_as_of")

    op.drop_table("wallet_estimate")
    op.drop_table("settlement")
    with op.batch_alter_table("network_prospect", schema=None) as batch_op:
        batch_op.drop_index("ix_network_prospect_prospect_id")

    op.drop_table("network_prospect")
    op.drop_table("intermediary_score")
    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.drop_index("ix_benefit_natural")

    op.drop_table("benefit")
    op.drop_table("selling_point")
    op.drop_table("peer_holding")
