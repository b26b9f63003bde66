"""One quotation carried by several articles: matching, and flagging altered copies.

Quotations are compared on their words (lower-cased, punctuation and quote marks dropped).
The same words, or one quotation inside another (a split part, a partial quote of a longer
one), make a match (``same_as``). Near-identical wording (rapidfuzz ratio ≥ 85 over at
least six words) is a match too, and the copy that departs from the most common wording is
``altered``, its word diff kept with it (see :func:`word_diff`); between two wordings
equally common, the one stored first is the original.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from rapidfuzz import fuzz

from newsloom.model import Quote

NEAR = 85  # rapidfuzz ratio for "the same quotation, some words changed"
MIN_WORDS = 4  # shorter quotations ("dictator") are too common to match across articles
_WORD_RE = re.compile(r"[\w’'%$.-]+")


def words(text: str) -> list[str]:
    return [w.strip(".'’-").replace("’", "'") for w in _WORD_RE.findall(text.lower()) if w.strip(".'’-")]


def word_diff(original: str, variant: str) -> dict:
    """The word-level change from ``original`` to ``variant``.

    ``ops`` lists ``[op, words]`` runs with op ``=`` (kept), ``-`` (only in the original)
    or ``+`` (only in the variant); ``text`` renders it wdiff-style:
    ``"… it is the [-last-] {+best+} one we can afford"``.
    """
    a, b = original.split(), variant.split()
    ops: list[list[str]] = []
    matcher = difflib.SequenceMatcher(
        a=[" ".join(words(w)) for w in a], b=[" ".join(words(w)) for w in b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(["=", " ".join(b[j1:j2])])
            continue
        if i2 > i1:
            ops.append(["-", " ".join(a[i1:i2])])
        if j2 > j1:
            ops.append(["+", " ".join(b[j1:j2])])
    rendered = " ".join(t if op == "=" else f"[-{t}-]" if op == "-" else f"{{+{t}+}}" for op, t in ops)
    return {"ops": ops, "text": rendered}


def _relation(a: list[str], b: list[str]) -> str | None:
    """'same', 'near' or None for two quotations' word lists."""
    if min(len(a), len(b)) < MIN_WORDS:
        return None
    sa, sb = " ".join(a), " ".join(b)
    if sa == sb or (min(len(a), len(b)) >= MIN_WORDS + 1 and (f" {sa} " in f" {sb} " or f" {sb} " in f" {sa} ")):
        return "same"
    if min(len(a), len(b)) >= 6 and abs(len(a) - len(b)) <= max(2, len(a) // 5) and fuzz.ratio(sa, sb) >= NEAR:
        return "near"
    return None


def match(quotes: list[Quote], new_ids: set[str]) -> tuple[list[Quote], dict[str, dict]]:
    """Link every new quotation to its copies in other articles.

    Returns the quotations that changed and, for altered ones, their diff (by quote id).
    """
    toks = {q.id: words(q.text) for q in quotes if q.kind in ("direct", "partial")}
    by_id = {q.id: q for q in quotes}
    order = {q.id: k for k, q in enumerate(quotes)}
    changed: dict[str, Quote] = {}
    diffs: dict[str, dict] = {}
    new = [q for q in quotes if q.id in new_ids and q.id in toks]
    for q in new:
        group = [q]
        for other in quotes:
            if other.id == q.id or other.article_id == q.article_id or other.id not in toks:
                continue
            rel = _relation(toks[q.id], toks[other.id])
            if rel is None:
                continue
            group.append(other)
            for x, y in ((q, other), (other, q)):
                if y.id not in x.same_as:
                    x.same_as.append(y.id)
                    changed[x.id] = x
        if len(group) < 2:
            continue
        # the wording most copies share is the original; the others are altered
        members = [by_id[i] for i in {q.id, *q.same_as}]
        near_group = [m for m in members if _relation(toks[q.id], toks[m.id]) is not None or m is q]
        forms = Counter(" ".join(toks[m.id]) for m in near_group)
        first = {}
        for m in sorted(near_group, key=lambda m: order[m.id]):
            first.setdefault(" ".join(toks[m.id]), order[m.id])
        # ties go to the wording stored first: a copy arrives after its source
        top = max(forms, key=lambda f: (forms[f], -first[f]))
        original = next(m for m in near_group if " ".join(toks[m.id]) == top)
        for m in near_group:
            wm = toks[m.id]
            altered = _relation(toks[original.id], wm) == "near"
            if altered != m.altered:
                m.altered = altered
                changed[m.id] = m
            if altered:
                diffs[m.id] = {**word_diff(original.text, m.text), "original": original.id}
    return list(changed.values()), diffs
