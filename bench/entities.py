"""Benchmark: the entity list a reader sees, on PolNeAR's texts.

    python bench/entities.py [--set polnear|coverage] [--split dev|train|test] [--limit N] [--sample 200]
                             [--to-judge F] [--errors] [--floor]

Runs ``newsloom analyze`` over the split's texts (``../shared/data/quotes/polnear``; skipped
when absent), or over the invented coverage families of ``bench/coverage`` (``--set
coverage``: other countries and newsroom styles, all families analysed together; ``dev`` the
families errors are read from, ``test`` every third family, held out), and reports:
- automatic counts: names stored under two types (PERSON, ORG-like, PLACE), and short forms
  left beside their full names in one article (a mention of one word that is the first or
  last word of a person named in full in the same article, held by another entity);
- blind precision, when judgements exist: a random sample of entities (and the 100 with the
  most articles) is written with one context sentence each to ``--to-judge`` for a reader who
  sees nothing else; the reader's labels (OK, FRAGMENT, WRONG_TYPE, NOT_ENTITY) go to the
  judgement file, keyed by article, offsets and type only (no corpus text), so that later
  rounds reuse them and judge only what changed.

Rules are written against PolNeAR train and the coverage dev families (``--errors`` lists
what the counts flag); PolNeAR dev and the coverage test families are read for the figure only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baseline import add_arguments, report  # noqa: E402
from newsloom.entities.resolve import KINDS  # noqa: E402

POLNEAR = HERE.parent.parent / "shared" / "data" / "quotes" / "polnear"
JUDGED = HERE / "entities_judged.tsv"
LABELS = ("OK", "FRAGMENT", "WRONG_TYPE", "NOT_ENTITY")


def analyse(files: list[Path], db: Path) -> None:
    with tempfile.TemporaryDirectory() as t:
        folder = Path(t)
        for f in files:
            (folder / f.name).write_bytes(f.read_bytes())
        subprocess.run([sys.executable, "-m", "newsloom.cli", "analyze", str(folder), "--db", str(db), "-q"],
                       check=True)


def load(db: Path, families: set[str] | None = None) -> tuple[list[dict], dict[str, dict]]:
    """The store's entities and articles; ``families``: only the entities first named in
    those coverage families' articles (keyed by article id, a JSONL file holds many)."""
    from newsloom.store import Store

    with Store(str(db)) as store:
        result = store.result()
        articles = {a.id: {"id": a.id, "source": a.id if families is not None else Path(a.source).stem,
                           "text": a.text} for a in result.articles}
        entities = [e.to_dict() for e in result.entities]
    if families is not None:
        entities = [e for e in entities if e["mentions"][0]["article_id"].split("-")[0] in families]
    return entities, articles


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.lower().replace("’", "'").split()))


