"""The SQLite store: idempotent reruns, incremental additions, migrations, read-only opening."""

from __future__ import annotations

import json
import sqlite3

import newsloom
from newsloom.store import CACHE_KIB, MIGRATIONS, Store


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


def test_schema_version_and_wal(tmp_path):
    db = tmp_path / "n.db"
    with Store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # the page cache that keeps a large index's B-tree levels in memory
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert store.conn.execute("PRAGMA mmap_size").fetchone()[0] > 0  # the file read in place
    with Store(db, readonly=True) as reader:
        assert reader.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    with Store(db) as again:  # reopening applies nothing twice
        assert again.schema_version == len(MIGRATIONS)


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


def _old_store(db, version: int) -> sqlite3.Connection:
    """A store file as written before migration ``version + 1``."""
    conn = sqlite3.connect(db, isolation_level=None)
    for script in MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version={version}")
    return conn


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
        assert store.schema_version == len(MIGRATIONS)
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
        assert store.schema_version == len(MIGRATIONS)
        assert store.lsh_query([1, 2, 3], max_bucket=10) == {"a": 2, "b": 3, "c": 1}
        assert store.lsh_query([1, 2, 3], max_bucket=10, min_shared=2) == {"a": 2, "b": 3}
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "lsh" not in tables and "lsh_buckets" in tables


def test_a_bucket_past_its_cap_is_no_longer_queried(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            _bare_articles(c, ["a", "b", "c", "d"])
        for a in "abc":
            store.lsh_add({a: [7, 8]}, cap=3)
        assert store.lsh_query([7], max_bucket=3) == {"a": 1, "b": 1, "c": 1}
        store.lsh_add({"d": [7]}, cap=3)  # bucket 7 outgrows the cap: its first articles stay
        assert store.lsh_query([7, 8], max_bucket=3) == {"a": 1, "b": 1, "c": 1}
        assert tuple(store.conn.execute("SELECT n, ids FROM lsh_buckets WHERE key=7").fetchone())[0] == 4
        with store.transaction() as c:
            _bare_articles(c, ["e"])
        store.lsh_add({"e": [7]}, cap=3)  # a full bucket is left as it is
        assert tuple(store.conn.execute("SELECT n, ids FROM lsh_buckets WHERE key=7").fetchone()) == (4, "1,2,3")
        assert store.lsh_query([7], max_bucket=2) == {}
        assert store.lsh_query([7, 8], max_bucket=10) == {"a": 2, "b": 2, "c": 2}  # d is past the cap
        assert store.lsh_query([7, 8], max_bucket=3, head=2) == {"a": 1, "b": 1}  # the first two of bucket 7


def test_a_cap_per_key_keeps_each_bucket_to_its_own_size(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            _bare_articles(c, ["a", "b", "c", "d"])
        for a in "abcd":
            store.lsh_add({a: [7, 8]}, cap=lambda key: 2 if key == 7 else 3)
        rows = dict(store.conn.execute("SELECT key, ids FROM lsh_buckets"))
        assert (len(rows[7].split(",")), len(rows[8].split(","))) == (2, 3)


def test_lsh_query_can_count_groups_of_keys(tmp_path):
    """With ``groups``, an article shares as many as the distinct groups of its keys: two keys of
    one sentence count once."""
    with Store(tmp_path / "s.db") as store:
        with store.transaction() as c:
            _bare_articles(c, ["a", "b", "c"])
        store.lsh_add({"a": [1, 2, 3], "b": [1, 2], "c": [2, 3]})
        assert store.lsh_query([1, 2, 3], max_bucket=10, min_shared=2) == {"a": 3, "b": 2, "c": 2}
        one_sentence = {1: 0, 2: 0, 3: 1}  # keys 1 and 2 come from the same sentence
        assert store.lsh_query([1, 2, 3], max_bucket=10, min_shared=2, groups=one_sentence) == {"a": 2, "c": 2}


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
        try:
            with store.transaction():
                store.add_term_dfs({"w:ferry": 1}, 1)  # opens its own transaction inside
                raise RuntimeError("the stage fails after writing")
        except RuntimeError:
            pass
        assert store.term_dfs(["w:ferry"]) == {} and store.corpus_docs() == 0  # rolled back as one
        with store.transaction():
            store.add_term_dfs({"w:ferry": 1}, 1)
        assert store.term_dfs(["w:ferry"]) == {"w:ferry": 1}
