"""Errors a person can act on: each carries a message written for the user, not a traceback."""


class ShebaoError(Exception):
    """Base class: the message is shown to the user as it is."""


class InputError(ShebaoError, ValueError):
    """Bad input from a user (CLI argument, API field); adapters map it to exit 2 / HTTP 422."""


class UnknownItemError(InputError, LookupError):
    """An item number that is not in the catalog."""


class DataError(ShebaoError):
    """A data file under shebao/data is malformed; raised at load time, never half-loaded."""


def echo(value: object, limit: int = 40) -> str:
    """User input made safe to repeat in a message: no control characters, at most `limit` chars.

    >>> echo("a\\x1b[31mred")
    'a[31mred'
    >>> echo("9" * 100, limit=5)
    '99999…'
    """
    text = "".join(ch for ch in str(value) if ch.isprintable())
    return text if len(text) <= limit else text[:limit] + "…"
