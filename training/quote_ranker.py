"""Train the quote speaker ranker shipped as ``src/newsloom/quotes/ranker.json``.

    python training/quote_ranker.py [--data ../shared/data] [--out src/newsloom/quotes/ranker.json]

Reads PolNeAR train's development half only (even positions, ``bench/quotes.py --half a``;
quotations and reported speech): half b and dev stay for the figures. Each quotation whose
rules are not certain comes with its candidate speakers (``newsloom.quotes.candidates``);
a candidate is right when the quotes benchmark would accept it as the gold source
(``bench/quotes.py``'s judge, readers' referents included). A logistic regression
(scikit-learn, L2, balanced classes) learns the weights; the JSON keeps a weight per feature
name, so the runtime needs no scikit-learn. Five-fold cross-validation by article prints how
often the ranker's pick is right beside the rules' own answer. Needs the ``train`` extra
(``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

import quotes as bench  # noqa: E402  (bench/quotes.py: the gold reader and the judge)

Group = tuple[str, list[dict[str, float]], list[bool]]


def collect(data: Path, half: str, model: str | None) -> list[Group]:
    """(article, candidate features, candidate right?) for every ranked quotation of ``half``."""
    from newsloom.attribution import Analyser
    from newsloom.model import Article

    analyser = Analyser(model, rank=False)
    base = data / "quotes" / "polnear" / "train"
    out: list[Group] = []
    for path, text, quoted, reported, doc in bench.articles(base, bench.split_texts(base, half)):
        art = Article(id=path.stem, source=str(path), fingerprint=path.stem, text=text)
        analysis = analyser.analyse(art, analyser.parse(text))
        names = bench.speaker_names(analysis)
        for golds, marks in ((quoted, True), (reported, False)):
            preds = bench.predictions(analysis, text, marks)
            pchars = [set(range(a.start, a.end)) for a in preds]
            for g, a in bench.speaker_pairs(bench.found(golds, pchars, 0.3), preds, pchars):
                if a.candidates:
                    right = [bench.speaker_ok(names.get((c.start, c.end), c.text), g, doc) for c in a.candidates]
                    out.append((path.stem, [c.features for c in a.candidates], right))
    return out


def fit(groups: list[Group], c: float) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for _, feats, right in groups if any(right) for f in feats]
    ys = [y for _, _, right in groups if any(right) for y in right]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x, ys)
    weights = {name: float(w) for name, w in zip(vec.feature_names_, lr.coef_[0], strict=True) if abs(w) > 1e-6}
    return weights, float(lr.intercept_[0])


def picks_right(groups: list[Group], weights: dict[str, float]) -> int:
    """How many groups the weights pick a right candidate in (ties: the first, the rules')."""
    from newsloom.quotes.rank import Ranker

    ranker = Ranker(weights=weights)
    return sum(right[max(range(len(feats)), key=lambda i: ranker.value(feats[i]))] for _, feats, right in groups)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--model", help="spaCy pipeline (default: the shipped en_newsloom)")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "newsloom" / "quotes" / "ranker.json")
    args = ap.parse_args()
    groups = collect(args.data, "a", args.model)
    rules = sum(right[0] and "by:rules" in feats[0] for _, feats, right in groups)
    print(f"{len(groups)} quotations ranked, {sum(map(any, map(lambda g: g[2], groups)))} with a right candidate;"
          f" the rules' answer right in {rules}")
    articles = sorted({a for a, _, _ in groups})
    cv = 0
    for fold in range(5):
        held = set(articles[fold::5])
        w, _ = fit([g for g in groups if g[0] not in held], args.c)
        cv += picks_right([g for g in groups if g[0] in held], w)
    print(f"cross-validated (5 folds by article): the ranker's pick right in {cv}")
    weights, bias = fit(groups, args.c)
    args.out.write_text(json.dumps({
        "about": "quote speaker ranker: logistic regression over newsloom.quotes.candidates features; "
                 "trained on PolNeAR train half a by training/quote_ranker.py",
        "bias": round(bias, 4),
        "weights": {k: round(v, 4) for k, v in sorted(weights.items())},
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
