"""Summary sources: how many summary sentences come from copies of one text vs distinct sources.

    python bench/summary.py [--polnear] [STORE.db ...] [--floor] [--update-baseline]

Without arguments it analyses the demo corpus in memory; ``--polnear`` analyses the
PolNeAR texts of ``../shared/data`` (real news of 2016 from many outlets, publication
dates from its metadata; skipped when absent) into ``out/polnear.db`` first; with stores
it reads their digests. A sentence "from copies of one text" is cited by
several articles that all share one provenance root; "distinct sources" have ≥ 2 roots.
It also checks that every cited article contains the cited text (≥ 0.9 similarity).
``--floor`` checks the demo's figures (and PolNeAR's with ``--polnear``) against
``bench/baseline.json``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from baseline import add_arguments, report
from newsloom.digest.common import load
from newsloom.digest.summary import SAME, contained
from newsloom.store import Store

ROOT = Path(__file__).resolve().parents[1]


def measure(store: Store) -> dict[str, float]:
    n = one_article = copies = distinct = bad = 0
    for story in store.stories():
        if not story.summary:
            continue
        data = load(store, story)
        for s in story.summary:
            n += 1
            ids = s.article_ids + s.paraphrased_in
            roots = {data.root(a) for a in ids}
            if len(roots) >= 2:
                distinct += 1
            elif len(ids) >= 2:
                copies += 1
            else:
                one_article += 1
            bad += sum(contained(data.sentences(a), s.text) < SAME for a in s.article_ids)
    return {"sentences": n, "distinct_sources": distinct, "copies_of_one_text": copies,
            "one_article": one_article, "uncontained_citations": bad}


def polnear_store(db: Path) -> Path | None:
    """Analyse PolNeAR's texts (with their outlet and date) into ``db``; None when absent."""
    import csv
    import json
    import tempfile

    from newsloom.pipeline import Pipeline

    polnear = ROOT.parent / "shared" / "data" / "quotes" / "polnear"
    if not (polnear / "metadata.tsv").exists():
        return None
    meta = {r["filename"]: r for r in csv.DictReader((polnear / "metadata.tsv").open(encoding="utf-8"),
                                                      delimiter="\t")}
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "polnear.jsonl"
        with batch.open("w", encoding="utf-8") as fh:
            for path in sorted(polnear.glob("*/text/*.txt")):
                m = meta.get(path.stem, {})
                fh.write(json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8"),
                                     "title": m.get("title"), "site": m.get("publisher"),
                                     "published": m.get("publication_date")}) + "\n")
        db.parent.mkdir(parents=True, exist_ok=True)
        db.unlink(missing_ok=True)
        with Store(db) as store:
            Pipeline(store).run([batch])
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="*", type=Path, help="stores to read (default: the demo corpus, analysed)")
    parser.add_argument("--polnear", action="store_true",
                        help="analyse PolNeAR's texts into out/polnear.db and read it")
    add_arguments(parser)
    args = parser.parse_args()
    runs: list[tuple[str, Path | str]] = [(f"store {db}", db) for db in args.stores]  # stores of others: not pinned
    if args.polnear:
        db = polnear_store(ROOT / "out" / "polnear.db")
        if db is None:
            print("PolNeAR absent (../shared/data/quotes/polnear): skipped")
        else:
            runs.append(("polnear", db))
    figures: dict[str, float] = {}
    if runs:
        for label, db in runs:
            with Store(db) as store:
                m = measure(store)
            print(db, m)
            figures |= {f"{label}.{k}": v for k, v in m.items()}
    elif not args.polnear:
        from newsloom.pipeline import Pipeline

        with Store(":memory:") as store:
            Pipeline(store).run([ROOT / "examples" / "demo"])
            m = measure(store)
        print("demo", m)
        figures = {f"demo.{k}": v for k, v in m.items()}
    return report("summary", figures, args)


if __name__ == "__main__":
    sys.exit(main())
