"""Benchmark: provenance and stories on invented coverage of real shapes.

    python bench/coverage.py [--split dev|test|all] [--errors] [--floor]

``bench/coverage/families/`` holds 36 event families written for this benchmark by writers
who never read newsloom's code (invented events, people and outlets): per family an agency
original, a scraper copy with web furniture, a credited and an uncredited rewrite, the
agency's follow-up (new facts, reused background), an independent report of the same event,
a same-topic decoy about another event, and some of: an opinion piece citing the story, a
second copy, a headline-only item. Each family's ``.gold.json`` gives every derivation
(kind ``copy``, ``rewrite``, ``partial``, ``update``; credited or not) and the stories.

All families are analysed together (one corpus, so families can be confused), and scored on
the families of the split: ``dev`` (two thirds, the ones errors are read from) or ``test``
(every third family, f03, f06, …: held out, figures only, never ``--errors``).

Figures: derivation precision and recall on article pairs (a predicted pair is right when the
gold links the two articles, in either direction), direction on the right pairs, kind
accuracy, ``update`` recall, credit accuracy, originals and their outlet's follow-ups
derived from a copy or rewrite of them (must be 0), and stories' BCubed F1 over the
split's articles.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAMILIES = HERE / "coverage" / "families"
sys.path.insert(0, str(HERE))

from baseline import add_arguments, report  # noqa: E402


def families() -> dict[str, dict]:
    out = {}
    for gold in sorted(FAMILIES.glob("f*.gold.json")):
        fam = gold.name.split(".")[0]
        out[fam] = json.loads(gold.read_text(encoding="utf-8"))
    return out


def split_of(family: str) -> str:
    return "test" if int(family[1:]) % 3 == 0 else "dev"


def analyse(db: Path) -> None:
    from newsloom import Pipeline, Store

    with Store(str(db)) as store:
        Pipeline(store).run(sorted(str(p) for p in FAMILIES.glob("f*.jsonl")))


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> float:
    """BCubed F1 of a clustering ``pred`` (item -> cluster) against ``gold``."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i, c in pred.items():
        by_pred[c].add(i)
    for i, c in gold.items():
        by_gold[c].add(i)
    items = list(gold)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in items) / len(items)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return 2 * p * r / (p + r) if p + r else 0.0


def score(result, fams: dict[str, dict], split: str, errors: bool) -> dict[str, float]:
    chosen = {f: g for f, g in fams.items() if split == "all" or split_of(f) == split}
    ids = {a for g in chosen.values() for a in g["articles"]}
    gold = {(d["derived"], d["source"]): d for g in chosen.values() for d in g["derivations"]}
    gold_pairs = {frozenset(k): k for k in gold}
    pred = [d for d in result.derivations if d.derived_id in ids or d.source_id in ids]
    pred = [d for d in pred if not d.source_id.startswith("external:")]
    right = [d for d in pred if frozenset((d.derived_id, d.source_id)) in gold_pairs]
    found = {frozenset((d.derived_id, d.source_id)) for d in right}
    direction = [d for d in right if (d.derived_id, d.source_id) in gold]
    kind_ok = [d for d in direction if gold[(d.derived_id, d.source_id)]["kind"] == d.kind]
    credit_ok = [d for d in direction if gold[(d.derived_id, d.source_id)]["credited"] == d.credited]
    updates = [k for k, d in gold.items() if d["kind"] == "update"]
    pred_kind = {(d.derived_id, d.source_id): d.kind for d in pred}
    # the mistake a provenance tool must never make: an original, or its outlet's own
    # follow-up, derived from someone's copy or rewrite of it
    role = {a: r for g in chosen.values() for a, r in g["articles"].items()}
    retellers = {"scraper_copy", "second_copy", "credited_rewrite", "uncredited_rewrite", "opinion", "short_item"}
    accused = [d for d in pred if role.get(d.derived_id) in ("original", "follow_up")
               and role.get(d.source_id) in retellers]
    story_of = {a: s.id for s in result.stories for a in s.article_ids if a in ids}
    gold_story = {a: f"{f}/{i}" for f, g in chosen.items() for i, st in enumerate(g["stories"]) for a in st}
    pred_story = {a: story_of.get(a, "alone:" + a) for a in gold_story}
    figures = {
        "derivations.p": len(right) / len(pred) if pred else 1.0,
        "derivations.r": len(found) / len(gold_pairs) if gold_pairs else 1.0,
        "direction": len(direction) / len(right) if right else 1.0,
        "kind": len(kind_ok) / len(direction) if direction else 1.0,
        "credit": len(credit_ok) / len(direction) if direction else 1.0,
        "update.r": sum(pred_kind.get(k) == "update" for k in updates) / len(updates) if updates else 1.0,
        "originals_accused": float(len(accused)),
        "stories.bcubed_f1": bcubed(pred_story, gold_story),
    }
    print(f"{split}: {len(chosen)} families, {len(ids)} articles, {len(gold)} gold derivations, {len(pred)} predicted")
    for k, v in figures.items():
        print(f"  {k:20} {v:.3f}" if k != "originals_accused" else f"  {k:20} {int(v)}")
    if errors:
        for d in pred:
            k = (d.derived_id, d.source_id)
            if k not in gold or gold[k]["kind"] != d.kind or gold[k]["credited"] != d.credited:
                want = gold.get(k) or gold.get((d.source_id, d.derived_id))
                print(f"  predicted {d.derived_id}({role.get(d.derived_id)}) <- {d.source_id}({role.get(d.source_id)}) "
                      f"{d.kind} credited={d.credited} score={d.score}; gold: "
                      f"{want['kind'] + ' credited=' + str(want['credited']) if want else 'none'}"
                      f"{' (reversed)' if want and k not in gold else ''}")
        for k, g in gold.items():
            if frozenset(k) not in found:
                print(f"  missed {k[0]}({role.get(k[0])}) <- {k[1]}({role.get(k[1])}) {g['kind']}")
        by_pred = defaultdict(list)
        for a, s in pred_story.items():
            by_pred[s].append(a)
        for members in by_pred.values():
            if len({gold_story[a] for a in members}) > 1:
                print(f"  story mixes {sorted(members)}")
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--errors", action="store_true", help="list the wrong and missed derivations (dev only)")
    ap.add_argument("--db", type=Path, default=None, help="reuse (or keep) the analysed store here")
    add_arguments(ap)
    args = ap.parse_args()
    if args.errors and args.split != "dev":
        ap.error("--errors reads the dev families only: the test families are held out")
    fams = families()
    if not fams:
        print(f"skipped: no families under {FAMILIES}")
        return 0
    from newsloom import Store

    db = args.db or Path(tempfile.mkdtemp()) / "coverage.db"
    if not db.exists():
        analyse(db)
    with Store(str(db)) as store:
        result = store.result()
    figures = score(result, fams, args.split, args.errors)
    return report("coverage", {f"{args.split}.{k}": round(v, 3) for k, v in figures.items()}, args)


if __name__ == "__main__":
    sys.exit(main())
