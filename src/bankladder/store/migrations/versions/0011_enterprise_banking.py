"""enterprise banking: industry focus, loan pipeline, price concessions, gifts, guard rails

Target industries and RM specialisations (GB/T 4754 codes); loan applications with their
moves, document checklists and received documents, a working-day calendar, SLA targets on loan
products and credit quotas; price concessions with their decision history; benefits get a
status (a gift or service beyond an RM's own limit is requested, then approved by a checker)
and the kind ``gift``; AML flags; actions held back by a guard rail say by which and why; the
role ``approver`` (head office).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "target_industry",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.Integer(), server_default="1", nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_target_industry")),
    )
    op.create_table(
        "working_calendar",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_working_calendar")),
    )
    op.create_table(
        "loan_document",
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("required", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_code"], ["product.code"], name=op.f("fk_loan_document_product_code_product")
        ),
        sa.PrimaryKeyConstraint("product_code", "code", name=op.f("pk_loan_document")),
    )
    op.create_table(
        "credit_quota",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.String(length=32), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column("allocated", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_credit_quota_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_credit_quota_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_quota")),
        sa.UniqueConstraint("year", "branch_id", "rm_id", name=op.f("uq_credit_quota_year")),
    )
    op.create_table(
        "rm_specialisation",
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("industry_code", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_rm_specialisation_rm_id_rm")),
        sa.PrimaryKeyConstraint("rm_id", "industry_code", name=op.f("pk_rm_specialisation")),
    )
    op.create_table(
        "aml_flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_aml_flag_party_id_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aml_flag")),
    )
    with op.batch_alter_table("aml_flag", schema=None) as batch_op:
        batch_op.create_index("ix_aml_flag_natural", ["party_id", "raised_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_aml_flag_party_id"), ["party_id"], unique=False)

    op.create_table(
        "loan_application",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "documents_complete",
                "credit_review",
                "approved",
                "disbursed",
                "declined",
                "withdrawn",
                name="loan_status",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("status_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_loan_application_party_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["product_code"],
            ["product.code"],
            name=op.f("fk_loan_application_product_code_product"),
        ),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_loan_application_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_application")),
    )
    with op.batch_alter_table("loan_application", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_loan_application_party_id"), ["party_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_loan_application_rm_id"), ["rm_id"], unique=False)
        batch_op.create_index("ix_loan_application_status", ["status", "received_at"], unique=False)

    op.create_table(
        "price_concession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(length=32), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "loan_rate",
                "deposit_rate",
                "fee",
                name="concession_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("standard", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("requested", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "requested",
                "approved",
                "rejected",
                "withdrawn",
                name="concession_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column(
            "required_role",
            sa.Enum(
                "rm",
                "manager",
                "admin",
                "auditor",
                "approver",
                name="concession_required_role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column("maker_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["maker_id"],
            ["user_account.id"],
            name=op.f("fk_price_concession_maker_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["party_id"], ["party.id"], name=op.f("fk_price_concession_party_id_party")
        ),
        sa.ForeignKeyConstraint(
            ["product_code"],
            ["product.code"],
            name=op.f("fk_price_concession_product_code_product"),
        ),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_price_concession_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_concession")),
    )
    with op.batch_alter_table("price_concession", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_price_concession_party_id"), ["party_id"], unique=False
        )
        batch_op.create_index(
            "ix_price_concession_status", ["status", "required_role"], unique=False
        )

    op.create_table(
        "concession_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concession_id", sa.Integer(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "request",
                "approve",
                "reject",
                "withdraw",
                name="concession_decision_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "rm",
                "manager",
                "admin",
                "auditor",
                "approver",
                name="concession_decider_role",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["concession_id"],
            ["price_concession.id"],
            name=op.f("fk_concession_decision_concession_id_price_concession"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_concession_decision_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concession_decision")),
    )
    with op.batch_alter_table("concession_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_concession_decision_concession_id"), ["concession_id"], unique=False
        )

    op.create_table(
        "loan_document_received",
        sa.Column("application_id", sa.String(length=32), nullable=False),
        sa.Column("document_code", sa.String(length=32), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["loan_application.id"],
            name=op.f("fk_loan_document_received_application_id_loan_application"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_loan_document_received_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint(
            "application_id", "document_code", name=op.f("pk_loan_document_received")
        ),
    )
    op.create_table(
        "loan_move",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.String(length=32), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "received",
                "documents_complete",
                "credit_review",
                "approved",
                "disbursed",
                "declined",
                "withdrawn",
                name="loan_move_from",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "received",
                "documents_complete",
                "credit_review",
                "approved",
                "disbursed",
                "declined",
                "withdrawn",
                name="loan_move_to",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["loan_application.id"],
            name=op.f("fk_loan_move_application_id_loan_application"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_loan_move_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loan_move")),
    )
    with op.batch_alter_table("loan_move", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_loan_move_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(
            "ix_loan_move_natural", ["application_id", "at", "to_status"], unique=False
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("blocked_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("blocked_zh", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("blocked_en", sa.Text(), nullable=True))

    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(
                    "requested",
                    "approved",
                    "given",
                    "refused",
                    "cancelled",
                    name="benefit_status",
                    native_enum=False,
                    create_constraint=True,
                    length=16,
                ),
                server_default="given",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("maker_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("checker_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_benefit_maker_id_user_account"), "user_account", ["maker_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_benefit_checker_id_user_account"), "user_account", ["checker_id"], ["id"]
        )

    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla_working_days", sa.Integer(), nullable=True))

    _vocabulary("benefit", "kind", "benefit_kind", (*BENEFIT_KINDS, "gift"))
    _vocabulary("user_account", "role", "user_role", (*ROLES, "approver"))


BENEFIT_KINDS = ("introduction", "knowledge", "price_concession", "vip_service", "other")
ROLES = ("rm", "manager", "admin", "auditor")


def _vocabulary(table: str, column: str, name: str, values: tuple[str, ...]) -> None:
    """Replace the CHECK constraint of a closed vocabulary with one allowing ``values``."""
    allowed = ", ".join(f"'{value}'" for value in values)
    with op.batch_alter_table(table) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
        batch_op.create_check_constraint(op.f(f"ck_{table}_{name}"), f"{column} in ({allowed})")


def downgrade() -> None:
    _vocabulary("user_account", "role", "user_role", ROLES)
    _vocabulary("benefit", "kind", "benefit_kind", BENEFIT_KINDS)
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_column("sla_working_days")

    with op.batch_alter_table("benefit", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_benefit_benefit_status"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_benefit_checker_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_benefit_maker_id_user_account"), type_="foreignkey")
        batch_op.drop_column("version")
        batch_op.drop_column("decided_at")
        batch_op.drop_column("checker_id")
        batch_op.drop_column("maker_id")
        batch_op.drop_column("status")

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("blocked_en")
        batch_op.drop_column("blocked_zh")
        batch_op.drop_column("blocked_by")

    with op.batch_alter_table("loan_move", schema=None) as batch_op:
        batch_op.drop_index("ix_loan_move_natural")
        batch_op.drop_index(batch_op.f("ix_loan_move_application_id"))

    op.drop_table("loan_move")
    op.drop_table("loan_document_received")
    with op.batch_alter_table("concession_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concession_decision_concession_id"))

    op.drop_table("concession_decision")
    with op.batch_alter_table("price_concession", schema=None) as batch_op:
        batch_op.drop_index("ix_price_concession_status")
        batch_op.drop_index(batch_op.f("ix_price_concession_party_id"))

    op.drop_table("price_concession")
    with op.batch_alter_table("loan_application", schema=None) as batch_op:
        batch_op.drop_index("ix_loan_application_status")
        batch_op.drop_index(batch_op.f("ix_loan_application_rm_id"))
        batch_op.drop_index(batch_op.f("ix_loan_application_party_id"))

    op.drop_table("loan_application")
    with op.batch_alter_table("aml_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aml_flag_party_id"))
        batch_op.drop_index("ix_aml_flag_natural")

    op.drop_table("aml_flag")
    op.drop_table("rm_specialisation")
    op.drop_table("credit_quota")
    op.drop_table("loan_document")
    op.drop_table("working_calendar")
    op.drop_table("target_industry")
