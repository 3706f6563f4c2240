"""Alembic environment of the reference server's PostgreSQL schema: always run on the
connection the server hands over (``config.attributes["connection"]``)."""

from alembic import context

context.configure(connection=context.config.attributes["connection"], target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
