"""Index form_pages by document: reusing an unchanged page's forms on a re-scan looks them up by
document, and without the index every lookup scanned the whole table (quadratic re-scans).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_form_pages_document", "form_pages", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_form_pages_document", table_name="form_pages")
