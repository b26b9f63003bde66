"""Benchmark: the whole analysis against the cost of the parse, on PolNeAR's texts.

    python bench/throughput.py [--limit N] [--workers 1,2] [--floor] [--update-baseline]

Reports, in one run on the same texts (``../shared/data/quotes/polnear`` train and dev,
924 texts of about 700 words; skipped when absent):
- the single-process spaCy pass of the default model alone (``nlp.pipe`` over the texts, 32
  at a time: the fastest batch size measured here, so the strictest baseline);
- ``newsloom analyze --workers N`` for each N, into a fresh store;
articles/s and the peak memory of the whole process tree for each, and each analysis's rate
as a multiple of the parse alone. ``--floor`` exits 1 when a figure pinned in
``bench/baseline.json`` falls (all 924 texts only): a ratio below its floor, a rate far
below its baseline, or the process tree's peak memory past its bound (1.5 GB).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "data" / "quotes" / "polnear"
sys.path.insert(0, str(HERE))

from baseline import add_arguments, report  # noqa: E402
from inputs import analyze_cmd, measure  # noqa: E402

PARSE = """
import sys, time
from pathlib import Path
from newsloom.nlp import load
nlp = load(None)
texts = [Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
start = time.monotonic()
for _ in nlp.pipe(texts, batch_size=32):  # spaCy's default of 1,000 texts runs slower and holds GBs
    pass
print(time.monotonic() - start)
"""


def texts(limit: int | None) -> list[Path]:
    files = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    return files[:limit] if limit else files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="the first N texts only")
    ap.add_argument("--workers", default=f"1,{os.cpu_count() or 1}", help="worker counts to run")
    add_arguments(ap)
    args = ap.parse_args()
    files = texts(args.limit)
    if not files:
        print(f"bench/throughput.py: skipped, no PolNeAR texts under {POLNEAR}")
        return 0
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        folder = tmp / "texts"
        folder.mkdir()
        for f in files:  # one folder, so analyze reads exactly these
            (folder / f.name).write_bytes(f.read_bytes())
        _, peak, res = measure([sys.executable, "-c", PARSE, *map(str, sorted(folder.iterdir()))])
        parse_rate = len(files) / float(res.stdout.strip())
        print(f"{len(files)} texts")
        print(f"spaCy pass alone, 1 process: {parse_rate:.2f} articles/s, peak memory {peak / 2**20:.0f} MB")
        figures |= {"parse.articles_per_s": parse_rate, "parse.peak_mb": peak / 2**20}
        for n in [int(x) for x in args.workers.split(",") if x]:
            seconds, peak, res = measure(analyze_cmd([folder], tmp / f"w{n}.db", n))
            rate = len(files) / seconds
            ratio = rate / parse_rate
            print(f"analyze --workers {n}: {rate:.2f} articles/s ({ratio:.2f}x the parse alone), "
                  f"peak memory {peak / 2**20:.0f} MB, {seconds:.0f} s (exit {res.returncode})")
            figures |= {f"workers{n}.articles_per_s": rate, f"workers{n}.ratio": ratio,
                        f"workers{n}.peak_mb": peak / 2**20}
    if args.limit:  # the pins are for all 924 texts
        figures = {f"first{args.limit}.{k}": v for k, v in figures.items()}
    return report("throughput", figures, args)


if __name__ == "__main__":
    sys.exit(main())
