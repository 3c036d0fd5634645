"""workbench users: accounts, server-side sessions, sign-in throttling, API tokens

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _vocabulary(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def upgrade() -> None:
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column(
            "role", _vocabulary("user_role", "rm", "manager", "admin", "auditor"), nullable=False
        ),
        sa.Column("rm_id", sa.String(length=32), nullable=True),
        sa.Column("branch_id", sa.String(length=32), nullable=True),
        sa.Column("locale", _vocabulary("user_locale", "zh-CN", "en"), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role <> 'manager' or branch_id is not null",
            name=op.f("ck_user_account_manager_has_branch"),
        ),
        sa.CheckConstraint(
            "role <> 'rm' or rm_id is not null", name=op.f("ck_user_account_rm_has_book")
        ),
        sa.ForeignKeyConstraint(
            ["branch_id"], ["branch.id"], name=op.f("fk_user_account_branch_id_branch")
        ),
        sa.ForeignKeyConstraint(["rm_id"], ["rm.id"], name=op.f("fk_user_account_rm_id_rm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    with op.batch_alter_table("user_account") as batch:
        batch.create_index(batch.f("ix_user_account_rm_id"), ["rm_id"], unique=False)

    op.create_table(
        "web_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_web_session_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_session")),
    )
    with op.batch_alter_table("web_session") as batch:
        batch.create_index(batch.f("ix_web_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "sign_in_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "scope in ('account', 'address')", name=op.f("ck_sign_in_failure_scope")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failure")),
    )
    with op.batch_alter_table("sign_in_failure") as batch:
        batch.create_index(
            "ix_sign_in_failure_scope_key", ["scope", "key", "failed_at"], unique=False
        )

    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_api_token_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    with op.batch_alter_table("api_token") as batch:
        batch.create_index(batch.f("ix_api_token_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    for table in ("api_token", "web_session"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(batch.f(f"ix_{table}_user_id"))
        op.drop_table(table)
    with op.batch_alter_table("sign_in_failure") as batch:
        batch.drop_index("ix_sign_in_failure_scope_key")
    op.drop_table("sign_in_failure")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_index(batch.f("ix_user_account_rm_id"))
    op.drop_table("user_account")
