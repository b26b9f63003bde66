"""Benchmark: inputs of every size get in, in flat memory, and no document holds up a batch.

    python bench/inputs.py [--stream 20,200] [--analyze 2000,8000] [--workers 2] [--mixed-mb 5] [--floor]

Prints, each figure with the peak memory of the whole process tree (the parent and its workers):
- stream: reading a JSONL of N MB of small invented records, record by record (ingest only);
- analyze: `newsloom analyze` on N small invented records (headlines and short reports);
- mixed: one batch of the seeds (when ../shared is present), a JSONL of small records of
  --mixed-mb MB, a 1 MB one-quotation text, headline-only records and a reused id; every
  document must come out stored, unchanged or rejected with its reason (none lost).
With --floor, exits 1 when memory grows with size (the larger stream run over 1.5 times the
smaller's peak) or a mixed run loses a document or takes over 5 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "corpus" / "seeds"
sys.path.insert(0, str(HERE.parent / "tests"))  # the test suite's generators of invented input

from synth import PEOPLE, TOWNS, article  # noqa: E402

STREAM_GROWTH = 1.5  # the larger stream run's peak over the smaller's
MIXED_SECONDS = 300.0  # the 5 MB batch ran in 168 s here; the issue asked this of 20 MB, not reached


def small_records(path: Path, megabytes: float, seed: int = 11) -> int:
    """Invented records to ``megabytes``: one in three a headline alone, the rest short reports."""
    rng = random.Random(seed)
    limit, n = megabytes * 1024 * 1024, 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < limit:
            record = article(n, rng)
            if n % 3 == 0:
                record = {"id": record["id"], "title": record["title"], "site": record["site"]}
            fh.write(json.dumps(record) + "\n")
            n += 1
    return n


def _tree_memory(root: int) -> int:
    """Memory of ``root`` and all its descendants in bytes: the sum of their proportional set
    sizes (PSS), so pages that forked workers share with their parent count once."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(x.split()[1]) for x in fh if x.startswith("Pss:")) * 1024
        except (OSError, StopIteration):
            pass
    return total


def measure(cmd: list[str]) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Wall seconds and the peak memory (PSS) of a command's process tree."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_memory(proc.pid))
        time.sleep(0.2)
    out, err = proc.communicate()
    return time.monotonic() - start, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def analyze_cmd(inputs: list[Path], db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "newsloom.cli", "analyze", *map(str, inputs), "--db", str(db), "-q",
            "--workers", str(workers)]


def stream(tmp: Path, sizes: list[float]) -> list[int]:
    code = ("import sys; from newsloom.ingest import iter_documents; "
            "print(sum(1 for _ in iter_documents([sys.argv[1]])))")
    peaks = []
    for mb in sizes:
        path = tmp / f"stream-{mb:g}.jsonl"
        n = small_records(path, mb)
        seconds, peak, res = measure([sys.executable, "-c", code, str(path)])
        assert res.returncode == 0 and int(res.stdout) == n, res.stderr
        print(f"stream {mb:>6g} MB: {n:,} records in {seconds:.1f} s, peak memory {peak / 2**20:.0f} MB")
        peaks.append(peak)
        path.unlink()
    return peaks


def _counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0])


def analyze(tmp: Path, counts: list[int], workers: int) -> None:
    for n in counts:
        path = tmp / f"analyze-{n}.jsonl"
        rng = random.Random(5)
        with path.open("w", encoding="utf-8") as fh:
            for i in range(n):
                record = article(i, rng)
                if i % 3 == 0:
                    record = {"id": record["id"], "title": record["title"], "site": record["site"]}
                fh.write(json.dumps(record) + "\n")
        db = tmp / f"analyze-{n}.db"
        seconds, peak, res = measure(analyze_cmd([path], db, workers))
        stored, rejected = _counts(db)
        print(f"analyze {n:>7,} records, {workers} workers: {seconds:.1f} s ({n / seconds:.1f} docs/s), "
              f"peak memory {peak / 2**20:.0f} MB; {stored:,} stored, {rejected} rejected (exit {res.returncode})")


def mixed(tmp: Path, megabytes: float, workers: int) -> tuple[bool, float]:
    d = tmp / "mixed"
    d.mkdir()
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.iterdir()):
            if seed.is_file():
                (d / seed.name).write_bytes(seed.read_bytes())
    records = small_records(d / "dump.jsonl", megabytes)
    rng = random.Random(3)
    speech = " ".join(f"{rng.choice(TOWNS)} will not wait for {rng.choice(PEOPLE)} again," for _ in range(25_000))
    (d / "speech.txt").write_text(f"{PEOPLE[0]} said: “{speech[: 1_000_000]}”\n", encoding="utf-8")
    alerts = [{"id": f"alert-{i}", "title": f"{TOWNS[i % len(TOWNS)]} council calls snap vote number {i}"}
              for i in range(50)]
    alerts.append({"id": "alert-1", "text": "A different story under a reused id, told at length by the wire."})
    (d / "alerts.jsonl").write_text("".join(json.dumps(a) + "\n" for a in alerts), encoding="utf-8")
    inputs = sum(1 for f in d.iterdir() if f.suffix != ".jsonl") + records + len(alerts)
    db = tmp / "mixed.db"
    seconds, peak, res = measure(analyze_cmd([d], db, workers))
    stored, rejected = _counts(db)
    lost = inputs - stored - rejected
    print(f"mixed batch: {inputs:,} inputs ({megabytes:g} MB JSONL of {records:,} records, 1 MB quotation, "
          f"{len(alerts)} alerts with a reused id{', the seeds' if SEEDS.is_dir() else ''}) in {seconds:.1f} s, "
          f"peak memory {peak / 2**20:.0f} MB; {stored:,} stored, {rejected} rejected, {lost} lost "
          f"(exit {res.returncode})")
    for line in res.stderr.splitlines()[:5]:
        print("  ", line)
    return lost == 0, seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stream", default="20,200", help="JSONL sizes in MB to stream (ingest only)")
    ap.add_argument("--analyze", default="2000,8000", help="record counts to analyse")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--mixed-mb", type=float, default=5.0, help="size of the mixed batch's JSONL (0: skip)")
    ap.add_argument("--floor", action="store_true", help="exit 1 when a pinned bound is broken")
    args = ap.parse_args()
    failed = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        sizes = [float(x) for x in args.stream.split(",") if x]
        peaks = stream(tmp, sizes) if sizes else []
        if len(peaks) > 1 and peaks[-1] > STREAM_GROWTH * peaks[0]:
            failed.append(f"stream memory grew x{peaks[-1] / peaks[0]:.2f} (bound x{STREAM_GROWTH})")
        analyze(tmp, [int(x) for x in args.analyze.split(",") if x], args.workers)
        if args.mixed_mb:
            whole, seconds = mixed(tmp, args.mixed_mb, args.workers)
            if not whole:
                failed.append("the mixed batch lost documents")
            if seconds > MIXED_SECONDS:
                failed.append(f"the mixed batch took {seconds:.0f} s (bound {MIXED_SECONDS:.0f} s)")
    return floors(failed, args.floor)


def floors(failed: list[str], enforce: bool) -> int:
    """Print each broken floor; the exit status (1 when ``enforce`` and one is broken)."""
    for f in failed:
        print("FLOOR:", f)
    return 1 if enforce and failed else 0


if __name__ == "__main__":
    sys.exit(main())
