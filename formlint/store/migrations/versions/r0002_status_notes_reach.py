"""Status notes per form (in progress + comment) and imported reach (page views).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.Integer, sa.ForeignKey("forms.id"), nullable=False),
        sa.Column("in_progress", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("author", sa.String(500), nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_status_notes_form", "status_notes", ["form_id"])
    op.create_table(
        "reach",
        sa.Column("url", sa.String(2048), primary_key=True),
        sa.Column("path", sa.String(2048), nullable=False),
        sa.Column("views", sa.BigInteger, nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("imported_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_reach_path", "reach", ["path"])


def downgrade() -> None:
    op.drop_table("reach")
    op.drop_table("status_notes")
