"""TIMEX3 extraction and normalisation on TempEval-3 (TimeBank + AQUAINT).

    python bench/time.py [DATA_DIR] [--errors [N]] [--floor] [--update-baseline]
                                                     (default ../shared/data/time/tempeval3)

For each corpus and overall: span P/R/F1 under strict (same offsets) and relaxed
(overlapping) matching, and value P/R/F1 as TempEval-3 defines it — a system expression
counts when it relaxed-matches a gold one and has the same value, over all system / all
gold expressions. Each document is resolved against its DCT. Skips with a message when
the data is absent.

``--errors N`` then prints, over all documents, the count of each error class — ``missed``
(gold with no overlapping system expression), ``spurious`` (system with no overlapping
gold), ``value`` (overlapping, other value), ``span`` (overlapping, same value, other
offsets) — and up to N examples of each (default 20), most frequent first: system and
gold text and value, the DCT and the sentence around them.

Speed: articles/s of the dates + figures stages together on PolNeAR train texts
(../shared/data/quotes/polnear/train/text, published date from the file name), best of
three rounds on one core; skipped when absent. A figure, never an assertion in the tests;
``--floor`` checks it, with the accuracy figures, against ``bench/baseline.json``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from baseline import add_arguments, report
from newsloom.model import Article
from newsloom.timeline import dates, figures
from newsloom.timeline.dates import extract

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT = SHARED / "time" / "tempeval3"
POLNEAR = SHARED / "quotes" / "polnear" / "train" / "text"
_TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>")
_VALUE_RE = re.compile(r'value="([^"]*)"')


def load(path: Path) -> tuple[str, date, list[tuple[int, int, str]]]:
    """Plain text of the TEXT element, the DCT, and the gold TIMEX3 (start, end, value)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", raw, re.DOTALL)
    assert dct, path
    body = raw[raw.index("<TEXT>") + 6:raw.index("</TEXT>")]
    out: list[str] = []
    pos, length = 0, 0
    gold: list[tuple[int, int, str]] = []
    open_timex: tuple[int, str] | None = None
    for m in _TAG_RE.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m[2] == "TIMEX3":
            if m[1]:
                assert open_timex
                gold.append((open_timex[0], length, open_timex[1]))
                open_timex = None
            else:
                v = _VALUE_RE.search(m[3])
                open_timex = (length, v[1] if v else "")
    out.append(body[pos:])
    text = "".join(out)
    # Entities (&amp;) stay as written: gold and system offsets are both on this text.
    return text, date(int(dct[1]), int(dct[2]), int(dct[3])), gold


