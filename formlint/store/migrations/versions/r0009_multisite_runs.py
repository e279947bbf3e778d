"""Multi-site runs: one ``formlint scan`` of many sites, and the state of each of its sites, so
that the same run started again finishes only the sites it had not finished.

Numbered 0008 after issue 18's 0007 (owner origins), which it does not touch; it revises 0006
until that lands.

Revision ID: 0009
Revises: 0008
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
        "multisite_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", sa.String(40), nullable=False),
        sa.Column("finished_at", sa.String(40), nullable=True),
        sa.Column("state", sa.String(16), nullable=False, server_default="running"),
    )
    op.create_table(
        "multisite_sites",
        sa.Column(
            "multisite_run_id",
            sa.Integer,
            sa.ForeignKey("multisite_runs.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("site", sa.String(500), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("config_path", sa.Text, nullable=False),
        sa.Column("config_hash", sa.String(128), nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="queued"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=True),
        sa.Column("started_at", sa.String(40), nullable=True),
        sa.Column("finished_at", sa.String(40), nullable=True),
        sa.Column("summary", sa.JSON, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("multisite_sites")
    op.drop_table("multisite_runs")
