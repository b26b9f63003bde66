"""Benchmark: wire-credit detection on PolNeAR (skipped when ../shared is absent).

PolNeAR's ``metadata.tsv`` names the wire service behind each article (``wire``: AP, AFP,
Reuters, UPI, or None; ``NA`` = unknown, left out). Each text is cleaned and its
``credited_source`` compared with the wire. Precision counts credits that name a wire;
credits of other outlets ("first appeared on …") are listed apart, not counted as errors.

``credited_source`` is the outlet an article *says* it comes from, so recall is scored on
the wire articles whose text attributes them somehow: it names the wire (a dateline code,
a sign-off, a contributor line, or only a citation such as "based on an Associated Press
count") or carries a reporting/editing sign-off ("(Reporting by …; Editing by …)"). A few
wire-labelled texts do neither (two of AP's "10 Things to Know for Today" digests and one
Reuters story as republished; the column follows the page's byline, which the text does
not carry): nothing in them can be credited, so they are counted apart, and the recall
over all wire-labelled articles is printed beside it. One text labelled ``None`` signs
off "- Reuters." and counts as a false credit, as the label says.

    python bench/credit.py [--errors] [--floor] [--update-baseline]

``--floor`` checks the figures pinned in ``bench/baseline.json``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

from baseline import add_arguments, report
from newsloom.clean import clean
from newsloom.model import RawDocument

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
WIRES = {"ap": "AP", "associated press": "AP", "afp": "AFP", "agence france-presse": "AFP",
         "reuters": "Reuters", "upi": "UPI", "united press international": "UPI"}
# Any mention of a wire in a text: its code as a word (case kept), or its name.
_NAMED = {wire: re.compile("|".join(rf"\b{re.escape(k.upper()) if len(k) <= 3 else '(?i:' + re.escape(k) + ')'}\b"
                                     for k, w in WIRES.items() if w == wire)) for wire in set(WIRES.values())}


_SIGN_OFF = re.compile(r"\b(?:reporting|writing|editing)\s+by\b", re.I)


def attributed(text: str, wire: str) -> bool:
    """The text names ``wire`` or signs off with its reporters and editors: it could be
    credited from the text alone."""
    return bool(_NAMED[wire].search(text) or _SIGN_OFF.search(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=POLNEAR)
    parser.add_argument("--errors", action="store_true", help="list misses and false credits")
    add_arguments(parser)
    args = parser.parse_args()
    meta_path = args.data / "metadata.tsv"
    if not meta_path.exists():
        print(f"bench/credit.py: skipped, no {meta_path}")
        return 0
    files = {p.stem: p for p in args.data.glob("*/text/*.txt")}
    tp = fp = fn = unnamed = unnamed_tp = 0
    other: Counter[str] = Counter()
    for row in csv.DictReader(meta_path.open(encoding="utf-8"), delimiter="\t"):
        path = files.get(row["filename"])
        if path is None or row["wire"] not in WIRES.keys() | {"None"} and row["wire"].lower() not in WIRES:
            continue
        gold = WIRES.get(row["wire"].lower())
        text = path.read_text(encoding="utf-8")
        credit = clean(RawDocument(source=str(path), text=text)).credited_source
        pred = WIRES.get((credit or "").lower())
        if credit and not pred:
            other[credit] += 1
        if gold and not attributed(text, gold):  # not creditable from the text: counted apart
            unnamed += 1
            unnamed_tp += pred == gold
            if args.errors:
                print(f"  {row['filename']}: wire {gold} (not attributed in the text), credited {credit}")
            continue
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
    print(f"wire credit on PolNeAR: {tp + fn} wire articles attributed in their text, "
          f"P {p:.3f} R {r:.3f} F1 {2 * p * r / max(1e-9, p + r):.3f}")
    r_all = (tp + unnamed_tp) / max(1, tp + fn + unnamed)
    print(f"  all {tp + fn + unnamed} wire-labelled articles: R {r_all:.3f} "
          f"({unnamed} not attributed in their text, {unnamed_tp} of them credited anyway)")
    print(f"other outlets credited (not wires): {sum(other.values())} {dict(other.most_common(5))}")
    f1 = 2 * p * r / max(1e-9, p + r)
    figures = {"attributed.p": p, "attributed.r": r, "attributed.f1": f1, "all.r": r_all}
    return report("credit", figures if args.data == POLNEAR else {f"custom.{k}": v for k, v in figures.items()}, args)


if __name__ == "__main__":
    sys.exit(main())
