"""Benchmark: the Spark job's throughput with local[1] vs local[2] (skipped without PySpark/Java).

    python bench/spark.py [--articles 200] [--files 4] [--pack 50] [--synthetic] [--floor] [--update-baseline]

Writes a corpus as several JSONL files (one task per file): real PolNeAR texts from
``../shared/data`` when present (distinct articles: many small blocks, as in real news),
else the invented test corpus (``tests/synth.py``: a few templates, so the articles share
many terms and form few large blocks; ``--synthetic`` forces it). Runs the whole job
(article stages, blocking, corpus stages per block, Parquet tables) with each master and
prints articles/s, the time per phase, the blocks and the speed-up. Spark start-up is
excluded: a warm-up run comes first. ``--floor`` checks the rates and the speed-up pinned in
``bench/baseline.json`` (the default sizes on PolNeAR).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from baseline import add_arguments, report  # noqa: E402
from synth import article  # noqa: E402

POLNEAR = HERE.parents[1] / "shared" / "data" / "quotes" / "polnear"


def _records(articles: int, synthetic: bool) -> list[dict[str, str]]:
    texts = [] if synthetic else sorted((POLNEAR / "train" / "text").glob("*.txt"))[:articles]
    if len(texts) == articles:
        return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in texts]
    rng = random.Random(0)
    return [article(i, rng) for i in range(articles)]


def write_corpus(directory: Path, articles: int, files: int, synthetic: bool = False) -> list[str]:
    """``files`` JSONL files holding ``articles`` records (ids unique across files)."""
    records = _records(articles, synthetic)
    paths = []
    for f in range(files):
        path = directory / f"part{f:03d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records[f::files]))
        paths.append(str(path))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--pack", type=int, default=50, help="articles per packed block")
    parser.add_argument("--synthetic", action="store_true", help="invented articles even where PolNeAR is present")
    add_arguments(parser)
    args = parser.parse_args()
    try:
        from newsloom.spark import check_environment
        from newsloom.spark.job import run

        check_environment()
    except (ImportError, RuntimeError) as exc:
        print(f"bench/spark.py: skipped ({exc})")
        return 0
    pack = args.pack
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_corpus(Path(tmp), args.articles, args.files, args.synthetic)
        run(inputs[:1], f"{tmp}/warmup", master="local[1]", pack=pack)
        rates = {}
        for master in ("local[1]", "local[2]"):
            info: dict[str, float] = {}
            t0 = time.perf_counter()
            counts = run(inputs, f"{tmp}/{master[-2]}", master=master, partitions=args.files, pack=pack, info=info)
            secs = time.perf_counter() - t0
            rates[master] = counts["articles"] / secs
            figures[f"local{master[-2]}.articles_per_s"] = rates[master]
            print(f"{master}: {counts['articles']} articles in {secs:.1f} s = {rates[master]:.1f} articles/s"
                  f" (article stages {info['seconds_articles']:.1f} s, blocking {info['seconds_blocking']:.1f} s,"
                  f" corpus stages + Parquet {info['seconds_corpus']:.1f} s)")
            print(f"  blocks: {info['blocks']:.0f} (largest {info['largest_block']:.0f} articles, "
                  f"{info['edges']:.0f} candidate pairs, {info['rounds']:.0f} rounds); rows: "
                  + ", ".join(f"{t} {n}" for t, n in counts.items()))
        print(f"speed-up local[2] / local[1]: {rates['local[2]'] / rates['local[1]']:.2f}x")
    figures["speedup"] = rates["local[2]"] / rates["local[1]"]
    # pinned for make bench's run: the default sizes on PolNeAR texts
    polnear = not args.synthetic and len(sorted((POLNEAR / "train" / "text").glob("*.txt"))) >= args.articles
    config = "" if (args.articles, args.files, args.pack) == (200, 4, 50) else f"a{args.articles}f{args.files}p{pack}."
    prefix = config + ("" if polnear else "synthetic.")
    return report("spark", {prefix + k: v for k, v in figures.items()}, args)


if __name__ == "__main__":
    sys.exit(main())
