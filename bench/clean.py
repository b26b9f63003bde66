"""Benchmark: ingest + cleaning throughput, the whole pipeline's, and peak memory.

Reads the PolNeAR article texts from ``../shared/data/quotes/polnear`` (skipped when
absent), writes them as plain-text files, and runs the full ``analyze`` path (ingest,
decode, clean, SQLite store) several times over fresh stores until at least
``--articles`` articles have been processed. Prints articles/s and peak RSS (of ingest +
clean + store, before the whole pipeline loads the model, and of the whole run).

    python bench/clean.py [--articles 3000] [--full 100] [--floor] [--update-baseline]

``--floor`` checks the figures pinned in ``bench/baseline.json`` (default sizes only).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from baseline import add_arguments, report
from newsloom.clean import clean
from newsloom.model import RawDocument
from newsloom.pipeline import Pipeline
from newsloom.store import Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("--full", type=int, default=100,
                        help="also run the whole default pipeline (NLP, quotes, dates, provenance, stories, "
                             "digest) on this many articles (0: skip)")
    add_arguments(parser)
    args = parser.parse_args()
    texts = sorted(args.data.glob("*/text/*.txt"))
    if not texts:
        print(f"bench/clean.py: skipped, no PolNeAR texts under {args.data}")
        return 0
    rounds = max(1, -(-args.articles // len(texts)))

    t0 = time.perf_counter()
    docs = [RawDocument(source=str(p), text=p.read_text(encoding="utf-8")) for p in texts]
    n = 0
    for _ in range(rounds):
        for d in docs:
            clean(d)
            n += 1
    clean_rate = n / (time.perf_counter() - t0)

    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        t0 = time.perf_counter()
        for r in range(rounds):
            with Store(Path(tmp) / f"bench{r}.db") as store:
                n += Pipeline(store, article_stages=[], corpus_stages=[]).run([args.data]).added
        full_rate = n / (time.perf_counter() - t0)
    ingest_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before any model is loaded
    full_line, whole_rate = "", None
    if args.full:
        subset = texts[: args.full]
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in subset)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            with Store(Path(tmp) / "full.db") as store:
                added = Pipeline(store).run(subset).added
            secs = time.perf_counter() - t0
        whole_rate = added / secs
        full_line = (f"whole pipeline:           {added / secs:8.1f} articles/s ({added} articles, "
                     f"{words / secs:,.0f} words/s, model load included)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: PolNeAR, {len(texts)} articles x {rounds} rounds")
    print(f"clean only:               {clean_rate:8.1f} articles/s")
    print(f"ingest + clean + store:   {full_rate:8.1f} articles/s ({n} articles)")
    if full_line:
        print(full_line)
    print(f"peak RSS:                 {ingest_mb:8.1f} MB ingest + clean + store, {peak_mb:.1f} MB in all")
    figures = {"clean.articles_per_s": clean_rate, "ingest_store.articles_per_s": full_rate,
               "ingest_store.peak_rss_mb": ingest_mb}
    if whole_rate is not None:
        figures |= {"whole.articles_per_s": whole_rate, "whole.peak_rss_mb": peak_mb}
    default = args.articles == 3000 and args.full == 100 and args.data == POLNEAR
    return report("clean", figures if default else {f"custom.{k}": v for k, v in figures.items()}, args)


if __name__ == "__main__":
    sys.exit(main())
