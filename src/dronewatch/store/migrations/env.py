"""Alembic environment, driven from code (`dronewatch.store.db.upgrade`); no alembic.ini.

The caller passes an open SQLAlchemy connection in `config.attributes["connection"]`.
"""

from alembic import context

from dronewatch.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
