"""Full-text search over articles and quotes, for the web app (FTS5).

The index rows are keyed by the source table's rowid and brought in step by
:meth:`Search.refresh` (the app calls it at start and when a search finds new rows; no
triggers, so an analysis never pays for it). A store the app may not write, and that has
no index yet, is searched with ``LIKE`` instead.
"""

from __future__ import annotations

import re
from typing import Any

from newsloom.store import Migration, Tables, register

SCHEMA = register(
    "search",
    Migration("fts5", """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, site, tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        speaker, text, tokenize='unicode61 remove_diacritics 2'
    )
    """, legacy=3),
)
_FTS = {"articles_fts": ("articles", "title, text, site"), "quotes_fts": ("quotes", "speaker, text")}
Hits = dict[str, list[dict[str, Any]]]


class Search(Tables):
    """``articles_fts`` and ``quotes_fts``, and the searches over them."""

    schema = SCHEMA

    def available(self) -> bool:
        """Whether this file has the full-text tables (a read-only store may lack them)."""
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles_fts'").fetchone()
        return row is not None

    def stale(self) -> bool:
        """Whether rows were added to or removed from articles/quotes since the last refresh."""
        for fts, (table, _) in _FTS.items():
            q = "SELECT count(*), coalesce(max(rowid), 0) FROM {}"
            if tuple(self.conn.execute(q.format(fts)).fetchone()) != tuple(
                self.conn.execute(q.format(table)).fetchone()
            ):
                return True
        return False

    def refresh(self) -> None:
        """Bring the full-text index in step with the articles and quotes tables (incremental)."""
        with self.store.transaction() as c:
            for fts, (table, cols) in _FTS.items():
                c.execute(f"DELETE FROM {fts} WHERE rowid NOT IN (SELECT rowid FROM {table})")
                c.execute(
                    f"INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM {table}"
                    f" WHERE rowid NOT IN (SELECT rowid FROM {fts})"
                )

    def query(self, query: str, limit: int = 50) -> Hits:
        """Articles and quotes matching every word of ``query`` (prefixes too), best first.

        Returns ``{"articles": [{id, title, site, snippet}], "quotes": [{id, article_id,
        speaker, snippet}]}``; snippets mark hits with U+E000 … U+E001.
        """
        words = [w.replace('"', '""') for w in query.split() if w.strip('"')]
        if not words:
            return {"articles": [], "quotes": []}
        match = " ".join(f'"{w}"*' for w in words)
        mark = ("\ue000", "\ue001", "…", 14)
        articles = self.conn.execute(
            "SELECT a.id, a.title, a.site, snippet(articles_fts, 1, ?, ?, ?, ?) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (*mark, match, limit),
        )
        quotes = self.conn.execute(
            "SELECT q.id, q.article_id, q.speaker, snippet(quotes_fts, 1, ?, ?, ?, ?) AS snippet"
            " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
            " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?",
            (*mark, match, limit),
        )
        return {"articles": [dict(r) for r in articles], "quotes": [dict(r) for r in quotes]}

    def like(self, query: str, limit: int) -> Hits:
        """Articles whose title or text holds ``query``, for a store without the full-text tables."""
        pattern = f"%{query.strip()}%"
        rows = self.conn.execute("SELECT id, title, site, text FROM articles WHERE title LIKE ? OR text LIKE ?"
                                 " LIMIT ?", (pattern, pattern, limit))
        hits = []
        for r in rows:
            m = re.search(re.escape(query.strip()), r["text"], re.I)
            at = m.start() if m else 0
            hits.append({"id": r["id"], "title": r["title"], "site": r["site"],
                         "snippet": r["text"][max(0, at - 80): at + 120]})
        return {"articles": hits, "quotes": []}
