"""Benchmark: stories from headlines alone, against a TF-IDF single pass.

    python bench/headlines.py [--split dev|test|all] [--set coverage|polnear|both] [--floor]

Two sets of headline-only items (title, outlet and date, no body), each grouped by
``newsloom analyze`` and by the baseline in the same run, the plain single pass used for
headline streams: TF-IDF over the titles, each item in date order joining the running
centroid it is most similar to when the cosine reaches 0.1, else starting a new cluster.
Both are scored by BCubed F1 on the split's items:

- ``coverage``: every article of the coverage families (``bench/coverage/families``); the
  gold stories are the families' (an event's coverage is one story, each decoy another);
  ``test``: every third family, held out;
- ``polnear``: the titles of PolNeAR's news (``../shared/data/quotes/polnear/metadata.tsv``,
  skipped when absent; US politics 2015-16, several outlets, many events a day sharing the
  same names), grouped by event by a blind reader who saw only titles, dates and outlets
  (``bench/headlines_polnear.tsv``: the items of events of two or more, by PolNeAR's file
  name; every other item is an event of its own); ``test``: the items of every third event
  (by a hash of its id), all items clustered together as in use.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
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

POLNEAR = HERE.parent.parent / "shared" / "data" / "quotes" / "polnear" / "metadata.tsv"
POLNEAR_EVENTS = HERE / "headlines_polnear.tsv"

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


def coverage_gold(split: str) -> dict[str, str]:
    return {a: f"{f}/{i}" for f, g in families().items() if split == "all" or split_of(f) == split
            for i, st in enumerate(g["stories"]) for a in st}


def polnear_items() -> list[dict]:
    """PolNeAR's titles with their outlet and date (items without either are skipped)."""
    if not POLNEAR.is_file():
        return []
    with POLNEAR.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [{"id": r["filename"], "title": r["title"], "text": r["title"], "site": r["publisher"],
             "date": r["publication_date"]} for r in rows
            if r["title"] not in ("", "None") and r["publication_date"] not in ("", "None")]


def _event_split(event: str) -> str:
    return "test" if int(hashlib.sha1(event.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def polnear_gold(rows: list[dict], split: str) -> dict[str, str]:
    with POLNEAR_EVENTS.open(encoding="utf-8") as f:
        events = {r["filename"]: r["event"] for r in csv.DictReader(f, delimiter="\t")}
    gold = {r["id"]: events.get(r["id"], "alone:" + r["id"]) for r in rows}
    return {a: e for a, e in gold.items() if split == "all" or _event_split(e) == split}


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


def stories(rows: list[dict]) -> dict[str, str]:
    """newsloom's story of each item."""
    from newsloom import Pipeline, Store

    with tempfile.TemporaryDirectory() as t:
        src = Path(t) / "headlines.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        with Store(str(Path(t) / "h.db")) as store:
            Pipeline(store).run([str(src)])
            result = store.result()
    story_of = {a: s.id for s in result.stories for a in s.article_ids}
    # an item whose text was already stored (the same title twice) is that article: its story
    twin = {}
    for r in rows:
        if r["id"] in story_of:
            twin.setdefault(r["text"], story_of[r["id"]])
    return {r["id"]: story_of.get(r["id"]) or twin.get(r["text"], "alone:" + r["id"]) for r in rows}


def score(name: str, rows: list[dict], gold: dict[str, str]) -> dict[str, float]:
    ours, base = stories(rows), tfidf_single_pass(rows)
    figures = {"newsloom.bcubed_f1": round(bcubed({a: ours[a] for a in gold}, gold), 3),
               "tfidf.bcubed_f1": round(bcubed({a: base[a] for a in gold}, gold), 3)}
    figures["gain"] = round(figures["newsloom.bcubed_f1"] - figures["tfidf.bcubed_f1"], 3)
    print(f"{name}: {len(gold)} headlines scored (of {len(rows)} clustered), {len(set(gold.values()))} gold stories")
    for k, v in figures.items():
        print(f"  {k:22} {v:.3f}")
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=["dev", "test", "all"])
    ap.add_argument("--set", default="both", choices=["coverage", "polnear", "both"])
    add_arguments(ap)
    args = ap.parse_args()
    figures: dict[str, float] = {}
    if args.set in ("coverage", "both"):
        if families():
            got = score(f"coverage {args.split}", items(), coverage_gold(args.split))
            figures |= {f"{args.split}.{k}": v for k, v in got.items()}
        else:
            print(f"coverage: skipped, no families under {FAMILIES}")
    if args.set in ("polnear", "both"):
        if rows := polnear_items():
            got = score(f"polnear {args.split}", rows, polnear_gold(rows, args.split))
            figures |= {f"polnear.{args.split}.{k}": v for k, v in got.items()}
        else:
            print(f"polnear: skipped, no metadata at {POLNEAR}")
    return report("headlines", figures, args)


if __name__ == "__main__":
    sys.exit(main())
