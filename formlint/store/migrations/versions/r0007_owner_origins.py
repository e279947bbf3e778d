"""Owner units per origin: a crawl config's owners (``crawl:<site>``, recorded with each scan and
by ``formlint owners sync``) beside formlint.yml's (``config``), so that syncing one never
deletes the other and every report of a site finds its units in the store.

The table is rebuilt (a unit name was unique on its own, in an unnamed constraint that SQLite
cannot drop); its rows are kept as ``config`` owners, where they all came from.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "owner_units_new",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("origin", sa.String(500), nullable=False, server_default="config"),
        sa.Column("unit", sa.String(500), nullable=False),
        sa.Column("patterns", sa.JSON, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("origin", "unit", name="uq_owner_units_origin_unit"),
    )
    op.execute(
        # ids are left to the new table (copying them would leave PostgreSQL's sequence behind)
        "INSERT INTO owner_units_new (origin, unit, patterns, position) "
        "SELECT 'config', unit, patterns, position FROM owner_units ORDER BY position, id"
    )
    op.drop_table("owner_units")
    op.rename_table("owner_units_new", "owner_units")


def downgrade() -> None:
    op.create_table(
        "owner_units_old",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit", sa.String(500), nullable=False, unique=True),
        sa.Column("patterns", sa.JSON, nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    op.execute(
        "INSERT INTO owner_units_old (unit, patterns, position) "
        "SELECT unit, patterns, position FROM owner_units WHERE origin = 'config' "
        "ORDER BY position, id"
    )
    op.drop_table("owner_units")
    op.rename_table("owner_units_old", "owner_units")
