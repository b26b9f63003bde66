"""Benchmark: wire-credit detection on PolNeAR (skipped when ../shared is absent).

PolNeAR's ``metadata.tsv`` names the wire service behind each article (``wire``: AP, AFP,
Reuters, UPI, or None; ``NA`` = unknown, left out). Each text is cleaned and its
``credited_source`` compared with the wire. Precision counts credits that name a wire;
credits of other outlets ("first appeared on …") are listed apart, not counted as errors.

    python bench/credit.py [--errors]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from newsloom.clean import clean
from newsloom.model import RawDocument

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
WIRES = {"ap": "AP", "associated press": "AP", "afp": "AFP", "agence france-presse": "AFP",
         "reuters": "Reuters", "upi": "UPI", "united press international": "UPI"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("--errors", action="store_true", help="list misses and false credits")
    args = parser.parse_args()
    meta_path = args.data / "metadata.tsv"
    if not meta_path.exists():
        print(f"bench/credit.py: skipped, no {meta_path}")
        return 0
    files = {p.stem: p for p in args.data.glob("*/text/*.txt")}
    tp = fp = fn = 0
    other: Counter[str] = Counter()
    for row in csv.DictReader(meta_path.open(encoding="utf-8"), delimiter="\t"):
        path = files.get(row["filename"])
        if path is None or row["wire"] not in WIRES.keys() | {"None"} and row["wire"].lower() not in WIRES:
            continue
        gold = WIRES.get(row["wire"].lower())
        credit = clean(RawDocument(source=str(path), text=path.read_text(encoding="utf-8"))).credited_source
        pred = WIRES.get((credit or "").lower())
        if credit and not pred:
            other[credit] += 1
        if pred and pred == gold:
            tp += 1
            continue
        if pred:
            fp += 1
        if gold:
            fn += 1
        if args.errors and (pred or gold):
            print(f"  {row['filename']}: wire {gold}, credited {credit}")
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"wire credit on PolNeAR: {tp + fn} wire articles, P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    print(f"other outlets credited (not wires): {sum(other.values())} {dict(other.most_common(5))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
