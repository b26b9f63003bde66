"""Benchmark: stories from headlines alone, against a TF-IDF single pass.

    python bench/headlines.py [--split dev|test|all] [--floor]

Every article of the coverage families (``bench/coverage/families``) as a headline-only
item: its title, outlet and date, no body. The gold stories are the families' (an event's
coverage is one story, each decoy another). ``newsloom analyze`` groups the items; the
baseline in the same run is the plain single pass used for headline streams: TF-IDF over
the titles, each item in date order joining the running centroid it is most similar to when
the cosine reaches 0.1, else starting a new cluster. Both are scored by BCubed F1 on the
split's families (``test``: every third family, held out).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baseline import add_arguments, report  # noqa: E402
from coverage import FAMILIES, bcubed, families, split_of  # noqa: E402

BASELINE_JOIN = 0.1
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")


def items() -> list[dict]:
    out = []
    for path in sorted(FAMILIES.glob("f*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out.append({"id": r["id"], "title": r["title"], "text": r["title"], "site": r["site"], "url": r["url"],
                        "date": r["date"]})
    return out


def tfidf_single_pass(rows: list[dict]) -> dict[str, str]:
    """Cluster of each item: TF-IDF vectors, a single pass in date order, cosine to centroids."""
    docs = {r["id"]: Counter(_WORD.findall(r["title"].lower())) for r in rows}
    df = Counter(w for c in docs.values() for w in c)
    n = len(docs)
    vec = {}
    for i, c in docs.items():
        v = {w: tf * math.log((n + 1) / (df[w] + 1)) + 0.0 for w, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vec[i] = {w: x / norm for w, x in v.items()}
    centroids: list[Counter[str]] = []
    out = {}
    for r in sorted(rows, key=lambda r: (r["date"], r["id"])):
        v = vec[r["id"]]
        best, best_sim = None, 0.0
        for k, c in enumerate(centroids):
            cn = math.sqrt(sum(x * x for x in c.values())) or 1.0
            sim = sum(x * c.get(w, 0.0) for w, x in v.items()) / cn
            if sim > best_sim:
                best, best_sim = k, sim
        if best is None or best_sim < BASELINE_JOIN:
            centroids.append(Counter(v))
            best = len(centroids) - 1
        else:
            centroids[best].update(v)
        out[r["id"]] = f"c{best}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    add_arguments(ap)
    args = ap.parse_args()
    fams = families()
    if not fams:
        print(f"skipped: no families under {FAMILIES}")
        return 0
    from newsloom import Pipeline, Store

    rows = items()
    with tempfile.TemporaryDirectory() as t:
        src = Path(t) / "headlines.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        with Store(str(Path(t) / "h.db")) as store:
            Pipeline(store).run([str(src)])
            result = store.result()
    chosen = {f: g for f, g in fams.items() if args.split == "all" or split_of(f) == args.split}
    gold = {a: f"{f}/{i}" for f, g in chosen.items() for i, st in enumerate(g["stories"]) for a in st}
    story_of = {a: s.id for s in result.stories for a in s.article_ids}
    ours = {a: story_of.get(a, "alone:" + a) for a in gold}
    base = tfidf_single_pass(rows)
    figures = {"newsloom.bcubed_f1": round(bcubed(ours, gold), 3),
               "tfidf.bcubed_f1": round(bcubed({a: base[a] for a in gold}, gold), 3)}
    figures["gain"] = round(figures["newsloom.bcubed_f1"] - figures["tfidf.bcubed_f1"], 3)
    print(f"{args.split}: {len(gold)} headlines, {len(set(gold.values()))} gold stories, "
          f"{len(result.rejected)} rejected")
    for k, v in figures.items():
        print(f"  {k:22} {v:.3f}")
    return report("headlines", {f"{args.split}.{k}": v for k, v in figures.items()}, args)


if __name__ == "__main__":
    sys.exit(main())
