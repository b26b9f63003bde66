"""Benchmark: the Spark job's throughput with local[1] vs local[2] (skipped without PySpark/Java).

    python bench/spark.py [--articles 4000] [--files 16]

Writes the invented test corpus as several JSONL files (one task per file), runs the job
with each master, and prints articles/s and the speed-up. Spark start-up is excluded:
a warm-up run comes first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from synth import write_jsonl  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--files", type=int, default=16)
    args = parser.parse_args()
    try:
        from newsloom.spark import check_environment
        from newsloom.spark.job import run

        check_environment()
    except (ImportError, RuntimeError) as exc:
        print(f"bench/spark.py: skipped ({exc})")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        per_file = args.articles // args.files
        inputs = [str(write_jsonl(Path(tmp) / f"part{i:03d}.jsonl", per_file, seed=i)) for i in range(args.files)]
        run(inputs[:1], f"{tmp}/warmup", master="local[1]")
        rates = {}
        for master in ("local[1]", "local[2]"):
            t0 = time.perf_counter()
            counts = run(inputs, f"{tmp}/{master[-2]}", master=master, partitions=args.files)
            secs = time.perf_counter() - t0
            rates[master] = counts["articles"] / secs
            print(f"{master}: {counts['articles']} articles in {secs:.1f} s = {rates[master]:.0f} articles/s")
        print(f"speed-up local[2] / local[1]: {rates['local[2]'] / rates['local[1]']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
