"""Errors of the stored state, beside the core's InputError: the API answers them with 409."""

from __future__ import annotations

from shebao.errors import InputError


class Conflict(InputError):
    """The request is well-formed but clashes with what is stored (a name taken, a case closed)."""
