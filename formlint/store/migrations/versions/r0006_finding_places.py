"""Findings keep their further places: a finding can stand for several places (a statutory term
recorded once per form, a string and its translations, the fields of a parent field set), and
the store keeps them with it instead of dropping them (``places``, JSON; NULL for the common
finding with one place).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("findings", sa.Column("places", sa.JSON, nullable=True))


def downgrade() -> None:
    op.drop_column("findings", "places")
