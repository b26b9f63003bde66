"""The stories stage's tables: each story's running features (its centroid, article count
and dates), the inverted index of story terms, and the corpus's document frequencies."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsloom.store import Migration, Tables, register

SCHEMA = register(
    "stories",
    Migration("features and terms", """
    CREATE TABLE story_features (story_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE story_terms (term TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (term, story_id));
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
    CREATE TABLE corpus_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL)
    """, legacy=4),
)


class StoryIndex(Tables):
    """Story features and terms (``story_features``, ``story_terms``), and how many documents
    hold each term (``term_df``) out of how many (``corpus_stats``)."""

    schema = SCHEMA

    def candidates(self, terms: list[str], limit: int) -> list[str]:
        """Stories sharing the most of these terms, best first (few terms: one query)."""
        if not terms:
            return []
        rows = self.conn.execute(
            f"SELECT story_id, count(*) AS n FROM story_terms WHERE term IN ({','.join('?' * len(terms))})"
            " GROUP BY story_id ORDER BY n DESC LIMIT ?", (*terms, limit))
        return [r[0] for r in rows]

    def features(self, story_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT data FROM story_features WHERE story_id=?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def save(self, story_id: str, features: dict[str, Any], terms: list[str]) -> None:
        """A story's running features, and its index terms (added to those it has)."""
        with self.store.transaction() as c:
            c.execute("INSERT OR REPLACE INTO story_features (story_id, data) VALUES (?,?)",
                      (story_id, json.dumps(features)))
            c.executemany("INSERT OR IGNORE INTO story_terms (term, story_id) VALUES (?,?)",
                          [(t, story_id) for t in terms])

    def dfs(self, terms: Iterable[str]) -> dict[str, int]:
        return {r[0]: r[1] for r in self.store.select_in("SELECT term, df FROM term_df", "term", terms)}

    def add_dfs(self, dfs: dict[str, int], docs: int) -> None:
        """Count ``docs`` more documents, and ``dfs[t]`` more documents holding each term."""
        with self.store.transaction() as c:
            c.executemany("INSERT INTO term_df (term, df) VALUES (?, ?)"
                          " ON CONFLICT(term) DO UPDATE SET df=df+excluded.df", list(dfs.items()))
            c.execute("INSERT INTO corpus_stats (name, value) VALUES ('docs', ?)"
                      " ON CONFLICT(name) DO UPDATE SET value=value+excluded.value", (docs,))

    def docs(self) -> int:
        row = self.conn.execute("SELECT value FROM corpus_stats WHERE name='docs'").fetchone()
        return int(row[0]) if row else 0
