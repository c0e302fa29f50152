"""Which numbers can be row ids: checked before any query, so the driver never sees one it cannot bind.

The id columns are SQLAlchemy ``Integer``: 64-bit on SQLite, 32-bit ``INTEGER`` on
PostgreSQL. A number outside 1..max is not an error of the database but an id
that names nothing, so it gets the same NotFoundError (HTTP 404, exit 2) as an
unknown id, instead of an OverflowError or NumericValueOutOfRange from the driver.
"""

from __future__ import annotations

import sqlalchemy as sa

from loopcoach.errors import NotFoundError

SQLITE_MAX = 2**63 - 1
POSTGRES_INTEGER_MAX = 2**31 - 1


def max_id(engine: sa.Engine) -> int:
    """The largest value the store's INTEGER columns hold on this engine's database."""
    return POSTGRES_INTEGER_MAX if engine.dialect.name == "postgresql" else SQLITE_MAX


def check_id(value: object, what: str, largest: int) -> int:
    """Return ``value`` when it is a possible id (1..largest); otherwise NotFoundError, like an unknown id."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise NotFoundError(f"There is no {what} with the id {str(value)[:40]!r}.")
    if not 1 <= value <= largest:
        if abs(value) >= 10**40:
            raise NotFoundError(f"There is no {what} number that large (ids go up to {largest:,}).")
        raise NotFoundError(f"There is no {what} number {value}.")
    return value
