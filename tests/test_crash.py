"""Crash safety: kill -9 in the middle of `analyze`, rerun, and every article is there once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from synth import write_jsonl

N = 300


def run_analyze(inputs, db, kill_after: float | None = None) -> int | None:
    cmd = [sys.executable, "-m", "newsloom.cli", "analyze", str(inputs), "--db", str(db), "-q", "--batch-size", "20"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is None:
        return proc.wait(timeout=300)
    time.sleep(kill_after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return None


def test_kill_9_then_rerun_loses_and_duplicates_nothing(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", N)
    db = tmp_path / "crash.db"
    rng = random.Random(3)
    for low in (3.0, 5.0, 7.0):  # after the model has loaded, while batches are being written
        run_analyze(corpus, db, kill_after=rng.uniform(low, low + 2))
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert run_analyze(corpus, db) == 0
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == N
    assert conn.execute("SELECT count(*) FROM articles WHERE corpus_done = 0").fetchone()[0] == 0
    removed_rows = conn.execute("SELECT count(DISTINCT article_id) FROM removed_lines").fetchone()[0]
    assert removed_rows <= N  # removed lines were written with their articles, never orphaned
    # Corpus results are consistent: each article in exactly one story, derivations between stored articles.
    in_stories = [r[0] for r in conn.execute("SELECT article_id FROM story_articles")]
    assert sorted(in_stories) == sorted(ids)
    known = set(ids)
    for derived, source in conn.execute("SELECT derived_id, source_id FROM derivations"):
        assert derived in known and (source in known or source.startswith("external:"))
    conn.close()
    assert run_analyze(corpus, db) == 0  # and a further rerun changes nothing
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == N
