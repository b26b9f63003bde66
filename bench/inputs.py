"""Benchmark: inputs of every size get in, in flat memory, and no document holds up a batch.

    python bench/inputs.py [--stream 20,200] [--analyze 2000,8000] [--workers 2] [--mixed-mb 5] [--floor]
                           [--update-baseline]

Prints, each figure with the peak memory of the whole process tree (the parent and its workers):
- stream: reading a JSONL of N MB of small invented records, record by record (ingest only);
- analyze: `newsloom analyze` on N small invented records (headlines and short reports);
- mixed: one batch of the seeds (when ../shared is present), a JSONL of small records of
  --mixed-mb MB, a 1 MB one-quotation text, headline-only records and a reused id; every
  document must come out stored, unchanged or rejected with its reason (none lost).
With --floor, exits 1 when a figure pinned in ``bench/baseline.json`` falls: memory that grows
with size (``stream.growth``: the larger stream run's peak over the smaller's), a mixed batch
that loses a document, or the 5 MB one's time, memory and documents stored.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "corpus" / "seeds"
sys.path.insert(0, str(HERE.parent / "tests"))  # the test suite's generators of invented input

from baseline import add_arguments, report  # noqa: E402
from synth import PEOPLE, TOWNS, article  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


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


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _sum(pids: list[int], read: Callable[[int], int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, StopIteration, ValueError):  # the process ended meanwhile
            total += read(pid)
    return total


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as fh:
        return next(int(x.split()[1]) for x in fh if x.startswith("Pss:")) * 1024


def measure(cmd: list[str]) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Wall seconds and the peak memory (PSS) of a command's process tree.

    The tree is looked at five times a second; its PSS is read when its resident size has
    grown 1% past the last reading, and every 2 s besides (a forked worker writing pages it
    shared grows the PSS, not the resident size): PSS walks every page table (20 ms of CPU
    for a 1 GB tree of three processes), so read at every look it took a tenth of a core from
    what it measured; the resident size costs nothing to read."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = read_at = looks = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        if (rss := _sum(pids, _rss)) > read_at * 1.01 or looks % 10 == 0:
            read_at = max(read_at, rss)
            peak = max(peak, _sum(pids, _pss))
        looks += 1
        time.sleep(0.2)
    out, err = proc.communicate()
    return time.monotonic() - start, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def analyze_cmd(inputs: list[Path], db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "newsloom.cli", "analyze", *map(str, inputs), "--db", str(db), "-q",
            "--workers", str(workers)]


def stream(tmp: Path, sizes: list[float], figures: dict[str, float]) -> list[int]:
    code = ("import sys; from newsloom.ingest import iter_documents; "
            "print(sum(1 for _ in iter_documents([sys.argv[1]])))")
    peaks = []
    for mb in sizes:
        path = tmp / f"stream-{mb:g}.jsonl"
        n = small_records(path, mb)
        seconds, peak, res = measure([sys.executable, "-c", code, str(path)])
        assert res.returncode == 0 and int(res.stdout) == n, res.stderr
        print(f"stream {mb:>6g} MB: {n:,} records in {seconds:.1f} s, peak memory {peak / 2**20:.0f} MB")
        figures |= {f"stream.{mb:g}mb.seconds": seconds, f"stream.{mb:g}mb.peak_mb": peak / 2**20}
        peaks.append(peak)
        path.unlink()
    return peaks


def _counts(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0])


def analyze(tmp: Path, counts: list[int], workers: int, figures: dict[str, float]) -> None:
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
        figures[f"analyze.{n}.docs_per_s"] = n / seconds


def mixed(tmp: Path, megabytes: float, workers: int, figures: dict[str, float]) -> None:
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
    batch = f"mixed.{megabytes:g}mb" + ("" if SEEDS.is_dir() else "_no_seeds")  # the seeds are part of the pinned batch
    figures |= {"mixed.lost": lost, "mixed.rejected": rejected, f"{batch}.stored": stored, f"{batch}.seconds": seconds,
                f"{batch}.peak_mb": peak / 2**20}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stream", default="20,200", help="JSONL sizes in MB to stream (ingest only)")
    ap.add_argument("--analyze", default="2000,8000", help="record counts to analyse")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--mixed-mb", type=float, default=5.0, help="size of the mixed batch's JSONL (0: skip)")
    add_arguments(ap)
    args = ap.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        sizes = [float(x) for x in args.stream.split(",") if x]
        peaks = stream(tmp, sizes, figures) if sizes else []
        if len(peaks) > 1:
            figures["stream.growth"] = peaks[-1] / peaks[0]
        analyze(tmp, [int(x) for x in args.analyze.split(",") if x], args.workers, figures)
        if args.mixed_mb:
            mixed(tmp, args.mixed_mb, args.workers, figures)
    return report("inputs", figures, args)


if __name__ == "__main__":
    sys.exit(main())
