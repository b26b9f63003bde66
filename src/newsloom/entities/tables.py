"""The entity stage's table: every stored entity's blocking keys (``entity_keys``), so that
folding an article in reads the entities its names could join, not the whole corpus's."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping

from newsloom.model import Entity
from newsloom.store import CHUNK, Migration, Store, Tables, register

SCHEMA = register(
    "entities",
    # entity_keys_todo lists the entities to key on first use: a store's from before the table,
    # and any written since by other means than the entity stage (which keys its own at once)
    Migration("keys", """
    CREATE TABLE entity_keys (key TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (key, entity_id)) WITHOUT ROWID;
    CREATE INDEX entity_keys_entity ON entity_keys(entity_id);
    CREATE TABLE entity_keys_todo AS SELECT id FROM entities;
    CREATE INDEX entity_keys_todo_id ON entity_keys_todo(id);
    CREATE TRIGGER entity_keys_todo_new AFTER INSERT ON entities BEGIN
        INSERT INTO entity_keys_todo (id) VALUES (new.id);
    END
    """),
)


class EntityKeys(Tables):
    """The stored entities by blocking key, in store order (their rowid, which a rewrite
    moves to the end, as it moves them in a scan of the table)."""

    schema = SCHEMA

    def __init__(self, store: Store, keys_of: Callable[[Entity], set[str]]) -> None:
        super().__init__(store)
        self.keys_of = keys_of
        if self.conn.execute("SELECT 1 FROM entity_keys_todo LIMIT 1").fetchone():
            self._backfill()

    def _backfill(self) -> None:
        with self.store.transaction() as c:
            ids = list(dict.fromkeys(r[0] for r in c.execute("SELECT id FROM entity_keys_todo")))
            for k in range(0, len(ids), CHUNK):
                self.put(e for _, e in self.load(ids[k : k + CHUNK]))
            c.execute("DELETE FROM entity_keys_todo")

    def ids(self, keys: Iterable[str]) -> set[str]:
        """The ids of the stored entities under any of ``keys``."""
        return {r[0] for r in self.store.select_in("SELECT entity_id FROM entity_keys", "key", keys)}

    def load(self, ids: Iterable[str]) -> list[tuple[int, Entity]]:
        """(rowid, entity) of the stored entities with these ids, in store order."""
        rows = self.store.select_in("SELECT rowid, data FROM entities", "id", ids)
        return sorted((r[0], Entity.from_dict(json.loads(r[1]))) for r in rows)

    def has(self, entity_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM entities WHERE id=?", (entity_id,)).fetchone() is not None

    def last(self) -> int:
        """The rowid of the last stored entity (0 in an empty store)."""
        return int(self.conn.execute("SELECT coalesce(max(rowid), 0) FROM entities").fetchone()[0])

    def put(self, entities: Iterable[Entity], keys: Mapping[str, set[str]] | None = None) -> None:
        """Key these entities anew: by ``keys`` (by id) where given, else by ``keys_of``."""
        with self.store.transaction() as c:
            for e in entities:
                c.execute("DELETE FROM entity_keys_todo WHERE id=?", (e.id,))
                c.execute("DELETE FROM entity_keys WHERE entity_id=?", (e.id,))
                own = keys[e.id] if keys is not None and e.id in keys else self.keys_of(e)
                c.executemany("INSERT INTO entity_keys (key, entity_id) VALUES (?,?)", [(k, e.id) for k in own])

    def drop(self, ids: Iterable[str]) -> None:
        with self.store.transaction() as c:
            c.executemany("DELETE FROM entity_keys WHERE entity_id=?", [(i,) for i in ids])
