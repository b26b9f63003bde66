"""The SQLite store: idempotent reruns, incremental additions, migrations per component, read-only
opening, lists of ids."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import newsloom
from newsloom.model import Article
from newsloom.provenance.tables import LshIndex
from newsloom.store import CACHE_KIB, CHUNK, Migration, Schema, Store, Tables, register, registered
from newsloom.store.schema import _REGISTRY, pending
from newsloom.stories.tables import StoryIndex
from newsloom.web.search import Search

FIXTURES = Path(__file__).parent / "fixtures"


def test_same_input_twice_adds_nothing(tmp_path, demo_dir):
    db = tmp_path / "n.db"
    first = newsloom.analyze([demo_dir], db=db)
    with Store(db) as store:
        report = newsloom.Pipeline(store).run([demo_dir])
        assert report.added == 0 and report.unchanged == len(first.articles)
        assert store.count("articles") == len(first.articles)


def test_new_articles_extend_the_store(tmp_path, demo_dir):
    db = tmp_path / "n.db"
    files = sorted(p for p in demo_dir.iterdir() if p.suffix in {".txt", ".html"})
    newsloom.analyze(files[:3], db=db)
    result = newsloom.analyze(files[3:], db=db)
    assert len(result.articles) == len(files)


def test_every_migration_applies_once_and_wal(tmp_path):
    db = tmp_path / "n.db"
    with Store(db) as store:
        assert _up_to_date(store)
        applied = _ledger(store)
        assert {c for c, _ in applied} == {s.component for s in registered()}
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # the page cache that keeps a large index's B-tree levels in memory
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] > 0  # the file read in place
    with Store(db, readonly=True) as reader:
        assert reader.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    with Store(db) as again:  # reopening applies nothing twice
        assert _ledger(again) == applied


def test_readonly_store_reads_but_cannot_write(tmp_path, demo_dir):
    db = tmp_path / "n.db"
    newsloom.analyze([demo_dir / "01_original.txt"], db=db)
    with Store(db, readonly=True) as ro:
        assert len(ro.articles()) == 1
        try:
            ro.conn.execute("DELETE FROM articles")
        except sqlite3.OperationalError as exc:
            assert "readonly" in str(exc)
        else:
            raise AssertionError("a read-only store accepted a write")


def test_plain_sqlite_tables_hold_the_data(tmp_path, demo_dir):
    db = tmp_path / "n.db"
    newsloom.analyze([demo_dir / "02_scraper_copy.txt"], db=db)
    conn = sqlite3.connect(db)
    title, credit = conn.execute("SELECT title, credited_source FROM articles").fetchone()
    assert credit == "coastlinewire.com" and title
    reasons = {r for (r,) in conn.execute("SELECT reason FROM removed_lines")}
    assert "comment form" in reasons


def test_rejections_are_stored_and_cleared_when_fixed(tmp_path):
    db = tmp_path / "n.db"
    bad = tmp_path / "later.txt"
    bad.write_text("")
    result = newsloom.analyze([bad], db=db)
    assert [r.code for r in result.rejected] == ["NL003"]
    bad.write_text(
        "The library reopened its reading room on Saturday after the roof was repaired, "
        "and volunteers carried the last boxes of books back inside by the afternoon."
    )
    result = newsloom.analyze([bad], db=db)
    assert not result.rejected and len(result.articles) == 1


def test_duplicate_jsonl_ids_are_rejected(tmp_path):
    body = "The bakery on Mill Road will close for good at the end of the month, its owners said on Friday."
    path = tmp_path / "dup.jsonl"
    path.write_text(
        json.dumps({"id": "same", "text": body}) + "\n" + json.dumps({"id": "same", "text": body + " More."})
    )
    result = newsloom.analyze([path])
    assert len(result.articles) == 1
    assert [r.code for r in result.rejected] == ["NL010"]


def _ledger(store: Store) -> list[tuple[str, str]]:
    return [tuple(r) for r in store.conn.execute("SELECT component, name FROM migrations ORDER BY rowid")]


def _up_to_date(store: Store) -> bool:
    return not any(pending(store.conn, s) for s in registered())


def _old_store(db, version: int) -> sqlite3.Connection:
    """A store file as written before migration ``version + 1`` of the single numbered list that
    ``PRAGMA user_version`` counted (its scripts are the components' migrations of those numbers)."""
    conn = sqlite3.connect(db, isolation_level=None)
    for n in range(1, version + 1):
        for m in (m for s in registered() for m in s.migrations if m.legacy == n):
            conn.executescript(m.sql)
    conn.execute(f"PRAGMA user_version={version}")
    return conn


def _schema(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: " ".join((r[1] or "").split()) for r in conn.execute("SELECT name, sql FROM sqlite_master")}


def test_a_store_from_before_quote_groups_migrates_and_keeps_its_links(tmp_path):
    db = tmp_path / "old.db"
    conn = _old_store(db, 5)  # before migration 6 (quotation groups)
    for qid, other in (("q1", "q2"), ("q2", "q1")):
        data = {"id": qid, "article_id": "a" + qid, "text": "we will not wait any longer", "start": 0,
                "end": 27, "kind": "direct", "same_as": [other], "altered": False}
        conn.execute('INSERT INTO quotes (id, article_id, text, start, "end", kind, data) VALUES (?,?,?,?,?,?,?)',
                     (qid, "a" + qid, data["text"], 0, 27, "direct", json.dumps(data)))
    conn.close()
    with Store(db) as store:
        assert _up_to_date(store)
        assert {q.id: q.same_as for q in store.quotes()} == {"q1": ["q2"], "q2": ["q1"]}
        assert [r["same_as"] for r in store.quote_rows(["aq1"])] == [["q2"]]


def _bare_articles(conn: sqlite3.Connection, ids: list[str]) -> None:
    for i in ids:
        conn.execute("INSERT INTO articles (id, fingerprint, source, text, data, added_at) VALUES (?,?,?,?,?,?)",
                     (i, "f" + i, "test", "", "{}", "2026-01-01"))


def test_an_index_from_before_buckets_migrates_to_one_row_per_key(tmp_path):
    db = tmp_path / "old.db"
    conn = _old_store(db, 9)  # before migration 10 (LSH buckets)
    _bare_articles(conn, ["a", "b", "c"])
    rowid = dict(conn.execute("SELECT id, rowid FROM articles"))
    for key, members in ((1, "ab"), (2, "ab"), (3, "bc")):
        for m in members:
            conn.execute("INSERT INTO lsh (key, article) VALUES (?,?)", (key, rowid[m]))
            conn.execute("INSERT INTO lsh_size (key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n=n+1",
                         (key,))
    conn.close()
    with Store(db) as store:
        assert _up_to_date(store)
        index = LshIndex(store)
        assert index.query([1, 2, 3], max_bucket=10) == {"a": 2, "b": 3, "c": 1}
        assert index.query([1, 2, 3], max_bucket=10, min_shared=2) == {"a": 2, "b": 3}
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "lsh" not in tables and "lsh_buckets" in tables


def test_a_bucket_past_its_cap_is_no_longer_queried(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            _bare_articles(c, ["a", "b", "c", "d"])
        index = LshIndex(store)
        for a in "abc":
            index.add({a: [7, 8]}, cap=3)
        assert index.query([7], max_bucket=3) == {"a": 1, "b": 1, "c": 1}
        index.add({"d": [7]}, cap=3)  # bucket 7 outgrows the cap: its first articles stay
        assert index.query([7, 8], max_bucket=3) == {"a": 1, "b": 1, "c": 1}
        assert tuple(store.conn.execute("SELECT n, ids FROM lsh_buckets WHERE key=7").fetchone())[0] == 4
        with store.transaction() as c:
            _bare_articles(c, ["e"])
        index.add({"e": [7]}, cap=3)  # a full bucket is left as it is
        assert tuple(store.conn.execute("SELECT n, ids FROM lsh_buckets WHERE key=7").fetchone()) == (4, "1,2,3")
        assert index.query([7], max_bucket=2) == {}
        assert index.query([7, 8], max_bucket=10) == {"a": 2, "b": 2, "c": 2}  # d is past the cap
        assert index.query([7, 8], max_bucket=3, head=2) == {"a": 1, "b": 1}  # the first two of bucket 7


def test_a_cap_per_key_keeps_each_bucket_to_its_own_size(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            _bare_articles(c, ["a", "b", "c", "d"])
        for a in "abcd":
            LshIndex(store).add({a: [7, 8]}, cap=lambda key: 2 if key == 7 else 3)
        rows = dict(store.conn.execute("SELECT key, ids FROM lsh_buckets"))
        assert (len(rows[7].split(",")), len(rows[8].split(","))) == (2, 3)


def test_an_lsh_query_can_count_groups_of_keys(tmp_path):
    """With ``groups``, an article shares as many as the distinct groups of its keys: two keys of
    one sentence count once."""
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            _bare_articles(c, ["a", "b", "c"])
        index = LshIndex(store)
        index.add({"a": [1, 2, 3], "b": [1, 2], "c": [2, 3]})
        assert index.query([1, 2, 3], max_bucket=10, min_shared=2) == {"a": 3, "b": 2, "c": 2}
        one_sentence = {1: 0, 2: 0, 3: 1}  # keys 1 and 2 come from the same sentence
        assert index.query([1, 2, 3], max_bucket=10, min_shared=2, groups=one_sentence) == {"a": 2, "c": 2}


def test_lookups_by_article_use_an_index():
    """Per-article lookups must not scan a table that grows with the corpus."""
    with Store(":memory:") as store:
        for q in ("SELECT article_id, story_id FROM story_articles WHERE article_id IN (?)",
                  "SELECT DISTINCT entity_id FROM mentions WHERE article_id IN (?)",
                  "SELECT ids FROM lsh_buckets WHERE n <= ? AND key IN (?)",
                  "SELECT id, form, n, first_quote FROM quote_forms WHERE grp=? ORDER BY rowid"):
            plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + q, [1] * q.count("?")))
            assert "SCAN" not in plan, (q, plan)


def test_a_transaction_inside_another_joins_it():
    with Store(":memory:") as store:
        index = StoryIndex(store)
        try:
            with store.transaction():
                index.add_dfs({"w:ferry": 1}, 1)  # opens its own transaction inside
                raise RuntimeError("the stage fails after writing")
        except RuntimeError:
            pass
        assert index.dfs(["w:ferry"]) == {} and index.docs() == 0  # rolled back as one
        with store.transaction():
            index.add_dfs({"w:ferry": 1}, 1)
        assert index.dfs(["w:ferry"]) == {"w:ferry": 1}


def test_a_store_written_before_components_opens_as_it_was(tmp_path):
    """A file the single-list code wrote (``PRAGMA user_version`` 12, no ``migrations`` table:
    tests/fixtures/store-v12.db.gz, two short articles analysed) reads back the same contract,
    ends with the schema a new file has, and takes new articles."""
    db = tmp_path / "v12.db"
    with gzip.open(FIXTURES / "store-v12.db.gz") as src, db.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    with Store(db) as store:
        assert _up_to_date(store)
        # user_version counts the single list's twelve: only the migrations added since run
        recorded = {tuple(r) for r in store.conn.execute("SELECT component, name FROM migrations")}
        assert recorded == {("quotes", "retold wordings"), ("entities", "keys")}
        expected = json.loads((FIXTURES / "store-v12.json").read_text(encoding="utf-8"))
        assert json.dumps(store.result().to_dict(), ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)
        Search(store).refresh()
        assert Search(store).query("ferry fares")["articles"]
        old = _schema(store.conn)
    with Store(tmp_path / "new.db") as fresh:
        new = _schema(fresh.conn)
    assert new.keys() == old.keys()
    assert {k: v for k, v in old.items() if new.get(k) != v} == {}
    later = tmp_path / "c.txt"
    later.write_text("Harbour ferry fares rise on Monday\n\n" + expected["articles"][0]["text"].split("\n\n", 1)[1]
                     + "\n\nThis report first appeared in the Averly Ledger.", encoding="utf-8")
    result = newsloom.analyze([later], db=db)
    (story,) = result.stories
    assert len(story.article_ids) == 3
    (new_id,) = set(story.article_ids) - {a["id"] for a in expected["articles"]}
    assert [d.kind for d in result.derivations if d.derived_id == new_id and d.kind == "copy"] == ["copy"]


@pytest.mark.parametrize("version", [1, 2, 3, 5, 6, 11])
def test_a_store_from_any_older_version_migrates_to_the_new_schema(tmp_path, version):
    _old_store(tmp_path / "old.db", version).close()
    with Store(tmp_path / "old.db") as old, Store(tmp_path / "new.db") as new:
        assert _up_to_date(old) and _schema(old.conn) == _schema(new.conn)


LATER = Schema("test-later", (Migration("notes", "CREATE TABLE test_notes (id INTEGER PRIMARY KEY, note TEXT)"),))


class _Notes(Tables):
    schema = LATER

    def add(self, note: str) -> None:
        with self.store.transaction() as c:
            c.execute("INSERT INTO test_notes (note) VALUES (?)", (note,))


@pytest.fixture
def unregister_later():
    yield
    _REGISTRY.pop(LATER.component, None)


def test_a_component_registered_later_gets_its_tables_on_first_use(tmp_path, unregister_later):
    db = tmp_path / "n.db"
    with Store(db) as store:
        register(LATER.component, *LATER.migrations)  # its module imported after the store was opened
        _Notes(store).add("first")
        assert ("test-later", "notes") in _ledger(store)
    with Store(db) as store:  # applied once: the note is still there
        _Notes(store).add("second")
        assert [r[0] for r in store.conn.execute("SELECT note FROM test_notes")] == ["first", "second"]


def test_a_migration_rolled_back_with_its_transaction_is_applied_again(tmp_path):
    with Store(tmp_path / "n.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.ensure(LATER)  # joined to the stage's transaction, undone with it
            raise RuntimeError("the stage fails")
        _Notes(store).add("after")
        assert store.count("test_notes") == 1


def test_a_component_cannot_be_registered_twice_differently():
    with pytest.raises(ValueError):
        register("core", Migration("foundation", "CREATE TABLE other (id INTEGER)"))
    assert register("core", *registered()[0].migrations) is registered()[0]  # a re-import is the same


def test_lists_of_ids_are_read_in_chunks_each_once(tmp_path):
    with Store(tmp_path / "s.db") as store:
        ids = [f"a{i:04d}" for i in range(CHUNK * 2 + 7)]
        store.add_articles([Article(id=i, source=i, fingerprint=i, text="") for i in ids], [])
        rows = list(store.select_in("SELECT id FROM articles", "id", [*ids, *ids[:10]]))
        assert sorted(r[0] for r in rows) == ids  # more than SQLite binds at once; repeats read once
        assert len(store.articles_by_ids(reversed(ids))) == len(ids)
