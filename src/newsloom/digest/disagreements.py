"""Disagreements between outlets over names and quotes (figures: ``figures.py``; dates:
``timeline.py``)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from newsloom.digest.common import StoryData
from newsloom.model import Disagreement, Side
from newsloom.quotes.match import named_by_its_outlet

SPELLING = 75  # two spellings of one name token: similar, not equal
_PUNCT_RE = re.compile(r"[^\w\s]")


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def names(data: StoryData) -> list[Disagreement]:
    """One entity written differently by different outlets ("Achterberg" / "Achterburg")."""
    out = []
    for e in data.entities:
        forms = {a for a in [e.name, *e.aliases] if a}
        tokens = sorted({t for a in forms for t in a.split() if len(t) > 2 and t[0].isupper()})
        seen: set[frozenset[str]] = set()
        for i, x in enumerate(tokens):
            for y in tokens[i + 1:]:
                if x.lower() == y.lower() or fuzz.ratio(x, y) < SPELLING or frozenset((x, y)) in seen:
                    continue
                sides = []
                for tok in (x, y):
                    ids = [a for a in data.articles if _has_word(data.articles[a].text, tok)]
                    value = max((f for f in forms if tok in f.split()), key=len, default=tok)
                    if ids:
                        sides.append(Side(value=value, article_ids=data.cite(ids)))
                if len(sides) == 2 and not set(sides[0].article_ids) & set(sides[1].article_ids):
                    seen.add(frozenset((x, y)))
                    sides.sort(key=lambda s: -len(s.article_ids))
                    out.append(Disagreement(kind="name", about=e.name, entity_id=e.id, sides=sides))
    return out


def _norm(text: str) -> str:
    return " ".join(_PUNCT_RE.sub(" ", text.lower()).split())


def quotes(data: StoryData) -> list[Disagreement]:
    """A quote whose words changed between outlets: each wording with the articles using it."""
    by_id = {q["id"]: q for q in data.quotes}
    done: set[str] = set()
    out = []
    for q in data.quotes:
        if not q.get("altered") or q["id"] in done:
            continue
        cluster = [by_id[i] for i in [q["id"], *q.get("same_as", [])] if i in by_id]
        done.update(c["id"] for c in cluster)
        wordings: dict[str, tuple[str, set[str]]] = {}
        for c in cluster:
            wordings.setdefault(_norm(c["text"]), (c["text"], set()))[1].add(c["article_id"])
        if len(wordings) < 2:
            continue
        sides = [Side(value=text, article_ids=data.cite(ids)) for text, ids in wordings.values()]
        sides.sort(key=lambda s: data.order(s.article_ids[0]))  # the original's wording first
        diff = (q.get("diff") or {}).get("text")
        out.append(Disagreement(kind="quote", about=q.get("speaker") or "unattributed quote", sides=sides,
                                diff=diff or None))
    return out


def speakers(data: StoryData) -> list[Disagreement]:
    """One quotation that outlets attribute to different people: who said it."""
    by_id = {q["id"]: q for q in data.quotes}
    done: set[str] = set()
    out = []
    for q in data.quotes:
        if q["id"] in done or not q.get("same_as"):
            continue
        cluster = [by_id[i] for i in [q["id"], *q["same_as"]] if i in by_id]
        done.update(c["id"] for c in cluster)
        who: dict[str, tuple[str, set[str]]] = {}
        for c in cluster:
            if named_by_its_outlet(c):  # a speaker taken from the other outlets is no side
                who.setdefault(c["speaker_entity_id"], (c.get("speaker") or "", set()))[1].add(c["article_id"])
        if len(who) < 2:
            continue
        sides = sorted((Side(value=name, article_ids=data.cite(ids)) for name, ids in who.values()),
                       key=lambda s: -len(s.article_ids))
        out.append(Disagreement(kind="speaker", about=f"who said “{_short(q['text'])}”", sides=sides))
    return out


def _short(text: str, words: int = 12) -> str:
    ws = text.split()
    return " ".join(ws[:words]) + (" …" if len(ws) > words else "")
