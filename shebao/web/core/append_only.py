"""Tables the database itself keeps append-only: a migration operation that adds row triggers
refusing UPDATE and DELETE (SQLite and PostgreSQL).

Row triggers fire on UPDATE and DELETE only, so appending costs nothing more. PostgreSQL's
TRUNCATE fires no row trigger: the test runner's flush still empties the table there.
Migrations import `append_only`, so its name and its SQL must stay as they are.
"""

from __future__ import annotations

from django.db import migrations


def append_only(table: str) -> migrations.RunPython:
    """The operation that makes `table` append-only, and its undoing."""
    message = f"{table} is append-only"
    create = {
        "sqlite": [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ],
        "postgresql": [
            f"""CREATE FUNCTION {table}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{message}'; END $$""",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse()",
        ],
    }
    drop = {
        "sqlite": [f"DROP TRIGGER {table}_no_update", f"DROP TRIGGER {table}_no_delete"],
        "postgresql": [
            f"DROP TRIGGER {table}_append_only ON {table}",
            f"DROP FUNCTION {table}_refuse()",
        ],
    }
    return migrations.RunPython(_run(create), _run(drop))


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run
