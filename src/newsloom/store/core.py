"""The core store: the connection, migrations, articles, runs, rejections and contract records.

Plain tables with plain columns (so the file opens in datasette or the ``sqlite3`` shell),
plus a ``data`` JSON column holding each record's full contract form. WAL journaling lets
readers (``newsloom serve``, datasette) work while an analysis writes. The corpus stages
keep their own index tables beside these, declared in their packages (:mod:`.schema`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsloom.model import Article, Derivation, Entity, Quote, Rejection, Result, Story
from newsloom.store.schema import LEDGER, Migration, Schema, pending, register, registered, statements

CACHE_KIB = 64 * 1024  # page cache per connection (PRAGMA cache_size)
#: the most of the file a connection maps (PRAGMA mmap_size: address space, not memory;
#: SQLite caps it at its build's limit, 2 GB in most)
MMAP_BYTES = 2 << 30
#: articles a corpus stage writes per transaction. A batch's index rows land on pages
#: scattered over B-trees that grow with the corpus, so the pages written per article fall
#: as the batch grows: with 50k articles stored, 92 pages (provenance) and 42 (stories) per
#: new article in batches of 200, 27 and 19 in batches of 1,000.
BATCH = 2000
#: values bound per ``IN (…)`` (SQLite caps the parameters of one statement)
CHUNK = 500
#: a quotation's ``same_as`` (SQL over ``quotes q``): the other members of its group quoted by
#: other articles, in store order, as a JSON array. It is read off the group, never stored, so a
#: quotation carried by a thousand outlets is a thousand rows, not a million links; a row stored
#: before groups existed (no ``grp``) keeps the list it was saved with.
SAME_AS_SQL = ("CASE WHEN q.grp IS NULL THEN coalesce(json_extract(q.data, '$.same_as'), '[]') ELSE"
               " (SELECT json_group_array(o.id) FROM (SELECT o.id FROM quotes o WHERE o.grp = q.grp"
               " AND o.article_id != q.article_id ORDER BY o.rowid) o) END")
_QUOTE_ROWS = f"SELECT q.rowid AS n, q.data, {SAME_AS_SQL} AS same_as FROM quotes q"

CORE = register(
    "core",
    Migration("foundation", """
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
    )
    """, legacy=1),
    # corpus stages work through pending articles, so a killed run's articles are not skipped
    Migration("pending articles", """
    ALTER TABLE articles ADD COLUMN corpus_done INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_pending ON articles(corpus_done) WHERE corpus_done = 0
    """, legacy=2),
    # stories look up the copies of an article by their source
    Migration("derivations by source", "CREATE INDEX derivations_source ON derivations(source_id)", legacy=5),
    # each quotation's group (``same_as`` is read off it) and wording (see quotes/tables.py)
    Migration("quotation groups", """
    ALTER TABLE quotes ADD COLUMN grp TEXT;
    ALTER TABLE quotes ADD COLUMN form_id TEXT;
    CREATE INDEX quotes_grp ON quotes(grp);
    CREATE INDEX quotes_speaker ON quotes(speaker_entity_id)
    """, legacy=6),
    # story membership and entity mentions looked up by article (every placement asks for the
    # stories of an article's sources and copies, every story digest for the entities of its
    # articles; without these each lookup scanned a table that grows with the corpus)
    Migration("lookups by article", """
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE INDEX mentions_article ON mentions(article_id)
    """, legacy=11),
    # each quotation with its ``same_as`` read off its group, ``altered`` and its word diff,
    # for tools that read the tables themselves (datasette, the sqlite3 shell)
    Migration("quotes_same_as view", f"""
    CREATE VIEW quotes_same_as AS SELECT q.id, q.article_id, q.speaker, q.speaker_entity_id, q.kind, q.text,
        {SAME_AS_SQL} AS same_as, coalesce(json_extract(q.data, '$.altered'), 0) AS altered,
        json_extract(q.data, '$.diff.text') AS diff FROM quotes q
    """, legacy=12),
)


def _quote_row(row: sqlite3.Row) -> dict[str, Any]:
    """A quote's stored data with its ``same_as`` (a row of ``_QUOTE_ROWS``)."""
    return {**json.loads(row["data"]), "same_as": json.loads(row["same_as"])}


