"""Benchmark quote detection and speaker attribution on PolNeAR dev.

    python bench/quotes.py [--data ../shared/data] [--split dev] [--no-model] [--errors N]

Gold: the brat ``Content`` spans that contain a quotation mark (one annotator per article,
the first by file name); its kind is ``direct`` when the span opens with a quotation mark,
else ``partial``. Predictions: newsloom's ``direct`` and ``partial`` quotes, and ``indirect`` statements
that hold a partial quote (counted as partial); scare quotes and other indirect speech are
left out.

* A gold span is *found* at overlap t when the predicted spans touching it cover it with
  intersection-over-union ≥ t (the parts of a split quote together cover one gold span).
  A prediction is *correct* at t when at least a share t of it lies in a found gold span.
* Speaker accuracy, over gold spans found at 0.3 with a gold ``Source``: the predicted
  speaker (its canonical name in the article) shares a name word with the source, or for a
  common-noun source ("the spokesman") its head word. A pronoun source counts as matched
  when the speaker matches the nearest named gold source before it in the same article
  (the person the pronoun most plausibly refers to; PolNeAR does not resolve pronouns).

Skips with a message (exit 0) when the data is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

QUOTE_MARKS = "“”\"«»„"
PRONOUNS = {"he", "she", "him", "her", "they", "i", "we", "it", "his", "hers", "their", "you"}


@dataclass
class Gold:
    spans: list[tuple[int, int]]
    kind: str
    source: str | None = None
    source_start: int = -1
    chars: set[int] = field(default_factory=set)


def read_ann(path: Path, text: str) -> list[Gold]:
    """Gold quotations (Content spans with quotation marks) and their sources."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    links: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offs = parts[1].partition(" ")
            frags = [tuple(int(x) for x in f.split()) for f in offs.split(";")]
            spans[parts[0]] = (label, frags, parts[2])  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, list[str]] = defaultdict(list)
            for item in parts[1].split():
                key, _, ref = item.partition(":")
                roles[re.sub(r"\d+$", "", key)].append(ref)
            links.append(roles)
    out: list[Gold] = []
    for roles in links:
        for cid in roles.get("Content", []):
            label, frags, content = spans.get(cid, ("", [], ""))
            if not any(c in content for c in QUOTE_MARKS):
                continue
            kind = "direct" if content.lstrip(" (—–-")[:1] in QUOTE_MARKS else "partial"
            g = Gold(spans=list(frags), kind=kind)
            for a, b in frags:
                g.chars.update(range(a, b))
            src = [spans[s] for s in roles.get("Source", []) if s in spans]
            if src:
                g.source = " ".join(s[2] for s in src)
                g.source_start = src[0][1][0][0]
            out.append(g)
    return out


def _name_words(s: str) -> set[str]:
    words = re.findall(r"[A-Za-z][\w’'\-]*", s)
    return {re.sub(r"['’]s$", "", w).lower() for w in words if w[0].isupper() and len(w) > 2}


def _head(s: str) -> str:
    words = re.findall(r"[a-z][\w\-]*", s.lower())
    return words[-1] if words else ""