def prf(tp: float, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Error:
    kind: str  # missed | spurious | value | span
    system: str  # "text" value, or "" when missed
    gold: str  # "text" value, or "" when spurious
    dct: date
    context: str


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left, right = text[max(0, start - width):start], text[end:end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def score(files: list[Path], errors: list[Error] | None = None) -> dict[str, float]:
    n_sys = n_gold = strict = relaxed_sys = relaxed_gold = value_ok = 0
    seconds = 0.0
    for path in files:
        text, dct, gold = load(path)
        t0 = time.perf_counter()
        system = extract(text, dct)
        seconds += time.perf_counter() - t0
        n_sys += len(system)
        n_gold += len(gold)
        gold_spans = {(s, e) for s, e, _ in gold}
        strict += sum((d.start, d.end) in gold_spans for d in system)
        matched_gold: set[int] = set()
        for d in system:
            hits = [i for i, (s, e, _) in enumerate(gold) if s < d.end and d.start < e and i not in matched_gold]
            sys_str = f"{d.text!r} {d.value}"
            if not hits:
                if errors is not None:
                    errors.append(Error("spurious", sys_str, "", dct, _context(text, d.start, d.end)))
                continue
            i = hits[0]
            gs, ge, gv = gold[i]
            matched_gold.add(i)
            relaxed_sys += 1
            value_ok += d.value == gv
            if errors is not None and (d.value != gv or (d.start, d.end) != (gs, ge)):
                errors.append(Error("value" if d.value != gv else "span", sys_str, f"{text[gs:ge]!r} {gv}", dct,
                                    _context(text, min(gs, d.start), max(ge, d.end))))
        relaxed_gold += len(matched_gold)
        if errors is not None:
            errors.extend(Error("missed", "", f"{text[s:e]!r} {v}", dct, _context(text, s, e))
                          for i, (s, e, v) in enumerate(gold) if i not in matched_gold)
    sp, sr, sf = prf(strict, n_sys, n_gold)
    rp, rr, rf = prf(relaxed_sys, n_sys, n_gold)
    vp, vr, vf = prf(value_ok, n_sys, n_gold)
    return {"docs": len(files), "gold": n_gold, "system": n_sys, "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_acc": value_ok / relaxed_sys if relaxed_sys else 0.0, "value_p": vp, "value_r": vr,
            "value_f1": vf, "docs_per_s": len(files) / seconds if seconds else 0.0}


def _shape(expr: str) -> str:
    """An error's expression with digits and case folded, to group like errors."""
    return re.sub(r"\d", "9", expr.lower())


def print_errors(errors: list[Error], n: int) -> None:
    """Each error class with its count, then up to ``n`` examples, the most common shapes first."""
    for kind in ("missed", "spurious", "value", "span"):
        group = [e for e in errors if e.kind == kind]
        print(f"\n== {kind}: {len(group)}")
        counts = Counter(_shape(e.system + " | " + e.gold) for e in group)
        group.sort(key=lambda e: (-counts[_shape(e.system + " | " + e.gold)], e.system, e.gold))
        for e in group[:n]:
            pair = " -> ".join(x for x in (f"sys {e.system}" if e.system else "", f"gold {e.gold}" if e.gold else "")
                               if x)
            print(f"{pair}  (DCT {e.dct})\n    {e.context}")


def speed(text_dir: Path = POLNEAR, rounds: int = 3) -> float | None:
    """Print and return articles/s for the dates + figures stages on PolNeAR texts (None when absent)."""
    paths = sorted(text_dir.glob("*.txt")) if text_dir.is_dir() else []
    if not paths:
        print(f"speed: skipped, {text_dir} is absent")
        return None
    texts = []
    for p in paths:
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", p.name)
        texts.append((p.read_text(encoding="utf-8"), m[1] if m else None))
    best = 0.0
    for _ in range(rounds):
        dates.find_anchors.cache_clear()  # no credit for a warm cache across rounds
        t0 = time.perf_counter()
        for text, published in texts:
            art = Article(id="b", source="bench", fingerprint="b", text=text, published=published)
            figures.stage(dates.stage(art))
        best = max(best, len(texts) / (time.perf_counter() - t0))
    chars = sum(len(t) for t, _ in texts) / len(texts)
    print(f"speed: dates + figures {best:.0f} articles/s ({len(texts)} PolNeAR texts, {chars:,.0f} chars avg)")
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT, help="TempEval-3 folder (one folder a corpus)")
    parser.add_argument("--errors", nargs="?", type=int, const=20, default=0, metavar="N",
                        help="count the errors by class and show up to N of each (default 20)")
    add_arguments(parser)
    args = parser.parse_args(argv)
    root = args.data
    if not root.is_dir():
        print(f"time: skipped, {root} is absent")
        return 0
    figures: dict[str, float] = {}
    corpora = {p.name: sorted(p.glob("*.tml")) for p in sorted(root.iterdir()) if p.is_dir()}
    corpora["overall"] = [f for files in list(corpora.values()) for f in files]
    print(f"{'corpus':10} {'docs':>5} {'gold':>5} {'strict P/R/F1':>18} {'relaxed P/R/F1':>18} "
          f"{'value acc':>9} {'value F1':>8}")
    for name, files in corpora.items():
        s = score(files)
        print(f"{name:10} {s['docs']:5d} {s['gold']:5d} "
              f"{s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f} "
              f"{s['relaxed_p']:.3f}/{s['relaxed_r']:.3f}/{s['relaxed_f1']:.3f} "
              f"{s['value_acc']:9.3f} {s['value_f1']:8.3f}")
        figures |= {f"{name}.{k}": s[k] for k in ("strict_f1", "relaxed_f1", "value_acc", "value_f1")}
    rate = speed()
    if rate is not None:
        figures["speed.articles_per_s"] = rate
    if args.errors:
        errors: list[Error] = []
        score(corpora["overall"], errors)
        print_errors(errors, args.errors)
    if root != DEFAULT:
        figures = {f"custom.{k}": v for k, v in figures.items()}
    return report("time", figures, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
