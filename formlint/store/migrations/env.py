"""Alembic environment: always run by :class:`formlint.store.Store` on an open connection."""

from __future__ import annotations

from alembic import context

from formlint.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # the store always passes one
    raise RuntimeError(
        "formlint migrations run through formlint.store.Store(url), not the alembic CLI"
    )

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
