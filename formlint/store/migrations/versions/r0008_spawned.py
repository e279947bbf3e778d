"""Documents keep the URLs their page was the first to request (``spawned``, newline-joined):
a killed scan resumes from its done pages' spawned URLs instead of fetching every done page
again for its links (the links column holds targets normalised, which cannot name a URL with
a query or a trailing slash exactly). NULL for pages stored before.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("spawned", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "spawned")
