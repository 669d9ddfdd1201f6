"""Errors of the stored state, beside the core's InputError: the API answers them with 409;
and what a person is told when the database cannot be used (503, or the CLI's exit 1)."""

from __future__ import annotations

from shebao.errors import InputError

RETRY_AFTER_SECONDS = 30  # what a 503 tells clients to wait: a restart or failover takes that

# How SQLite and PostgreSQL say that nothing more can be written (a full tmpfs makes SQLite's
# shared-memory file fail as "disk I/O error").
_NOT_WRITABLE = (
    "disk is full", "disk full", "no space", "readonly", "read-only", "read only",
    "disk i/o error",
)  # fmt: skip


class Conflict(InputError):
    """The request is well-formed but clashes with what is stored (a name taken, a case closed)."""


def database_errors() -> tuple[type[Exception], ...]:
    """The errors of a database that cannot be used now, as opposed to a bug in a query.

    OperationalError: no connection, the server gone, a disk full, a read-only file;
    InterfaceError: a connection closed under us. Django is imported only when asked (the
    CLI's own commands run without it).
    """
    from django.db import InterfaceError, OperationalError

    return (OperationalError, InterfaceError)


def cannot_write(exc: BaseException) -> bool:
    """The database answers but cannot store: a full disk, a read-only file or file system."""
    text = str(exc).lower()
    return any(marker in text for marker in _NOT_WRITABLE)


def database_unavailable(exc: BaseException) -> str:
    """What a person is told, in Chinese, without the driver's text (it may name the server).

    >>> database_unavailable(Exception("database or disk is full"))
    '服务暂时无法保存数据：存储空间已满或不可写入，本次提交没有保存，请稍后再试'
    >>> database_unavailable(Exception("connection refused"))
    '服务暂时不可用：数据库无法连接，请稍后再试'
    """
    if cannot_write(exc):
        return "服务暂时无法保存数据：存储空间已满或不可写入，本次提交没有保存，请稍后再试"
    return "服务暂时不可用：数据库无法连接，请稍后再试"
