"""The SQLite store: one file holds every article, result and rejection of a corpus.

Plain tables with plain columns (so the file opens in datasette or the ``sqlite3`` shell),
plus a ``data`` JSON column holding each record's full contract form. WAL journaling lets
readers (``newsloom serve``, datasette) work while an analysis writes. The schema evolves
by numbered migrations tracked in ``PRAGMA user_version``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from newsloom.model import (
    Article,
    Derivation,
    Entity,
    Mention,
    Quote,
    Rejection,
    Result,
    Role,
    Story,
)

CACHE_KIB = 64 * 1024  # page cache per connection (PRAGMA cache_size)
#: the most of the file a connection maps (PRAGMA mmap_size: address space, not memory;
#: SQLite caps it at its build's limit, 2 GB in most)
MMAP_BYTES = 2 << 30
#: articles a corpus stage writes per transaction. A batch's index rows land on pages
#: scattered over B-trees that grow with the corpus, so the pages written per article fall
#: as the batch grows: with 50k articles stored, 92 pages (provenance) and 42 (stories) per
#: new article in batches of 200, 27 and 19 in batches of 1,000.
BATCH = 2000
#: a quotation's ``same_as`` (SQL over ``quotes q``): the other members of its group quoted by
#: other articles, in store order, as a JSON array. It is read off the group, never stored, so a
#: quotation carried by a thousand outlets is a thousand rows, not a million links; a row stored
#: before groups existed (no ``grp``) keeps the list it was saved with.
SAME_AS_SQL = ("CASE WHEN q.grp IS NULL THEN coalesce(json_extract(q.data, '$.same_as'), '[]') ELSE"
               " (SELECT json_group_array(o.id) FROM (SELECT o.id FROM quotes o WHERE o.grp = q.grp"
               " AND o.article_id != q.article_id ORDER BY o.rowid) o) END")
_QUOTE_ROWS = f"SELECT q.rowid AS n, q.data, {SAME_AS_SQL} AS same_as FROM quotes q"

MIGRATIONS: list[str] = [
    # 1: the foundation.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT, byline TEXT, published TEXT, site TEXT, url TEXT, dateline TEXT,
        credited_source TEXT, language TEXT,
        text TEXT NOT NULL,
        data TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE INDEX articles_site ON articles(site);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE removed_lines (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        line INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL
    );
    CREATE INDEX removed_lines_article ON removed_lines(article_id);
    CREATE TABLE rejections (
        source TEXT PRIMARY KEY, code TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL);
    CREATE TABLE mentions (
        entity_id TEXT NOT NULL, article_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE TABLE quotes (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL, text TEXT NOT NULL,
        start INTEGER, "end" INTEGER, speaker TEXT, speaker_entity_id TEXT, kind TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE derivations (
        derived_id TEXT NOT NULL, source_id TEXT NOT NULL, kind TEXT NOT NULL,
        credited INTEGER NOT NULL, score REAL, data TEXT NOT NULL,
        PRIMARY KEY (derived_id, source_id)
    );
    CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, data TEXT NOT NULL);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (story_id, article_id)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
        inputs INTEGER DEFAULT 0, added INTEGER DEFAULT 0, unchanged INTEGER DEFAULT 0,
        rejected INTEGER DEFAULT 0
    );
    """,
    # 2: corpus stages work through pending articles, so a killed run's articles are not skipped.
    """
    ALTER TABLE articles ADD COLUMN corpus_done INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_pending ON articles(corpus_done) WHERE corpus_done = 0;
    """,
    # 3 (web): full-text search over articles and quotes; rows are keyed by the source table's
    # rowid and kept in step by Store.refresh_search (the web app calls it; no triggers).
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, site, tokenize='unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        speaker, text, tokenize='unicode61 remove_diacritics 2'
    )
    """,
    # 4: provenance and stories — the persistent LSH index, outlet keys, external sources,
    # and the running story features that make both stages incremental.
    """
    CREATE TABLE lsh (key INTEGER NOT NULL, article INTEGER NOT NULL);
    CREATE INDEX lsh_key ON lsh(key);
    CREATE TABLE lsh_size (key INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TABLE lsh_indexed (article_id TEXT PRIMARY KEY);
    CREATE TABLE outlet_keys (key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (key, article_id));
    CREATE TABLE external_sources (id TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE story_features (story_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE story_terms (term TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (term, story_id));
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
    CREATE TABLE corpus_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL)
    """,
    # 5: stories look up the copies of an article by their source.
    """
    CREATE INDEX derivations_source ON derivations(source_id)
    """,
    # 6: quotations matched across outlets as groups (``same_as`` is read off the group, so a
    # quotation carried by a thousand outlets costs a thousand rows, not a million links);
    # each distinct wording is indexed once by its word trigrams for incremental matching.
    """
    ALTER TABLE quotes ADD COLUMN grp TEXT;
    ALTER TABLE quotes ADD COLUMN form_id TEXT;
    CREATE INDEX quotes_grp ON quotes(grp);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);
    CREATE TABLE quote_forms (
        id TEXT PRIMARY KEY, form TEXT NOT NULL, grp TEXT NOT NULL, rep TEXT NOT NULL,
        n INTEGER NOT NULL, first_quote TEXT NOT NULL
    );
    CREATE TABLE quote_grams (gram INTEGER NOT NULL, form_id TEXT NOT NULL);
    CREATE INDEX quote_grams_gram ON quote_grams(gram)
    """,
    # 7: each indexed article keeps its provenance profile (sentences with their words,
    # numbers and names), so a candidate found years later is not re-read.
    """
    ALTER TABLE lsh_indexed ADD COLUMN profile BLOB
    """,
    # 8: the LSH index covers (key, article), so a query's counts come from the index alone
    # (2-3x faster on full buckets than a table lookup per row).
    """
    CREATE INDEX lsh_key_article ON lsh(key, article);
    DROP INDEX lsh_key
    """,
    # 9: the outlets each indexed article credits or cites, so that a new article finds the
    # earlier ones that retold its passages under its name.
    """
    CREATE TABLE cited_keys (key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (key, article_id))
    """,
    # 10: one row per LSH key holding its bucket (the article rowids, comma-separated), not
    # one row per (key, article): a query reads one row per key instead of counting every
    # member in SQL, so its cost no longer grows with the buckets as the corpus grows.
    """
    CREATE TABLE lsh_buckets (key INTEGER PRIMARY KEY, n INTEGER NOT NULL, ids TEXT NOT NULL);
    INSERT INTO lsh_buckets (key, n, ids) SELECT key, count(*), group_concat(article, ',') FROM lsh GROUP BY key;
    DROP TABLE lsh;
    DROP TABLE lsh_size
    """,
    # 11: story membership and entity mentions looked up by article, quotation wordings by
    # group (every placement asks for the stories of an article's sources and copies, every
    # story digest for the entities of its articles, every matched quotation for its
    # group's wordings; without these each lookup scanned a table that grows with the corpus)
    """
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX quote_forms_grp ON quote_forms(grp)
    """,
    # 12: each quotation with its ``same_as`` read off its group, ``altered`` and its word diff,
    # for tools that read the tables themselves (datasette, the sqlite3 shell).
    f"""
    CREATE VIEW quotes_same_as AS SELECT q.id, q.article_id, q.speaker, q.speaker_entity_id, q.kind, q.text,
        {SAME_AS_SQL} AS same_as, coalesce(json_extract(q.data, '$.altered'), 0) AS altered,
        json_extract(q.data, '$.diff.text') AS diff FROM quotes q
    """,
]


def _quote_row(row: sqlite3.Row) -> dict[str, Any]:
    """A quote's stored data with its ``same_as`` (a row of ``_QUOTE_ROWS``)."""
    return {**json.loads(row["data"]), "same_as": json.loads(row["same_as"])}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A newsloom SQLite file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = "newsloom.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        else:
            self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.row_factory = sqlite3.Row
        # SQLite's default page cache is 2 MB and every page it misses is a read() from the OS:
        # on a store of 100k articles (GBs, most of it the provenance index) one index lookup
        # took 16 ms that way. Mapping the file lets lookups read the OS's cached pages in
        # place; the page cache keeps the B-trees' upper levels (allocated only as used).
        self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self.conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        self.conn.execute("PRAGMA temp_store=MEMORY")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        if not readonly:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply the migrations this file has not seen yet, each in its own transaction."""
        for version, script in enumerate(MIGRATIONS, start=1):
            if self.schema_version >= version:
                continue
            with self.transaction():
                for statement in script.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version={version}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; inside another, joined to it (a stage writes a batch of
        articles in one commit: a commit per article cost more than the writes themselves)."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # Articles -----------------------------------------------------------------------------

    def has_fingerprint(self, fingerprint: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE fingerprint=?", (fingerprint,))
        return row.fetchone() is not None

    def id_taken(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def add_articles(self, articles: list[Article], rejections: list[Rejection]) -> None:
        """Write a batch of articles and rejections atomically."""
        with self.transaction() as c:
            for a in articles:
                c.execute(
                    "INSERT OR IGNORE INTO articles (id, fingerprint, source, title, byline, published,"
                    " site, url, dateline, credited_source, language, text, data, added_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (a.id, a.fingerprint, a.source, a.title, a.byline, a.published, a.site, a.url,
                     a.dateline, a.credited_source, a.language, a.text, json.dumps(a.to_dict()), now()),
                )
                c.executemany(
                    "INSERT INTO removed_lines (article_id, line, text, reason) VALUES (?,?,?,?)",
                    [(a.id, r.line, r.text, r.reason) for r in a.removed],
                )
                c.execute("DELETE FROM rejections WHERE source=?", (a.source,))
            c.executemany(
                "INSERT OR REPLACE INTO rejections (source, code, reason, at) VALUES (?,?,?,?)",
                [(r.source, r.code, r.reason, now()) for r in rejections],
            )

    def pending_ids(self) -> list[str]:
        """Articles the corpus stages have not finished with (this run's, or a killed run's)."""
        rows = self.conn.execute("SELECT id FROM articles WHERE corpus_done = 0 ORDER BY rowid")
        return [r["id"] for r in rows]

    def mark_corpus_done(self, ids: list[str]) -> None:
        with self.transaction() as c:
            c.executemany("UPDATE articles SET corpus_done = 1 WHERE id = ?", [(i,) for i in ids])

    def articles(self) -> list[Article]:
        rows = self.conn.execute("SELECT data FROM articles ORDER BY added_at, rowid")
        return [Article.from_dict(json.loads(r["data"])) for r in rows]

    def count(self, table: str) -> int:
        assert table.isidentifier()
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def rejections(self) -> list[Rejection]:
        rows = self.conn.execute("SELECT source, code, reason FROM rejections ORDER BY source")
        return [Rejection(source=r["source"], code=r["code"], reason=r["reason"]) for r in rows]

    # Runs ---------------------------------------------------------------------------------

    def start_run(self) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO runs (started_at) VALUES (?)", (now(),))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, **counts: int) -> None:
        cols = ", ".join(f"{k}=?" for k in counts if k.isidentifier())
        with self.transaction() as c:
            c.execute(
                f"UPDATE runs SET finished_at=?, {cols} WHERE id=?",
                (now(), *counts.values(), run_id),
            )

    # Corpus-level results (filled by later stages) -----------------------------------------

    def iter_data(self, table: str) -> Iterator[dict[str, Any]]:
        """The contract form of every row of ``table``, streamed (constant memory)."""
        assert table.isidentifier()
        if table == "rejected":
            for r in self.rejections():
                yield r.to_dict()
            return
        if table == "quotes":  # ``same_as`` is read off the groups, not stored (see SAME_AS_SQL)
            yield from map(_quote_row, self.conn.execute(f"{_QUOTE_ROWS} ORDER BY q.rowid"))
            return
        for row in self.conn.execute(f"SELECT data FROM {table} ORDER BY rowid"):
            yield json.loads(row["data"])

    def counts(self) -> dict[str, int]:
        """Rows per contract table, for summaries that must not load the corpus."""
        tables = ("articles", "entities", "quotes", "derivations", "stories", "rejections")
        return {t: self.count(t) for t in tables}

    def _where_in(self, select: str, column: str, values: list[Any], order: str = "",
                  also: tuple[str, list[str]] = ("", [])) -> Iterator[sqlite3.Row]:
        """Rows of ``select … WHERE [also AND] column IN values``, queried 500 values at a time
        (SQLite caps bound parameters); ``order`` applies within each batch. ``also``: a further
        condition and its parameters."""
        cond, params = also
        for k in range(0, len(values), 500):
            part = values[k:k + 500]
            where = f"{cond} AND " if cond else ""
            yield from self.conn.execute(
                f"{select} WHERE {where}{column} IN ({','.join('?' * len(part))}){order}", (*params, *part))

    def _load(self, table: str, cls: Any) -> list[Any]:
        assert table.isidentifier()
        return [cls.from_dict(json.loads(r["data"])) for r in self.conn.execute(f"SELECT data FROM {table}")]

    def result(self) -> Result:
        """Everything in the store, in contract form."""
        return Result(
            articles=self.articles(),
            entities=self._load("entities", Entity),
            quotes=self.quotes(),
            derivations=self._load("derivations", Derivation),
            stories=self._load("stories", Story),
            rejected=self.rejections(),
        )

    # Search -------------------------------------------------------------------------------

    _FTS = {"articles_fts": ("articles", "title, text, site"), "quotes_fts": ("quotes", "speaker, text")}

    def has_search(self) -> bool:
        """Whether this file has the full-text tables (schema 3 or later)."""
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles_fts'").fetchone()
        return row is not None

    def search_is_stale(self) -> bool:
        """Whether rows were added to or removed from articles/quotes since the last refresh."""
        for fts, (table, _) in self._FTS.items():
            q = "SELECT count(*), coalesce(max(rowid), 0) FROM {}"
            if tuple(self.conn.execute(q.format(fts)).fetchone()) != tuple(
                self.conn.execute(q.format(table)).fetchone()
            ):
                return True
        return False

    def refresh_search(self) -> None:
        """Bring the full-text index in step with the articles and quotes tables (incremental)."""
        with self.transaction() as c:
            for fts, (table, cols) in self._FTS.items():
                c.execute(f"DELETE FROM {fts} WHERE rowid NOT IN (SELECT rowid FROM {table})")
                c.execute(
                    f"INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM {table}"
                    f" WHERE rowid NOT IN (SELECT rowid FROM {fts})"
                )

    def search(self, query: str, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
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

    # Provenance and stories ---------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT data FROM articles WHERE id=?", (article_id,)).fetchone()
        return Article.from_dict(json.loads(row["data"])) if row else None

    def articles_by_ids(self, ids: list[str]) -> dict[str, Article]:
        """Articles keyed by id, fetched in batches (SQLite caps bound parameters)."""
        rows = self._where_in("SELECT id, data FROM articles", "id", ids)
        return {r["id"]: Article.from_dict(json.loads(r["data"])) for r in rows}

    def _rowids(self, ids: list[str]) -> dict[str, int]:
        return {r[0]: r[1] for r in self._where_in("SELECT id, rowid FROM articles", "id", ids)}

    def lsh_add(self, entries: dict[str, list[int]], profiles: dict[str, bytes] | None = None,
                cap: int | Callable[[int], int] = 200) -> None:
        """Index each article under its LSH keys (articles are referenced by rowid to stay
        small), with its packed provenance profile when given. A bucket that outgrows ``cap``
        (a number, or one per key) stops growing: it keeps its first ``cap`` articles (the
        earliest: an original is among them) and is marked full with ``n = cap + 1`` (see
        :meth:`lsh_query`); a full bucket is not written again, which at 100k articles is
        most of a batch's band keys."""
        cap_of = cap if callable(cap) else (lambda _k: cap)
        rowids = self._rowids(list(entries)) if entries else {}
        profiles = profiles or {}
        # in key order, the batch's upserts walk the B-tree once instead of once per article
        # (a quarter cheaper at 100k articles, where the tree no longer fits the CPU caches)
        rows = sorted((k, rowids[a]) for a, keys in entries.items() for k in keys)
        with self.transaction() as c:
            c.executemany("INSERT INTO lsh_indexed (article_id, profile) VALUES (?,?)",
                          [(a, profiles.get(a)) for a in entries])
            c.executemany(
                "INSERT INTO lsh_buckets (key, n, ids) VALUES (?1, 1, ?2) ON CONFLICT(key) DO UPDATE"
                " SET n = n + 1, ids = CASE WHEN n < ?3 THEN ids || ',' || excluded.ids ELSE ids END WHERE n <= ?3",
                [(k, str(r), cap_of(k)) for k, r in rows],
            )

    def lsh_profiles(self, ids: list[str]) -> dict[str, bytes]:
        """The packed provenance profiles stored with those of ``ids`` that have one."""
        return {r[0]: r[1] for r in self._where_in("SELECT article_id, profile FROM lsh_indexed",
                                                   "article_id", ids) if r[1] is not None}

    def lsh_indexed(self, ids: list[str]) -> set[str]:
        """Those of ``ids`` already in the LSH index (a rerun must not index twice)."""
        if not ids:
            return set()
        q = f"SELECT article_id FROM lsh_indexed WHERE article_id IN ({','.join('?' * len(ids))})"
        return {r[0] for r in self.conn.execute(q, ids)}

    def lsh_query(self, keys: list[int], max_bucket: int, min_shared: int = 1,
                  groups: Mapping[int, int] | None = None, head: int = 0) -> dict[str, int]:
        """Articles sharing at least ``min_shared`` keys with the query, with how many each shares.

        Buckets holding more than ``max_bucket`` articles (at most :meth:`lsh_add`'s ``cap``)
        are skipped: they come from ubiquitous phrases, say nothing about copying, and would
        make cost grow with the corpus. ``head``: query only those buckets instead, each for
        its first ``head`` articles. ``groups`` (key → group, e.g. the query sentence a key
        came from): count the distinct groups an article shares keys of, not the keys.
        """
        rows = self._where_in("SELECT key, ids FROM lsh_buckets", "key", keys,
                              also=("n > ?" if head else "n <= ?", [max_bucket]))
        buckets = [(k, ",".join(ids.split(",", head)[:head]) if head else ids) for k, ids in rows if ids]
        if not buckets:
            return {}
        ids = np.fromstring(",".join(b for _, b in buckets), dtype=np.int64, sep=",")
        if groups is not None:
            of = np.repeat([groups[k] for k, _ in buckets], [b.count(",") + 1 for _, b in buckets])
            ids = np.unique(np.stack([ids, of]), axis=1)[0]  # one per (article, group)
        rowids, counts = np.unique(ids, return_counts=True)
        keep = counts >= min_shared
        shared = dict(zip(rowids[keep].tolist(), counts[keep].tolist(), strict=True))
        rows = self._where_in("SELECT rowid, id FROM articles", "rowid", list(shared))
        return {r[1]: shared[r[0]] for r in rows}

    def add_outlet_keys(self, pairs: list[tuple[str, str]]) -> None:
        with self.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO outlet_keys (key, article_id) VALUES (?,?)", pairs)

    def articles_of_outlet(self, key: str, limit: int = 1000) -> list[str]:
        rows = self.conn.execute("SELECT article_id FROM outlet_keys WHERE key=? LIMIT ?", (key, limit))
        return [r[0] for r in rows]

    def add_cited_keys(self, pairs: list[tuple[str, str]]) -> None:
        """Record ``(outlet key, article id)``: the article credits or cites that outlet."""
        with self.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO cited_keys (key, article_id) VALUES (?,?)", pairs)

    def outlet_matches(self, keys: AbstractSet[str], ids: list[str], *, citing: bool = False) -> set[str]:
        """Those of ``ids`` published by (``citing``: crediting or citing) an outlet with one
        of the match ``keys``."""
        if not keys or not ids:
            return set()
        table = "cited_keys" if citing else "outlet_keys"
        also = (f"key IN ({','.join('?' * len(keys))})", sorted(keys))
        return {r[0] for r in self._where_in(f"SELECT article_id FROM {table}", "article_id", ids, also=also)}

    def upsert_derivations(self, derivations: list[Derivation]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT OR REPLACE INTO derivations (derived_id, source_id, kind, credited, score, data)"
                " VALUES (?,?,?,?,?,?)",
                [(d.derived_id, d.source_id, d.kind, int(d.credited), d.score, json.dumps(d.to_dict()))
                 for d in derivations],
            )

    def delete_derivations(self, pairs: list[tuple[str, str]]) -> None:
        with self.transaction() as c:
            c.executemany("DELETE FROM derivations WHERE derived_id=? AND source_id=?", pairs)

    def derivations_of(self, derived_id: str) -> list[Derivation]:
        rows = self.conn.execute("SELECT data FROM derivations WHERE derived_id=?", (derived_id,))
        return [Derivation.from_dict(json.loads(r["data"])) for r in rows]

    def derived_from(self, source_id: str) -> list[str]:
        """Articles stored as copies or rewrites of ``source_id``."""
        rows = self.conn.execute("SELECT derived_id FROM derivations WHERE source_id=? AND kind IN ('copy', 'rewrite')",
                                 (source_id,))
        return [r[0] for r in rows]

    def add_external_source(self, source_id: str, name: str) -> None:
        with self.transaction() as c:
            c.execute("INSERT OR IGNORE INTO external_sources (id, name) VALUES (?,?)", (source_id, name))

    def stories_of(self, article_ids: list[str]) -> dict[str, str]:
        """Story id of each given article that has one."""
        if not article_ids:
            return {}
        q = f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({','.join('?' * len(article_ids))})"
        return {r[0]: r[1] for r in self.conn.execute(q, article_ids)}

    def story_candidates(self, terms: list[str], limit: int) -> list[str]:
        """Stories sharing the most of these terms, best first."""
        if not terms:
            return []
        rows = self.conn.execute(
            f"SELECT story_id, count(*) AS n FROM story_terms WHERE term IN ({','.join('?' * len(terms))})"
            " GROUP BY story_id ORDER BY n DESC LIMIT ?", (*terms, limit))
        return [r[0] for r in rows]

    def story_features(self, story_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT data FROM story_features WHERE story_id=?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT data FROM stories WHERE id=?", (story_id,)).fetchone()
        return Story.from_dict(json.loads(row[0])) if row else None

    def save_story(self, story: Story, features: dict[str, Any], terms: list[str],
                   added: list[str] | None = None) -> None:
        """Write a story, its membership (``added``: only these articles are new to it, so
        a story of thousands is not re-listed for each one that joins), its running features
        and its index terms."""
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO stories (id, title, data) VALUES (?,?,?)",
                      (story.id, story.title, json.dumps(story.to_dict())))
            c.executemany("INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?,?)",
                          [(story.id, a) for a in (story.article_ids if added is None else added)])
            c.execute("INSERT OR REPLACE INTO story_features (story_id, data) VALUES (?,?)",
                      (story.id, json.dumps(features)))
            c.executemany("INSERT OR IGNORE INTO story_terms (term, story_id) VALUES (?,?)",
                          [(t, story.id) for t in terms])

    def term_dfs(self, terms: list[str]) -> dict[str, int]:
        return {r[0]: r[1] for r in self._where_in("SELECT term, df FROM term_df", "term", terms)}

    def add_term_dfs(self, dfs: dict[str, int], docs: int) -> None:
        """Count ``docs`` more documents, and ``dfs[t]`` more documents holding each term."""
        with self.transaction() as c:
            c.executemany("INSERT INTO term_df (term, df) VALUES (?, ?)"
                          " ON CONFLICT(term) DO UPDATE SET df=df+excluded.df", list(dfs.items()))
            c.execute("INSERT INTO corpus_stats (name, value) VALUES ('docs', ?)"
                      " ON CONFLICT(name) DO UPDATE SET value=value+excluded.value", (docs,))

    def corpus_docs(self) -> int:
        row = self.conn.execute("SELECT value FROM corpus_stats WHERE name='docs'").fetchone()
        return int(row[0]) if row else 0

    # Entities and quotes ------------------------------------------------------------------

    def articles_by_id(self, ids: list[str]) -> list[Article]:
        """The stored articles with these ids (in store order)."""
        rows = self._where_in("SELECT data FROM articles", "id", ids, " ORDER BY rowid")
        return [Article.from_dict(json.loads(r["data"])) for r in rows]

    def entities(self) -> list[Entity]:
        """Stored entities, their roles and mentions as dataclasses."""
        out = self._load("entities", Entity)
        for e in out:
            e.roles = [r if isinstance(r, Role) else Role.from_dict(r) for r in e.roles]
            e.mentions = [m if isinstance(m, Mention) else Mention.from_dict(m) for m in e.mentions]
        return out

    def quotes(self) -> list[Quote]:
        """Every stored quotation, ``same_as`` read off its group."""
        return [Quote.from_dict(r) for r in self.iter_data("quotes")]

    def quotes_of_speakers(self, entity_ids: list[str]) -> list[Quote]:
        """The quotations attributed to these entities."""
        return [Quote.from_dict(r) for r in self._quote_rows_where("q.speaker_entity_id", entity_ids)]

    def quotes_of_articles(self, article_ids: list[str]) -> list[Quote]:
        """The quotations in these articles."""
        return [Quote.from_dict(r) for r in self._quote_rows_where("q.article_id", article_ids)]

    def quotes_by_ids(self, ids: list[str]) -> list[Quote]:
        """The stored quotations with these ids."""
        return [Quote.from_dict(r) for r in self._quote_rows_where("q.id", ids)]

    def _quote_rows_where(self, column: str, values: list[str]) -> list[dict[str, Any]]:
        """Stored data of the quotes whose ``column`` is one of ``values``, in store order,
        with ``same_as``."""
        rows = self._where_in(_QUOTE_ROWS, column, values)
        return [_quote_row(r) for r in sorted(rows, key=lambda r: r["n"])]

    def save_entities(self, entities: list[Entity]) -> None:
        """Insert or replace entities and their mention rows."""
        with self.transaction() as c:
            for e in entities:
                c.execute("INSERT OR REPLACE INTO entities (id, name, type, data) VALUES (?,?,?,?)",
                          (e.id, e.name, e.type, json.dumps(e.to_dict(), ensure_ascii=False)))
                c.execute("DELETE FROM mentions WHERE entity_id=?", (e.id,))
                c.executemany(
                    'INSERT INTO mentions (entity_id, article_id, start, "end", text) VALUES (?,?,?,?,?)',
                    [(e.id, m.article_id, m.start, m.end, m.text) for m in e.mentions],
                )

    def save_quotes(self, quotes: list[tuple[Quote, dict[str, Any]]]) -> None:
        """Insert or replace quotes; ``data`` keeps the contract fields plus the extras given
        (``diff``, ``split_group``…), merged over what the row held before."""
        with self.transaction() as c:
            for q, extra in quotes:
                old = c.execute("SELECT data, grp, form_id FROM quotes WHERE id=?", (q.id,)).fetchone()
                data = {**(json.loads(old["data"]) if old else {}), **q.to_dict(), **extra}
                data.pop("same_as")  # read off the group (see :meth:`quotes`)
                c.execute(
                    'INSERT OR REPLACE INTO quotes (id, article_id, text, start, "end", speaker,'
                    " speaker_entity_id, kind, data, grp, form_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (q.id, q.article_id, q.text, q.start, q.end, q.speaker, q.speaker_entity_id, q.kind,
                     json.dumps(data, ensure_ascii=False), old["grp"] if old else None,
                     old["form_id"] if old else None),
                )

    def delete_entities(self, ids: list[str]) -> None:
        """Remove entities merged into others, and their mention rows."""
        with self.transaction() as c:
            c.executemany("DELETE FROM entities WHERE id=?", [(i,) for i in ids])
            c.executemany("DELETE FROM mentions WHERE entity_id=?", [(i,) for i in ids])

    # Story digests: summaries, timelines, figures, disagreements, briefs --------------------

    def save_story_digest(self, story: Story) -> None:
        """Rewrite a story's contract row only (its features and index terms are left alone)."""
        with self.transaction() as c:
            c.execute("UPDATE stories SET title=?, data=? WHERE id=?",
                      (story.title, json.dumps(story.to_dict(), ensure_ascii=False), story.id))

    def update_article_dates(self, articles: list[Article]) -> None:
        """Store re-estimated ``dates`` of these articles (the rest of each row is unchanged)."""
        with self.transaction() as c:
            c.executemany("UPDATE articles SET data=? WHERE id=?",
                          [(json.dumps(a.to_dict(), ensure_ascii=False), a.id) for a in articles])

    def quote_rows(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """Full stored data (contract fields plus ``diff``…) of the quotes in these articles."""
        return self._quote_rows_where("q.article_id", article_ids)

    # Quotation groups (see quotes/match.py) ---------------------------------------------

    def quote_form(self, form_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM quote_forms WHERE id=?", (form_id,)).fetchone()

    def quote_forms_sharing(self, gram: int, limit: int) -> list[sqlite3.Row]:
        """Up to ``limit`` wordings indexed under this trigram, with their group's founding wording."""
        return self.conn.execute(
            "SELECT f.id, f.form, f.grp, f.rep, r.form AS rep_form FROM quote_grams g"
            " JOIN quote_forms f ON f.id = g.form_id JOIN quote_forms r ON r.id = f.rep"
            " WHERE g.gram=? LIMIT ?", (gram, limit)).fetchall()

    def add_quote_form(self, form_id: str, form: str, grp: str, rep: str, quote_id: str, grams: list[int]) -> None:
        with self.transaction() as c:
            c.execute("INSERT INTO quote_forms (id, form, grp, rep, n, first_quote) VALUES (?,?,?,?,0,?)",
                      (form_id, form, grp, rep, quote_id))
            c.executemany("INSERT INTO quote_grams (gram, form_id) VALUES (?,?)", [(g, form_id) for g in grams])

    def place_quote(self, quote_id: str, grp: str, form_id: str) -> bool:
        """Put a stored quotation in its group and count its wording; False when it was there."""
        with self.transaction() as c:
            old = c.execute("SELECT grp, form_id FROM quotes WHERE id=?", (quote_id,)).fetchone()
            if old is None or (old["grp"], old["form_id"]) == (grp, form_id):
                return False
            c.execute("UPDATE quotes SET grp=?, form_id=? WHERE id=?", (grp, form_id, quote_id))
            if old["form_id"] is not None:
                c.execute("UPDATE quote_forms SET n = n - 1 WHERE id=?", (old["form_id"],))
            c.execute("UPDATE quote_forms SET n = n + 1 WHERE id=?", (form_id,))
        return True

    def group_forms(self, grp: str) -> list[sqlite3.Row]:
        """A group's wordings in the order they were first seen, with their counts."""
        return self.conn.execute("SELECT id, form, n, first_quote FROM quote_forms WHERE grp=? ORDER BY rowid",
                                 (grp,)).fetchall()

    def group_quotes(self, grp: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT id, text, form_id, data FROM quotes WHERE grp=? ORDER BY rowid",
                                 (grp,)).fetchall()

    def update_quote_data(self, rows: list[tuple[str, dict[str, Any]]]) -> None:
        with self.transaction() as c:
            c.executemany("UPDATE quotes SET data=? WHERE id=?",
                          [(json.dumps(d, ensure_ascii=False), i) for i, d in rows])

    def entities_in(self, article_ids: list[str], mentions: bool = True) -> list[Entity]:
        """Entities mentioned in any of these articles; ``mentions=False`` leaves out their
        mentions (a famous name's run to thousands: a caller that needs names reads far less)."""
        ids = {r[0] for r in self._where_in("SELECT DISTINCT entity_id FROM mentions", "article_id", article_ids)}
        data = "data" if mentions else "json_remove(data, '$.mentions')"
        rows = self._where_in(f"SELECT {data} AS data FROM entities", "id", sorted(ids), " ORDER BY id")
        return [Entity.from_dict(json.loads(r["data"])) for r in rows]

    def find_stories(self, key: str) -> list[Story]:
        """Stories whose id starts with ``key``, else whose title contains it (case-insensitive)."""
        rows = self.conn.execute("SELECT data FROM stories WHERE id LIKE ? ORDER BY id", (key + "%",)).fetchall()
        if not rows:
            rows = self.conn.execute("SELECT data FROM stories WHERE title LIKE ? ORDER BY id",
                                     (f"%{key}%",)).fetchall()
        return [Story.from_dict(json.loads(r["data"])) for r in rows]

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        """A story's stored data as written, extra keys (``paraphrased_in``, ``sources``) included."""
        row = self.conn.execute("SELECT data FROM stories WHERE id=?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None
