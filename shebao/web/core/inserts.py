"""One INSERT per new row, its SQL built once, sent on the driver's cursor (an intake's rows, a
booking's).

Measured with bench/intake.py on SQLite: the ORM's `create()` compiles the INSERT anew each
time (about 0.5 ms for a case's 35 columns) and Django's cursor wrapper adds its own layers;
together they made an intake five times slower than the rows' plain INSERTs. The statement
never changes, so it is built once per model and database, and sent on the driver's cursor
inside the caller's `transaction.atomic()` (Django still begins and commits the transaction).
The values are prepared by each field exactly as `save()` prepares them (JSON, dates, time
zones); the driver's errors are raised as Django's.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

# Fields whose values the driver takes as they are (str, int, bool, None; a foreign key's id):
# `get_db_prep_save` would only hand them back. The others (JSON, dates, moments) are prepared.
_AS_GIVEN = (models.CharField, models.IntegerField, models.BooleanField, models.ForeignKey)


@cache
def _statement(
    model: type[models.Model], vendor: str, unless: str | None
) -> tuple[str, tuple[tuple[Any, bool], ...]]:
    meta = model._meta
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    mark = "?" if vendor == "sqlite" else "%s"  # the driver's own parameter style
    conflict = f" ON CONFLICT ({quote(meta.get_field(unless).column)}) DO NOTHING" if unless else ""
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join([mark] * len(fields))}){conflict} RETURNING {quote(meta.pk.column)}"
    )
    return sql, tuple((f, not isinstance(f, _AS_GIVEN)) for f in fields)


def insert(
    model: type[models.Model], values: Mapping[str, Any], unless: str | None = None
) -> int | None:
    """Insert one row (fields by attname; the others take their defaults); its primary key.

    Only inside `transaction.atomic()`: the row commits or rolls back with the caller's.
    With `unless` (a unique field), a row whose value of it is taken is not inserted and None
    is returned, without an error that would abort the transaction.
    """
    db = connections[DEFAULT_DB_ALIAS]
    if not db.in_atomic_block:
        raise RuntimeError("insert() runs inside transaction.atomic() only")
    sql, fields = _statement(model, db.vendor, unless)
    params = []
    for field, prepare in fields:
        value = values[field.attname] if field.attname in values else field.get_default()
        params.append(field.get_db_prep_save(value, db) if prepare else value)
    cursor = db.connection.cursor()
    try:
        # Django's own translation: IntegrityError, and OperationalError (a full disk, a
        # read-only file, the server gone) that the site answers with 503, not a 500.
        with db.wrap_database_errors:
            cursor.execute(sql, params)
            row = cursor.fetchone()
            return None if row is None else row[0]
    finally:
        cursor.close()
