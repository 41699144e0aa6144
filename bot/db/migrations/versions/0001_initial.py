"""The initial schema: the six tables that ``Base.metadata.create_all`` made before migrations existed.

A database made that way (the tables there, no ``alembic_version``) is stamped with this revision by
bot/db/migrate.py instead of running it, so this revision must keep describing exactly that schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CONVERSATION_TABLES = ("handoff_request", "answer_feedback", "fallback_turn")


def _conversation_columns() -> list[sa.Column]:
    """The columns the three conversation tables share (bot/db/models.py ``_ConversationRow``)."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sender_id", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "facility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("tel", sa.String(length=20), nullable=False),
        sa.Column("fax", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=100), nullable=False),
        sa.Column("opens", sa.String(length=5), nullable=False),
        sa.Column("closes", sa.String(length=5), nullable=False),
        sa.Column("closed_weekday", sa.Integer(), nullable=False),
        sa.Column("year_end_start", sa.String(length=5), nullable=False),
        sa.Column("year_end_end", sa.String(length=5), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "facility_special_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("facility_id", "day", name="uq_special_day_facility_day"),
    )
    op.create_index(op.f("ix_facility_special_day_day"), "facility_special_day", ["day"])
    op.create_table(
        "precheck_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("failed", sa.JSON(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_precheck_record_created_at"), "precheck_record", ["created_at"])
    op.create_index(op.f("ix_precheck_record_verdict"), "precheck_record", ["verdict"])
    op.create_table(
        "handoff_request",
        *_conversation_columns(),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("transcript", sa.JSON(), nullable=False),
        sa.Column("followups", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_handoff_request_status"), "handoff_request", ["status"])
    op.create_table(
        "answer_feedback",
        *_conversation_columns(),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer_key", sa.String(length=200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_answer_feedback_helpful"), "answer_feedback", ["helpful"])
    op.create_table(
        "fallback_turn",
        *_conversation_columns(),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("intent", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for table in CONVERSATION_TABLES:
        for column in ("created_at", "sender_id", "channel"):
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table in reversed(CONVERSATION_TABLES):
        op.drop_table(table)
    op.drop_table("precheck_record")
    op.drop_table("facility_special_day")
    op.drop_table("facility")