def _article(row: sqlite3.Row) -> Article:
    return Article.from_dict(json.loads(row["data"]))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A newsloom SQLite file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = "newsloom.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._ready: set[str] = set()  # components whose schema this connection has applied
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

    # Schema -------------------------------------------------------------------------------

    def migrate(self) -> None:
        """Apply the migrations of every registered component this file lacks, the core's first."""
        for schema in [CORE, *(s for s in registered() if s is not CORE)]:
            self.ensure(schema)

    def ensure(self, schema: Schema) -> None:
        """Apply ``schema``'s pending migrations, each in its own transaction (a read-only
        store is left as it is)."""
        if self.readonly or schema.component in self._ready:
            return
        for migration in pending(self.conn, schema):
            with self.transaction() as c:
                if migration not in pending(c, schema):
                    continue  # another connection applied it meanwhile
                for statement in statements(migration.sql):
                    c.execute(statement)
                c.execute(LEDGER)
                c.execute("INSERT INTO migrations (component, name, applied_at) VALUES (?,?,?)",
                          (schema.component, migration.name, now()))
        self._ready.add(schema.component)

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
            self._ready.clear()  # a migration joined to it is undone too: look again
            raise
        self.conn.execute("COMMIT")

    def select_in(self, select: str, column: str, values: Iterable[Any], order: str = "",
                  also: tuple[str, Sequence[Any]] = ("", ())) -> Iterator[sqlite3.Row]:
        """Rows of ``select … WHERE [also AND] column IN values``, ``CHUNK`` values at a time
        (SQLite caps bound parameters); ``order`` applies within each chunk. ``also``: a further
        condition and its parameters. The one way a list of ids is read."""
        cond, params = also
        where = f"{cond} AND " if cond else ""
        unique = list(dict.fromkeys(values))  # IN is a set: a repeat must not read a row twice
        for k in range(0, len(unique), CHUNK):
            part = unique[k:k + CHUNK]
            yield from self.conn.execute(
                f"{select} WHERE {where}{column} IN ({','.join('?' * len(part))}){order}", (*params, *part))

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

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Every stored article in the order added; or those with ``ids``, by id within each chunk."""
        if ids is None:
            return [_article(r) for r in self.conn.execute("SELECT data FROM articles ORDER BY added_at, rowid")]
        return [_article(r) for r in self.select_in("SELECT data FROM articles", "id", ids, " ORDER BY id")]

    def articles_by_ids(self, ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles with these ids, keyed by id (in :meth:`articles` order)."""
        return {a.id: a for a in self.articles(ids)}

    def article(self, article_id: str) -> Article | None:
        return next(iter(self.articles([article_id])), None)

    def article_metas(self) -> list[Article]:
        """Every article's metadata without its text or analysis (what a listing shows), newest first."""
        rows = self.conn.execute("SELECT id, source, title, site, published, byline, credited_source"
                                 " FROM articles ORDER BY published DESC, id")
        return [Article(fingerprint="", **r) for r in rows]

    def update_article_dates(self, articles: list[Article]) -> None:
        """Store re-estimated ``dates`` of these articles (the rest of each row is unchanged)."""
        with self.transaction() as c:
            c.executemany("UPDATE articles SET data=? WHERE id=?",
                          [(json.dumps(a.to_dict(), ensure_ascii=False), a.id) for a in articles])

    def count(self, table: str) -> int:
        assert table.isidentifier()
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Rows per contract table, for summaries that must not load the corpus."""
        tables = ("articles", "entities", "quotes", "derivations", "stories", "rejections")
        return {t: self.count(t) for t in tables}

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

    # The whole contract ----------------------------------------------------------------------

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

    def _load(self, table: str, cls: Any) -> list[Any]:
        assert table.isidentifier()
        return [cls.from_dict(json.loads(r["data"])) for r in self.conn.execute(f"SELECT data FROM {table}")]

    def result(self) -> Result:
        """Everything in the store, in contract form."""
        return Result(
            articles=self.articles(),
            entities=self.entities(),
            quotes=self.quotes(),
            derivations=self._load("derivations", Derivation),
            stories=self.stories(),
            rejected=self.rejections(),
        )

    # Derivations --------------------------------------------------------------------------

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

    def derivations_around(self, article_ids: Iterable[str]) -> list[Derivation]:
        """The derivations of these articles (by derived, then source id), then those of other
        articles from them (by source id, then as stored)."""
        ids = list(article_ids)
        select = "SELECT rowid, derived_id, source_id, data FROM derivations"
        own = sorted(self.select_in(select, "derived_id", ids), key=lambda r: (r["derived_id"], r["source_id"]))
        mine = {r["rowid"] for r in own}
        taken = sorted((r for r in self.select_in(select, "source_id", ids) if r["rowid"] not in mine),
                       key=lambda r: (r["source_id"], r["rowid"]))
        return [Derivation.from_dict(json.loads(r["data"])) for r in [*own, *taken]]

    # Stories ------------------------------------------------------------------------------

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT data FROM stories WHERE id=?", (story_id,)).fetchone()
        return Story.from_dict(json.loads(row[0])) if row else None

    def stories(self) -> list[Story]:
        """Every story, in store order."""
        return self._load("stories", Story)

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Story id of each given article that has one."""
        rows = self.select_in("SELECT article_id, story_id FROM story_articles", "article_id", article_ids)
        return {r[0]: r[1] for r in rows}

    def stories_with(self, article_ids: Iterable[str]) -> list[Story]:
        """The stories holding any of these articles, in store order."""
        ids = sorted(set(self.stories_of(article_ids).values()))
        rows = sorted(self.select_in("SELECT rowid, data FROM stories", "id", ids), key=lambda r: r["rowid"])
        return [Story.from_dict(json.loads(r["data"])) for r in rows]

    def find_stories(self, key: str) -> list[Story]:
        """Stories whose id starts with ``key``, else whose title contains it (case-insensitive)."""
        rows = self.conn.execute("SELECT data FROM stories WHERE id LIKE ? ORDER BY id", (key + "%",)).fetchall()
        if not rows:
            rows = self.conn.execute("SELECT data FROM stories WHERE title LIKE ? ORDER BY id",
                                     (f"%{key}%",)).fetchall()
        return [Story.from_dict(json.loads(r["data"])) for r in rows]

    def save_story(self, story: Story, added: list[str] | None = None) -> None:
        """Write a story and its membership (``added``: only these articles are new to it, so a
        story of thousands is not re-listed for each one that joins)."""
        with self.transaction() as c:
            c.execute("INSERT OR REPLACE INTO stories (id, title, data) VALUES (?,?,?)",
                      (story.id, story.title, json.dumps(story.to_dict())))
            c.executemany("INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?,?)",
                          [(story.id, a) for a in (story.article_ids if added is None else added)])

    def save_story_digest(self, story: Story) -> None:
        """Rewrite a story's contract row only (its membership and index rows are left alone)."""
        with self.transaction() as c:
            c.execute("UPDATE stories SET title=?, data=? WHERE id=?",
                      (story.title, json.dumps(story.to_dict(), ensure_ascii=False), story.id))

    # Entities -----------------------------------------------------------------------------

    def entities(self, ids: Iterable[str] | None = None) -> list[Entity]:
        """Every stored entity in store order; or those with ``ids``, by id."""
        if ids is None:
            return self._load("entities", Entity)
        rows = self.select_in("SELECT data FROM entities", "id", sorted(set(ids)), " ORDER BY id")
        return [Entity.from_dict(json.loads(r["data"])) for r in rows]

    def entities_in(self, article_ids: Iterable[str], mentions: bool = True) -> list[Entity]:
        """Entities mentioned in any of these articles, by id; ``mentions=False`` leaves out their
        mentions (a famous name's run to thousands: a caller that needs names reads far less)."""
        ids = {r[0] for r in self.select_in("SELECT DISTINCT entity_id FROM mentions", "article_id", article_ids)}
        data = "data" if mentions else "json_remove(data, '$.mentions')"
        rows = self.select_in(f"SELECT {data} AS data FROM entities", "id", sorted(ids), " ORDER BY id")
        return [Entity.from_dict(json.loads(r["data"])) for r in rows]

    def entity_names(self, type_: str, limit: int) -> list[tuple[str, str]]:
        """``(id, name)`` of the first ``limit`` entities of a type, by name."""
        rows = self.conn.execute("SELECT id, name FROM entities WHERE type=? ORDER BY name LIMIT ?", (type_, limit))
        return [(r[0], r[1]) for r in rows]

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

    def delete_entities(self, ids: list[str]) -> None:
        """Remove entities merged into others, and their mention rows."""
        with self.transaction() as c:
            c.executemany("DELETE FROM entities WHERE id=?", [(i,) for i in ids])
            c.executemany("DELETE FROM mentions WHERE entity_id=?", [(i,) for i in ids])

    # Quotes -------------------------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        """Every stored quotation, ``same_as`` read off its group."""
        return [Quote.from_dict(r) for r in self.iter_data("quotes")]

    def quotes_of_speakers(self, entity_ids: Iterable[str]) -> list[Quote]:
        """The quotations attributed to these entities."""
        return [Quote.from_dict(r) for r in self._quote_rows_where("q.speaker_entity_id", entity_ids)]

    def quotes_of_articles(self, article_ids: Iterable[str]) -> list[Quote]:
        """The quotations in these articles."""
        return [Quote.from_dict(r) for r in self.quote_rows(article_ids)]

    def quotes_by_ids(self, ids: Iterable[str]) -> list[Quote]:
        """The stored quotations with these ids."""
        return [Quote.from_dict(r) for r in self._quote_rows_where("q.id", ids)]

    def quote_rows(self, article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """Full stored data (contract fields plus ``diff``…) of the quotes in these articles."""
        return self._quote_rows_where("q.article_id", article_ids)

    def _quote_rows_where(self, column: str, values: Iterable[str]) -> list[dict[str, Any]]:
        """Stored data of the quotes whose ``column`` is one of ``values``, in store order,
        with ``same_as``."""
        rows = self.select_in(_QUOTE_ROWS, column, values)
        return [_quote_row(r) for r in sorted(rows, key=lambda r: r["n"])]

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

    def update_quote_speakers(self, rows: list[tuple[str, dict[str, Any]]]) -> None:
        """Set quotes' speakers (the columns and the stored data) to those in ``rows``' data.
        Each row is written anew, as :meth:`save_quotes` does: indexes kept in step by
        rowid (full-text search) see it as new."""
        with self.transaction() as c:
            for i, d in rows:
                c.execute(
                    'INSERT OR REPLACE INTO quotes (id, article_id, text, start, "end", speaker, speaker_entity_id,'
                    ' kind, data, grp, form_id) SELECT id, article_id, text, start, "end", ?, ?, kind, ?, grp,'
                    " form_id FROM quotes WHERE id=?",
                    (d.get("speaker"), d.get("speaker_entity_id"), json.dumps(d, ensure_ascii=False), i))

    def update_quote_data(self, rows: list[tuple[str, dict[str, Any]]]) -> None:
        with self.transaction() as c:
            c.executemany("UPDATE quotes SET data=? WHERE id=?",
                          [(json.dumps(d, ensure_ascii=False), i) for i, d in rows])
