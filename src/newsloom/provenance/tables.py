"""Provenance's tables: the LSH index of every article's keys, and the outlets articles
publish under (``outlet_keys``), credit or cite (``cited_keys``), or credit without any
article in the corpus (``external_sources``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet

import numpy as np

from newsloom.store import Migration, Store, Tables, register

SCHEMA = register(
    "provenance",
    Migration("index and outlets", """
    CREATE TABLE lsh (key INTEGER NOT NULL, article INTEGER NOT NULL);
    CREATE INDEX lsh_key ON lsh(key);
    CREATE TABLE lsh_size (key INTEGER PRIMARY KEY, n INTEGER NOT NULL);
    CREATE TABLE lsh_indexed (article_id TEXT PRIMARY KEY);
    CREATE TABLE outlet_keys (key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (key, article_id));
    CREATE TABLE external_sources (id TEXT PRIMARY KEY, name TEXT NOT NULL)
    """, legacy=4),
    # each indexed article keeps its provenance profile (sentences with their words, numbers
    # and names), so a candidate found years later is not re-read
    Migration("profiles", "ALTER TABLE lsh_indexed ADD COLUMN profile BLOB", legacy=7),
    # the LSH index covers (key, article), so a query's counts come from the index alone
    # (2-3x faster on full buckets than a table lookup per row)
    Migration("covering index", """
    CREATE INDEX lsh_key_article ON lsh(key, article);
    DROP INDEX lsh_key
    """, legacy=8),
    # the outlets each indexed article credits or cites, so that a new article finds the
    # earlier ones that retold its passages under its name
    Migration("cited outlets", """
    CREATE TABLE cited_keys (key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (key, article_id))
    """, legacy=9),
    # one row per LSH key holding its bucket (the article rowids, comma-separated), not one row
    # per (key, article): a query reads one row per key instead of counting every member in
    # SQL, so its cost no longer grows with the buckets as the corpus grows
    Migration("buckets", """
    CREATE TABLE lsh_buckets (key INTEGER PRIMARY KEY, n INTEGER NOT NULL, ids TEXT NOT NULL);
    INSERT INTO lsh_buckets (key, n, ids) SELECT key, count(*), group_concat(article, ',') FROM lsh GROUP BY key;
    DROP TABLE lsh;
    DROP TABLE lsh_size
    """, legacy=10),
)


class LshIndex(Tables):
    """The articles under each LSH key (``lsh_buckets``), and the articles indexed with their
    packed profiles (``lsh_indexed``). Articles are referenced by rowid to stay small."""

    schema = SCHEMA

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        # article ids :meth:`query` read from buckets: its cost, which the clock's drift does not touch
        self.ids_read = 0

    def add(self, entries: dict[str, list[int]], profiles: dict[str, bytes] | None = None,
            cap: int | Callable[[int], int] = 200) -> None:
        """Index each article under its keys, with its packed provenance profile when given.
        A bucket that outgrows ``cap`` (a number, or one per key) stops growing: it keeps its
        first ``cap`` articles (the earliest: an original is among them) and is marked full with
        ``n = cap + 1`` (see :meth:`query`); a full bucket is not written again, which at 100k
        articles is most of a batch's band keys."""
        cap_of = cap if callable(cap) else (lambda _k: cap)
        rowids = {r[0]: r[1] for r in self.store.select_in("SELECT id, rowid FROM articles", "id", entries)}
        profiles = profiles or {}
        # in key order, the batch's upserts walk the B-tree once instead of once per article
        # (a quarter cheaper at 100k articles, where the tree no longer fits the CPU caches)
        rows = sorted((k, rowids[a]) for a, keys in entries.items() for k in keys)
        with self.store.transaction() as c:
            c.executemany("INSERT INTO lsh_indexed (article_id, profile) VALUES (?,?)",
                          [(a, profiles.get(a)) for a in entries])
            c.executemany(
                "INSERT INTO lsh_buckets (key, n, ids) VALUES (?1, 1, ?2) ON CONFLICT(key) DO UPDATE"
                " SET n = n + 1, ids = CASE WHEN n < ?3 THEN ids || ',' || excluded.ids ELSE ids END WHERE n <= ?3",
                [(k, str(r), cap_of(k)) for k, r in rows],
            )

    def profiles(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The packed provenance profiles stored with those of ``ids`` that have one."""
        rows = self.store.select_in("SELECT article_id, profile FROM lsh_indexed", "article_id", ids)
        return {r[0]: r[1] for r in rows if r[1] is not None}

    def indexed(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` already in the index (a rerun must not index twice)."""
        return {r[0] for r in self.store.select_in("SELECT article_id FROM lsh_indexed", "article_id", ids)}

    def query(self, keys: list[int], max_bucket: int, min_shared: int = 1,
              groups: Mapping[int, int] | None = None, head: int = 0) -> dict[str, int]:
        """Articles sharing at least ``min_shared`` keys with the query, with how many each shares.

        Buckets holding more than ``max_bucket`` articles (at most :meth:`add`'s ``cap``) are
        skipped: they come from ubiquitous phrases, say nothing about copying, and would make
        cost grow with the corpus. ``head``: query only those buckets instead, each for its
        first ``head`` articles. ``groups`` (key → group, e.g. the query sentence a key came
        from): count the distinct groups an article shares keys of, not the keys.
        """
        rows = self.store.select_in("SELECT key, ids FROM lsh_buckets", "key", keys,
                                    also=("n > ?" if head else "n <= ?", [max_bucket]))
        buckets = [(k, ",".join(ids.split(",", head)[:head]) if head else ids) for k, ids in rows if ids]
        if not buckets:
            return {}
        ids = np.fromstring(",".join(b for _, b in buckets), dtype=np.int64, sep=",")
        self.ids_read += ids.size
        if groups is not None:
            of = np.repeat([groups[k] for k, _ in buckets], [b.count(",") + 1 for _, b in buckets])
            ids = np.unique(np.stack([ids, of]), axis=1)[0]  # one per (article, group)
        rowids, counts = np.unique(ids, return_counts=True)
        keep = counts >= min_shared
        shared = dict(zip(rowids[keep].tolist(), counts[keep].tolist(), strict=True))
        found = self.store.select_in("SELECT rowid, id FROM articles", "rowid", list(shared))
        return {r[1]: shared[r[0]] for r in found}


class Outlets(Tables):
    """Match keys of the outlets articles publish under (``outlet_keys``) and credit or cite
    (``cited_keys``), and the credited outlets without an article in the corpus."""

    schema = SCHEMA

    def add(self, pairs: list[tuple[str, str]], *, citing: bool = False) -> None:
        """Record ``(outlet key, article id)``: the article is published by (``citing``: credits
        or cites) that outlet."""
        table = "cited_keys" if citing else "outlet_keys"
        with self.store.transaction() as c:
            c.executemany(f"INSERT OR IGNORE INTO {table} (key, article_id) VALUES (?,?)", pairs)

    def articles_of(self, key: str, limit: int = 1000) -> list[str]:
        """Up to ``limit`` articles an outlet with this key published, by id."""
        rows = self.conn.execute("SELECT article_id FROM outlet_keys WHERE key=? LIMIT ?", (key, limit))
        return [r[0] for r in rows]

    def matches(self, keys: AbstractSet[str], ids: list[str], *, citing: bool = False) -> set[str]:
        """Those of ``ids`` published by (``citing``: crediting or citing) an outlet with one of
        the match ``keys``."""
        if not keys or not ids:
            return set()
        table = "cited_keys" if citing else "outlet_keys"
        also = (f"key IN ({','.join('?' * len(keys))})", sorted(keys))
        return {r[0] for r in self.store.select_in(f"SELECT article_id FROM {table}", "article_id", ids, also=also)}

    def add_external(self, source_id: str, name: str) -> None:
        """A credited outlet with no article in the corpus (a derivation's ``external:`` source)."""
        with self.store.transaction() as c:
            c.execute("INSERT OR IGNORE INTO external_sources (id, name) VALUES (?,?)", (source_id, name))
