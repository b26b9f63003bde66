"""Each component of a store declares its own tables; the core applies them.

A component (the core's contract tables, provenance's index, the stories index, quotation
groups, full-text search) registers a :class:`Schema` when its module is imported: its
migrations in order, each a SQL script run once per file, in its own transaction, and
recorded in the ``migrations`` table by component and name (as sqlite-migrate keeps its
``_sqlite_migrations``). :meth:`Store.migrate <newsloom.store.Store.migrate>` applies every
schema registered so far, the core's first; a component imported after a store was opened
applies its own the first time it opens its tables there (:class:`Tables`). Migrations are
only ever appended: one that has run is never edited, since files keep what it did.

Before components kept their own, one numbered list held every migration and ``PRAGMA
user_version`` counted those a file had (1 to 12). Each of them keeps its number here as
``legacy``: in a file written then, those numbered up to its ``user_version`` count as
applied. New files keep ``user_version`` at 0, so there the numbers never count.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from newsloom.store.core import Store

LEDGER = ("CREATE TABLE IF NOT EXISTS migrations (component TEXT NOT NULL, name TEXT NOT NULL,"
          " applied_at TEXT NOT NULL, PRIMARY KEY (component, name))")


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str  # statements separated by ";" (a trigger's body may hold its own)
    legacy: int = 0  # its number in the single list of old (see the module docstring); 0: none


@dataclass(frozen=True)
class Schema:
    component: str
    migrations: tuple[Migration, ...]


_REGISTRY: dict[str, Schema] = {}


def register(component: str, *migrations: Migration) -> Schema:
    """Declare ``component``'s tables: its migrations, oldest first."""
    schema = Schema(component, migrations)
    if len({m.name for m in migrations}) != len(migrations):
        raise ValueError(f"schema {component!r} names two migrations alike")
    if _REGISTRY.setdefault(component, schema) != schema:  # a re-import registers the same again
        raise ValueError(f"schema {component!r} is registered twice")
    return _REGISTRY[component]


_COMMENT_RE = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)  # what is left after a script's last statement


def statements(sql: str) -> Iterator[str]:
    """The statements of a migration's script, one at a time (a transaction holds them all,
    which ``executescript`` would commit): split at each ";" that ends a whole statement."""
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _COMMENT_RE.sub("", pending).strip(" \r\n\t;"):
                yield pending
            pending = ""
    if _COMMENT_RE.sub("", pending).strip(" \r\n\t;"):
        raise ValueError(f"an unfinished statement in a migration: {pending.strip()[:60]!r}")


def registered() -> list[Schema]:
    """Every schema registered so far, in the order registered."""
    return list(_REGISTRY.values())


def pending(conn: sqlite3.Connection, schema: Schema) -> list[Migration]:
    """The migrations of ``schema`` this file has not had yet."""
    legacy = int(conn.execute("PRAGMA user_version").fetchone()[0])
    done: set[str] = set()
    # the ledger is made with the first migration it records: an older file that needs none
    # opens without a write (it may sit on read-only media)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone():
        done = {r[0] for r in conn.execute("SELECT name FROM migrations WHERE component=?", (schema.component,))}
    return [m for m in schema.migrations if m.name not in done and not 0 < m.legacy <= legacy]


class Tables:
    """A component's tables in one store (as sqlite-utils' ``Table`` wraps one table): a
    subclass names its :class:`Schema`, which is applied to the store on first use."""

    schema: ClassVar[Schema]

    def __init__(self, store: Store) -> None:
        store.ensure(self.schema)
        self.store = store
        self.conn = store.conn
