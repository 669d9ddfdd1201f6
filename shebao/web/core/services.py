"""Whether the service can answer: the database reachable, the data versions in use."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DatabaseError, connection

from shebao.runtime import Runtime


@dataclass(frozen=True, slots=True)
class Health:
    database: bool
    guide_version: str
    parameters_version: str

    @property
    def ok(self) -> bool:
        return self.database


def health(rt: Runtime) -> Health:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        reachable = True
    except DatabaseError:
        reachable = False
        connection.close_if_unusable_or_obsolete()
    return Health(reachable, rt.guide.version, rt.parameters.version)