def two_types(entities: list[dict]) -> dict[str, set[str]]:
    """Canonical names stored under more than one kind of type."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if KINDS.get(e["type"]):
            kinds[_norm(e["name"])].add(KINDS[e["type"]])
    return {n: k for n, k in kinds.items() if len(k) > 1}


def short_forms(entities: list[dict]) -> list[tuple[str, str, str]]:
    """(article, short form, full name): a one-word mention of the first or last word of a
    person named in full in the same article, held by an entity of another type or by a
    one-word person."""
    full: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))  # article, word: owners
    for e in entities:
        if e["type"] != "PERSON":
            continue
        for m in e["mentions"]:
            words = m["text"].split()
            if len(words) >= 2:
                for w in (words[0], words[-1]):
                    full[m["article_id"]][re.sub(r"['’]s$", "", w)][e["id"]] = e["name"]
    out = []
    for e in entities:
        for m in e["mentions"]:
            word = re.sub(r"['’]s$", "", m["text"].strip())
            owners = full.get(m["article_id"], {}).get(word) if " " not in word else None
            # left beside it: under another type, or as a person of that one word ("Trump" beside
            # "Ada Trump" but held by the corpus's "Donald Trump" is another person, not a short form)
            if owners and e["id"] not in owners and (e["type"] != "PERSON" or " " not in e["name"]):
                out.append((m["article_id"], word, next(iter(owners.values()))))
    return out


def context(text: str, start: int, end: int) -> str:
    """The sentence (within its line) around a mention, the mention in [brackets]."""
    ends = [m.end() for m in re.finditer(r"[.!?][”\"']?\s|\n", text)]
    a = max((x for x in ends if x <= start), default=0)
    b = min((x for x in ends if x > end), default=len(text))
    return " ".join((text[a:start] + "[" + text[start:end] + "]" + text[end:b]).split())


def key(source: str, m: dict, etype: str) -> str:
    return f"{source}:{m['start']}:{m['end']}:{etype}"


def read_judged(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {row["key"]: row["label"] for row in csv.DictReader(f, delimiter="\t")}


def sample(entities: list[dict], n: int) -> tuple[list[dict], list[dict]]:
    """``n`` entities at random, and the 100 with the most articles. The random draw is the
    ``n`` smallest hashes of type and name, so a round that adds or drops a few entities
    keeps the rest of the sample (and its judgements)."""
    def draw(e: dict) -> str:
        return hashlib.sha1(f"{e['type']}|{e['name'].lower()}".encode()).hexdigest()

    picked = sorted(entities, key=draw)[:n]
    top = sorted(entities, key=lambda e: (-len(e["article_ids"]), e["id"]))[:100]
    return picked, top


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="polnear", choices=["polnear", "coverage"])
    ap.add_argument("--split", default="dev", choices=["dev", "train", "test"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--db", type=Path, default=None, help="reuse (or keep) the analysed store here")
    ap.add_argument("--judge-file", type=Path, default=JUDGED)
    ap.add_argument("--to-judge", type=Path, default=None, help="write the unjudged sample here for a blind reader")
    ap.add_argument("--errors", action="store_true", help="list what the automatic counts flag")
    ap.add_argument("--show", type=int, default=0, help="print 60 random entities with context (this seed)")
    add_arguments(ap)
    args = ap.parse_args()
    families = None
    if args.set == "coverage":
        import coverage

        if args.split == "train":
            ap.error("the coverage families have dev and test splits")
        files = sorted(coverage.FAMILIES.glob("f*.jsonl"))
        families = {f for f in coverage.families() if coverage.split_of(f) == args.split}
    else:
        if args.split == "test":
            ap.error("PolNeAR has train and dev splits")
        files = sorted((POLNEAR / args.split / "text").glob("*.txt"))[: args.limit]
    if not files:
        print(f"skipped: no PolNeAR texts under {POLNEAR}")
        return 0
    db = args.db or Path(tempfile.mkdtemp()) / "entities.db"
    if not db.exists():
        analyse(files, db)
    entities, articles = load(db, families)
    split_types = two_types(entities)
    shorts = short_forms(entities)
    print(f"{args.set} {args.split}: {len(files)} files, {len(entities)} entities "
          f"({sum(e['type'] == 'PERSON' for e in entities)} people)")
    print(f"names under two types: {len(split_types)}")
    print(f"short forms beside their full name in one article: {len(shorts)} "
          f"(in {len({a for a, _, _ in shorts})} articles)")
    if args.show:
        rng = random.Random(args.show)
        for e in rng.sample(entities, min(60, len(entities))):
            m = e["mentions"][0]
            line = context(articles[m["article_id"]]["text"], m["start"], m["end"])
            print(f"  {e['type']:7} {e['name']!r:32} {line[:150]}")
    if args.errors:
        for n, k in sorted(split_types.items())[:60]:
            print(f"  two types: {n} {sorted(k)}")
        for a, w, full in shorts[:60]:
            print(f"  short form: {articles[a]['source'][:40]} {w!r} beside {full!r}")
    judged = read_judged(args.judge_file)
    picked, top = sample(entities, args.sample)
    figures: dict[str, float] = {"two_types": len(split_types), "short_forms": len(shorts)}
    rows, missing = {}, []
    for group, items in (("random", picked), ("top", top)):
        labels = []
        for e in items:
            m = e["mentions"][0]
            art = articles[m["article_id"]]
            k = key(art["source"], m, e["type"])
            if k in judged:
                labels.append(judged[k])
            else:
                missing.append({"key": k, "name": e["name"], "type": e["type"],
                                "context": context(art["text"], m["start"], m["end"])})
        rows[group] = labels
    for group, labels in rows.items():
        if labels:
            ok = sum(x == "OK" for x in labels)
            by = {lab: sum(x == lab for x in labels) for lab in LABELS}
            print(f"blind precision ({group}, {len(labels)} judged): {ok / len(labels):.3f} {by}")
            if len(labels) == len(picked if group == "random" else top):  # a partly judged sample is no figure
                figures[f"{group}.precision"] = round(ok / len(labels), 3)
    if missing:
        print(f"{len(missing)} sampled entities not judged yet")
        if args.to_judge:
            with args.to_judge.open("w", encoding="utf-8") as f:
                for row in {r["key"]: r for r in missing}.values():
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"wrote them to {args.to_judge}")
    full = args.split in ("dev", "test") and args.limit is None and args.sample == 200
    prefix = "dev." if args.set == "polnear" else f"coverage.{args.split}."
    return report("entities", {prefix + k: v for k, v in figures.items()} if full else {}, args)


if __name__ == "__main__":
    sys.exit(main())
