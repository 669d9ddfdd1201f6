"""A persistent connection is checked by looking at its socket, not by asking the server.

With `CONN_HEALTH_CHECKS`, Django sends `SELECT 1` before the first query of every request that
uses the database: one round trip of a booking's sixteen, on a database server that shares the
cores (each round trip waits for both processes to be scheduled). What that check is for is a
connection the server has dropped, above all after PostgreSQL stopped or restarted: the server
then says so (an error, `57P01` on a shutdown) and closes the socket, and both leave the idle
socket readable. So an idle connection whose socket has nothing to read is used as it is; one
that has something, or is not idle, gets Django's own check (`SELECT 1`, which reads what
arrived), and is closed and replaced when it fails: the first request after the database comes
back is answered, not given a 503. A connection the server dropped without a word (a cut cable)
shows nothing on its socket; its request fails with the 503 of a database down, and Django closes
it at the end of that request, as it does for any connection after an error.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self) -> None:
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not self._quiet() and not self.is_usable():
            self.close()
        self.health_check_done = True

    def _quiet(self) -> bool:
        """Idle, open, and nothing arrived unasked: no reason to doubt the connection."""
        from psycopg import OperationalError, pq

        conn = self.connection
        if conn.closed or conn.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return False
        try:
            readable, _, _ = select.select([conn.pgconn.socket], [], [], 0)
        except (OSError, ValueError, OperationalError):  # the socket is gone
            return False
        return not readable
