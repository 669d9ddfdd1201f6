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

import datetime as dt
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

# Fields whose values the driver takes as they are (str, int, bool, None; a foreign key's id):
# `get_db_prep_save` would only hand them back. The others (JSON, dates, moments) are prepared.
_AS_GIVEN = (models.CharField, models.IntegerField, models.BooleanField, models.ForeignKey)

Prepare = Callable[[Any, Any], Any] | None  # (value, connection); None: the value as it is


@cache
def _statement(
    model: type[models.Model], vendor: str, unless: str | None = None
) -> tuple[str, tuple[tuple[str, Prepare, Callable[[], Any]], ...]]:
    meta = model._meta
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    mark = "?" if vendor == "sqlite" else "%s"  # the driver's own parameter style
    conflict = f" ON CONFLICT ({quote(meta.get_field(unless).column)}) DO NOTHING" if unless else ""
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join([mark] * len(fields))}){conflict} RETURNING {quote(meta.pk.column)}"
    )
    return sql, tuple((f.attname, _preparer(f), f.get_default) for f in fields)


def _preparer(field: models.Field) -> Prepare:
    """How `save()` prepares this field's usual values, without its generic steps (about half
    of an insert's Python time in bench/intake.py); anything else goes the whole way."""
    if isinstance(field, _AS_GIVEN):
        return None
    whole = field.get_db_prep_save
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def json_value(value: Any, db: Any) -> Any:
            if type(value) in (dict, list):
                return db.ops.adapt_json_value(value, encoder)
            return whole(value, db)

        return json_value
    if isinstance(field, models.DateTimeField):

        def moment(value: Any, db: Any) -> Any:
            if type(value) is dt.datetime and value.utcoffset() is not None:
                return db.ops.adapt_datetimefield_value(value)
            return whole(value, db)  # naive: Django warns, as save() does

        return moment
    if isinstance(field, models.DateField):

        def day(value: Any, db: Any) -> Any:
            if value is None or type(value) is dt.date:
                return db.ops.adapt_datefield_value(value)
            return whole(value, db)

        return day
    return whole


def insert(
    model: type[models.Model], values: Mapping[str, Any], db: Any = None, unless: str | None = None
) -> int | None:
    """Insert one row (fields by attname; the others take their defaults); its primary key.

    Only inside `transaction.atomic()`: the row commits or rolls back with the caller's. `db`:
    the default connection, when the caller has it already. With `unless` (a unique field), a
    row whose value of it is taken is not inserted and None is returned, without an error that
    would abort the transaction.
    """
    db = connections[DEFAULT_DB_ALIAS] if db is None else db
    if not db.in_atomic_block:
        raise RuntimeError("insert() runs inside transaction.atomic() only")
    sql, fields = _statement(model, db.vendor, unless)
    params = []
    for attname, prepare, default in fields:
        value = values[attname] if attname in values else default()
        params.append(value if prepare is None else prepare(value, db))
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
