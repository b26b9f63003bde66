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


def _relation(a: str, b: str) -> str | None:
    """'same', 'near' or None for two quotations' normalised word strings."""
    na, nb = a.count(" ") + 1, b.count(" ") + 1
    if min(na, nb) < MIN_WORDS:
        return None
    if a == b or (min(na, nb) >= MIN_WORDS + 1 and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")):
        return "same"
    if min(na, nb) >= 6 and abs(na - nb) <= max(2, na // 5) and fuzz.ratio(a, b) >= NEAR:
        return "near"
    return None


def _trigrams(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + 3]) for i in range(len(ws) - 2)}


def _trigram_index(toks: dict[str, list[str]]) -> dict[tuple[str, ...], list[str]]:
    """Word trigram → quote ids. Equal or contained quotations always share one; a near copy
    shares one unless every run of three words was changed, which a ratio ≥ 85 rules out in
    all but the shortest quotations."""
    index: dict[tuple[str, ...], list[str]] = {}
    for qid, ws in toks.items():
        if len(ws) >= MIN_WORDS:
            for gram in _trigrams(ws):
                index.setdefault(gram, []).append(qid)
    return index


def _candidates(ws: list[str], index: dict[tuple[str, ...], list[str]], order: dict[str, int]) -> list[str]:
    """Ids of the quotations sharing a word trigram with ``ws``, in store order (never all pairs)."""
    if len(ws) < MIN_WORDS:
        return []
    return sorted({qid for gram in _trigrams(ws) for qid in index.get(gram, ())}, key=order.__getitem__)


def match(quotes: list[Quote], new_ids: set[str]) -> tuple[list[Quote], dict[str, dict]]:
    """Link every new quotation to its copies in other articles.

    Returns the quotations that changed and, for altered ones, their diff (by quote id).
    """
    toks = {q.id: words(q.text) for q in quotes if q.kind in ("direct", "partial")}
    form = {qid: " ".join(ws) for qid, ws in toks.items()}  # normalised wording, joined once
    by_id = {q.id: q for q in quotes}
    order = {q.id: k for k, q in enumerate(quotes)}
    linked = {q.id: set(q.same_as) for q in quotes}  # membership in O(1); same_as keeps the order
    changed: dict[str, Quote] = {}
    diffs: dict[str, dict] = {}
    new = [q for q in quotes if q.id in new_ids and q.id in toks]
    index = _trigram_index(toks)
    for q in new:
        found = False
        for other_id in _candidates(toks[q.id], index, order):
            other = by_id[other_id]
            if other.id == q.id or other.article_id == q.article_id or _relation(form[q.id], form[other_id]) is None:
                continue
            found = True
            for x, y in ((q, other), (other, q)):
                if y.id not in linked[x.id]:
                    linked[x.id].add(y.id)
                    x.same_as.append(y.id)
                    changed[x.id] = x
        if not found:
            continue
        # the wording most copies share is the original; the others are altered
        near_group = [by_id[i] for i in {q.id, *q.same_as}
                      if i == q.id or (i in form and _relation(form[q.id], form[i]) is not None)]
        forms = Counter(form[m.id] for m in near_group)
        first: dict[str, int] = {}
        for m in sorted(near_group, key=lambda m: order[m.id]):
            first.setdefault(form[m.id], order[m.id])
        # ties go to the wording stored first: a copy arrives after its source
        top = max(forms, key=lambda f: (forms[f], -first[f]))
        original = next(m for m in near_group if form[m.id] == top)
        for m in near_group:
            altered = _relation(form[original.id], form[m.id]) == "near"
            if altered != m.altered:
                m.altered = altered
                changed[m.id] = m
            if altered:
                diffs[m.id] = {**word_diff(original.text, m.text), "original": original.id}
    return list(changed.values()), diffs