def speaker_ok(pred: str | None, gold: Gold, golds: list[Gold]) -> bool:
    if not pred or not gold.source:
        return False
    source = gold.source
    if source.lower().strip() in PRONOUNS:
        named = [g for g in golds if g.source and g.source_start < gold.source_start and _name_words(g.source)
                 and g.source.lower().strip() not in PRONOUNS]
        if not named:
            return False
        source = max(named, key=lambda g: g.source_start).source or ""
    gw, pw = _name_words(source), _name_words(pred)
    if gw:
        return bool(gw & pw)
    return _head(source) == _head(pred) and bool(_head(source))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--no-model", action="store_true", help="rules only, even when the model is installed")
    ap.add_argument("--errors", type=int, default=0, help="print this many speaker errors")
    args = ap.parse_args()
    base = args.data / "quotes" / "polnear" / args.split
    if not (base / "text").is_dir():
        print(f"skipped: {base} is absent")
        return 0

    from newsloom import attribution
    from newsloom.model import Article

    if args.no_model:
        attribution.model.cache_clear()
        attribution.model.__wrapped__ = lambda: None  # type: ignore[attr-defined]
        use_model = False
    else:
        use_model = attribution.model() is not None
    thresholds = (0.3, 0.8)
    found = {t: defaultdict(int) for t in thresholds}
    correct = {t: defaultdict(int) for t in thresholds}
    n_gold: dict[str, int] = defaultdict(int)
    n_pred: dict[str, int] = defaultdict(int)
    spk_total = spk_right = 0
    errors: list[str] = []
    elapsed = 0.0
    texts = sorted((base / "text").glob("*.txt"))
    for path in texts:
        anns = sorted((base / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        golds = read_ann(anns[0], text)
        t0 = time.perf_counter()
        art = Article(id=path.stem, source=str(path), fingerprint=path.stem, text=text)
        analysis = attribution.analyse(art, attribution.parse(text) if use_model else None)
        elapsed += time.perf_counter() - t0
        names = {(m.start, m.end): e.name for e in analysis.entities for m in e.mentions}
        # reported speech around a partial quote is one gold Content span: count it as partial
        preds = [a for a in analysis.attributions if a.kind in ("direct", "partial")
                 or (a.kind == "indirect" and any(c in text[a.start : a.end] for c in QUOTE_MARKS))]
        for a in preds:
            a.kind = "partial" if a.kind == "indirect" else a.kind
        pchars = [set(range(a.start, a.end)) for a in preds]
        for g in golds:
            n_gold[g.kind] += 1
        for a in preds:
            n_pred[a.kind] += 1
        for t in thresholds:
            found_golds = []
            for g in golds:
                touching = [k for k, pc in enumerate(pchars) if pc & g.chars]
                cover = set().union(*(pchars[k] for k in touching)) if touching else set()
                if cover and len(cover & g.chars) / len(cover | g.chars) >= t:
                    found[t][g.kind] += 1
                    found_golds.append((g, touching))
            for a, pc in zip(preds, pchars, strict=True):
                if any(len(pc & g.chars) / len(pc) >= t for g, _ in found_golds):
                    correct[t][a.kind] += 1
            if t == 0.3:
                for g, touching in found_golds:
                    if not g.source:
                        continue
                    best = max(touching, key=lambda k: len(pchars[k] & g.chars))
                    a = preds[best]
                    speaker = names.get((a.speaker_start, a.speaker_end), a.speaker_text)
                    spk_total += 1
                    ok = speaker_ok(speaker, g, golds)
                    spk_right += ok
                    if not ok and len(errors) < args.errors:
                        errors.append(f"{path.stem[:40]}: gold {g.source!r} got {speaker!r} ({a.via}) "
                                      f"| {text[a.start:a.end][:60]!r}")

    def prf(tp_p: int, np_: int, tp_r: int, ng: int) -> str:
        p = tp_p / np_ if np_ else 0.0
        r = tp_r / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}"

    print(f"PolNeAR {args.split}: {len(texts)} articles, {sum(n_gold.values())} gold quotes "
          f"({', '.join(f'{k} {v}' for k, v in sorted(n_gold.items()))}), "
          f"{sum(n_pred.values())} predicted; model: {'en_newsloom' if use_model else 'none (rules)'}")
    for t in thresholds:
        overall = prf(sum(correct[t].values()), sum(n_pred.values()), sum(found[t].values()), sum(n_gold.values()))
        print(f"overlap ≥ {t}: all      {overall}")
        for kind in ("direct", "partial"):
            print(f"              {kind:8} {prf(correct[t][kind], n_pred[kind], found[t][kind], n_gold[kind])}")
    acc = 100 * spk_right / spk_total if spk_total else 0.0
    print(f"speaker accuracy (found at 0.3, gold source given): {acc:.1f}  ({spk_right}/{spk_total})")
    print(f"speed: {len(texts) / elapsed:.1f} articles/s")
    for e in errors:
        print("  " + e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
