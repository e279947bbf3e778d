"""Indexes for re-scans: reusing an unchanged page copies its forms (by document) and its
outgoing links (by run and source URL); without these, every copy scanned whole tables and a
re-scan grew quadratically with the site.

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
    op.create_index("ix_links_run_src", "links", ["run_id", "src_url"])


def downgrade() -> None:
    op.drop_index("ix_links_run_src", table_name="links")
    op.drop_index("ix_form_pages_document", table_name="form_pages")
