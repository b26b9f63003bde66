"""Benchmark: reliability figures — hostile inputs, kill -9 rounds, memory on a large input,
and (when the web app is installed) a bounded load test against ``newsloom serve``.

    python bench/reliability.py [--articles 2000] [--rounds 5] [--big 500,2000] [--load-seconds 60] [--floor]
                                [--update-baseline]

Prints: inputs tried, rejected with reason, crashes (must be 0), kill -9 rounds survived
with 0 lost and 0 duplicated, peak memory of a large run, load-test requests, errors and
p50/p99 latency. ``--floor`` checks them against ``bench/baseline.json``: no crash, nothing
lost, duplicated or pending, no request failed, and the memory and latencies within bounds.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the test suite's generators of invented input

import newsloom  # noqa: E402
from baseline import add_arguments, report  # noqa: E402
from synth import write_jsonl  # noqa: E402
from test_hostile import hostile_files  # noqa: E402


def analyze_cmd(inputs: list[Path | str], db: Path) -> list[str]:
    return [sys.executable, "-m", "newsloom.cli", "analyze", *map(str, inputs), "--db", str(db), "-q"]


def hostile(tmp: Path) -> dict[str, float]:
    d = tmp / "hostile"
    d.mkdir()
    hostile_files(d)
    proc = subprocess.run(analyze_cmd([d], tmp / "hostile.db"), capture_output=True, text=True)
    result = newsloom.Store(tmp / "hostile.db").result()
    crashed = proc.returncode not in (0, 1) or "Traceback" in proc.stderr
    inputs = len(result.articles) + len(result.rejected)
    print(f"hostile inputs tried:      {inputs} ({len(list(d.iterdir()))} files)")
    print(f"  processed:               {len(result.articles)}")
    print(f"  rejected with reason:    {len(result.rejected)}")
    for code, n in sorted(Counter(r.reason.split(':')[0] for r in result.rejected).items()):
        print(f"    {n} × {code}")
    print(f"  crashes:                 {int(crashed)}")
    return {"hostile.crashes": int(crashed), "hostile.processed": len(result.articles),
            "hostile.rejected": len(result.rejected)}


def crash_rounds(tmp: Path, articles: int, rounds: int) -> dict[str, float]:
    corpus = write_jsonl(tmp / "crash.jsonl", articles)
    db = tmp / "crash.db"
    rng = random.Random(11)
    killed = 0
    for _ in range(rounds):
        proc = subprocess.Popen(analyze_cmd([corpus], db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.0, 4.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait()
    subprocess.run(analyze_cmd([corpus], db), check=False, capture_output=True)
    conn = sqlite3.connect(db)
    ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n, distinct = conn.execute("SELECT count(*), count(DISTINCT fingerprint) FROM articles").fetchone()
    pending = conn.execute("SELECT count(*) FROM articles WHERE corpus_done = 0").fetchone()[0]
    print(f"kill -9 rounds:            {killed} killed of {rounds} runs on {articles} articles")
    print(f"  after rerun: integrity {'ok' if ok else 'FAILED'}, {articles - distinct} lost, "
          f"{n - distinct} duplicated, {pending} pending")
    return {"kill.killed": killed, "kill.integrity_ok": int(ok), "kill.lost": articles - distinct,
            "kill.duplicated": n - distinct, "kill.pending": pending}


def memory(tmp: Path, sizes: list[int]) -> dict[str, float]:
    """Peak RSS of ``analyze`` at growing input sizes: streaming keeps it near flat."""
    figures: dict[str, float] = {}
    for big in sizes:
        corpus = write_jsonl(tmp / f"big{big}.jsonl", big, seed=5)
        t0 = time.perf_counter()
        proc = subprocess.Popen(analyze_cmd([corpus], tmp / f"big{big}.db"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not every child's
        proc.returncode = os.waitstatus_to_exitcode(status)
        secs = time.perf_counter() - t0
        print(f"large input:               {big} articles in {secs:.1f} s ({big / secs:.1f} articles/s), "
              f"peak RSS {usage.ru_maxrss / 1024:.0f} MB, exit {proc.returncode}")
        figures |= {f"memory.{big}.peak_rss_mb": usage.ru_maxrss / 1024, f"memory.{big}.articles_per_s": big / secs}
    return figures


def load(tmp: Path, seconds: float) -> dict[str, float]:
    """Load ``serve`` on the demo corpus while ``analyze`` writes more articles into the same file."""
    from web_load import describe, run_load

    db = tmp / "served.db"
    subprocess.run(analyze_cmd([HERE.parent / "examples" / "demo"], db), check=False, capture_output=True)
    writer = subprocess.Popen(analyze_cmd([write_jsonl(tmp / "more.jsonl", 400, seed=9)], db),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        result = run_load(db, seconds)
    finally:
        writer.kill()
        writer.wait()
    print(f"load test ({seconds:.0f} s, 8 clients, analyze writing meanwhile): {describe(result)}")
    return {"load.errors": result["errors"], "load.p50_ms": result["p50"], "load.p99_ms": result["p99"],
            "load.requests_per_s": result["rps"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--big", default="500,2000", help="input sizes for the memory runs, comma-separated")
    parser.add_argument("--load-seconds", type=float, default=60)
    add_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = hostile(Path(tmp))
        figures |= crash_rounds(Path(tmp), args.articles, args.rounds)
        figures |= memory(Path(tmp), [int(x) for x in args.big.split(",") if x])
        if args.load_seconds:
            figures |= load(Path(tmp), args.load_seconds)
    return report("reliability", figures, args)


if __name__ == "__main__":
    sys.exit(main())
