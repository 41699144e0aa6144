"""Alembic's environment for the project database (run by bot/db/migrate.py, never by hand).

bot/db/migrate.py passes an open connection in ``config.attributes["connection"]``, inside the transaction it
holds (and under its lock); the migrations run on it and the caller commits. Without one (a developer writing a
new revision with ``alembic.command.revision(migrate.make_config(), ..., autogenerate=True)``), the database of
``DATABASE_URL`` is used. Offline (``--sql``) mode is not supported.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from bot.db.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite's ALTER TABLE is limited: copy-and-move
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from bot.db.engine import database_url

    engine = create_engine(database_url(), future=True)
    try:
        with engine.begin() as own:
            _run(own)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported for the project database")
run_migrations_online()
