"""Story figures: the articles' figures merged, and figures that disagree.

Two figures are *the same quantity* when their units agree (``USD`` meets ``USD per day``;
nouns for people fold to ``people``) and the words around them agree (Dice over the content
words of a window in their sentence, plus the measure). Equal values merge into one story
figure citing every article. Different values of the same quantity are a disagreement —
unless an article reports both values (two quantities, e.g. an offer and a demand), or the
reports are more than ``UPDATE_DAYS`` apart (a later count updates an earlier one), or they
count people at large and some of them, or two fates. Provenance says more where it aligned a
copy's or rewrite's sentence with its source's: a figure of the source's value there is the
source's figure, whatever its words, and a figure the retelling changed disagrees with the
one it replaced, and with no other.

The story's ``figures`` are its *key* figures: a group is kept only when no rule of
``DROP`` applies to its first report — it measures something (money, a percentage, a
count, a duration of the event itself), the measure is a noun phrase, and the number is
no age, ordinal or small count of the story's actors ("two leaders"; casualties count
however few) — ranked by how many
independent sources carry it. Disagreements still compare every figure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from newsloom.digest.common import StoryData
from newsloom.lang.en.calendar import DURATION_UNITS
from newsloom.lang.en.figures import FATES, MEASURED, NOT_NOUN, PEOPLE, SCALE_AND_HEDGE
from newsloom.model import Disagreement, Figure, KeyFigure, Side
from newsloom.provenance.align import Sentence
from newsloom.provenance.features import content_words

RETOLD = frozenset({"copy", "rewrite"})  # the same report, retold: it speaks of its source's day
WINDOW = 8  # words each side of a figure that describe it
CONTEXT_CHARS = 400  # ample for WINDOW words; bounds the work on a run-on "sentence"
MAX_PER_ARTICLE = 300  # figures per article considered: pairwise checks stay bounded
SAME_CTX = 0.25  # equal values: enough shared context to be one figure
CONFLICT_CTX = 0.35  # different values: stricter, different quantities share words too
UPDATE_DAYS = 2
MAX_KEY = 12  # key figures a story keeps
SMALL_COUNT = 10  # below it, a count of the story's actors ("two leaders") is no figure
_DURATIONS = {u + "s" for u in DURATION_UNITS}
_VERB_ENDING_RE = re.compile(r"\w{3,}(?:ed|ing)$")
_AGE_AFTER_RE = re.compile(r"[- ]?(?:years?[- ])?old\b")
_ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th)\b")
_ATTACHED_AFTER_RE = re.compile(r"\s+of\s+\w")
_LASTS_BEFORE_RE = re.compile(
    r"\b(?:take|takes|took|taken|taking|last|lasts|lasted|lasting)\s+"
    r"(?:(?:about|nearly|almost|some|around|roughly|more than|less than|at least|up to)\s+)?$", re.IGNORECASE)


def _of_event(f: Figure, text: str) -> bool:
    """A duration of a thing the sentence names: "a four-year contract", "three days of
    talks", "the work will take six weeks" (not a career, "for 22 years", or a notice)."""
    return "-" in f.text or bool(_ATTACHED_AFTER_RE.match(text, f.end)
                                 or _LASTS_BEFORE_RE.search(text, max(0, f.start - 40), f.start))


def _kind(unit: str | None) -> str | None:
    """What a unit measures: ``money``, ``percent``, ``duration``, ``count`` (None: nothing)."""
    base = unit_key(unit)[0]
    if not base:
        return None
    if base.split()[0].isupper():
        return "money"
    if base.startswith("percent"):
        return "percent"
    return "duration" if base in _DURATIONS else "count"


def _noun_phrase(measure: str | None) -> bool:
    """A measure that reads as a noun phrase: not a verb form or a preposition at its end."""
    words = (measure or "").split()
    return bool(words) and words[-1].lower() not in NOT_NOUN and not _VERB_ENDING_RE.fullmatch(words[-1].lower())


# Each rule: (why the figure is no key figure, test on the figure and its article's text).
Rule = tuple[str, Callable[[Figure, str], bool]]
DROP: tuple[Rule, ...] = (
    ("measures nothing", lambda f, t: _kind(f.unit) is None),
    ("an age", lambda f, t: f.measure == "age" or f.text.endswith("-old") or bool(_AGE_AFTER_RE.match(t, f.end))),
    ("an ordinal", lambda f, t: bool(_ORDINAL_AFTER_RE.match(t, f.end))),
    ("a small count of actors", lambda f, t: _kind(f.unit) == "count" and (f.value or 0) < SMALL_COUNT
     and unit_key(f.unit)[0] not in MEASURED and (f.measure or "").lower() not in MEASURED),
    ("a duration of nothing named", lambda f, t: _kind(f.unit) == "duration" and not _of_event(f, t)),
    ("no noun phrase measured", lambda f, t: _kind(f.unit) in {"money", "percent", "duration"}
     and not _noun_phrase(f.measure)),
)


def dropped(f: Figure, text: str) -> str | None:
    """Why ``f`` (a figure of ``text``) is no key figure, or None when it is one."""
    return next((why for why, rule in DROP if rule(f, text)), None)


def unit_key(unit: str | None) -> tuple[str, str | None]:
    """(base, per) of a unit, people nouns folded: ``USD per day`` → (``USD``, ``day``)."""
    base, _, per = (unit or "").partition(" per ")
    return ("people" if base in PEOPLE else base), (per or None)


def compatible(a: str | None, b: str | None) -> bool:
    (ba, pa), (bb, pb) = unit_key(a), unit_key(b)
    return bool(ba) and ba == bb and (pa == pb or pa is None or pb is None)


@dataclass
class Item:
    article_id: str
    figure: Figure
    context: frozenset[str]


@dataclass
class Group:
    value: float
    unit: str | None
    items: list[Item] = field(default_factory=list)

    @property
    def article_ids(self) -> set[str]:
        return {i.article_id for i in self.items}

    @property
    def context(self) -> frozenset[str]:
        return frozenset().union(*(i.context for i in self.items))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the smaller context: a terse report of a figure still matches."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _link(a: Group, b: Group) -> float:
    """The best context match between any two reports of the groups (single link)."""
    return max(_overlap(x.context, y.context) for x in a.items for y in b.items)


def _sentence(data: StoryData, article_id: str, f: Figure) -> Sentence | None:
    return next((s for s in data.sentences(article_id) if s.start <= f.start < s.end), None)


def _context(data: StoryData, article_id: str, f: Figure, sent: Sentence | None) -> frozenset[str]:
    text = data.articles[article_id].text
    lo, hi = (sent.start, sent.end) if sent else (0, len(text))
    lo, hi = max(lo, f.start - CONTEXT_CHARS), min(hi, f.end + CONTEXT_CHARS)
    before = content_words(text[lo:f.start])[-WINDOW:]
    after = content_words(text[f.end:hi])[:WINDOW]
    words = before + after + content_words(f.measure or "") + content_words(f.text)
    # Unit and scale words say what kind of number it is, not which quantity.
    skip = SCALE_AND_HEDGE | set(content_words(f.unit or ""))
    return frozenset(w for w in words if w not in skip and not any(c.isdigit() for c in w))


def _retold_home(candidates: list[Group], f: Figure) -> Group | None:
    """The group of the source's figure a retold figure of the same value is: the one figure of
    that value in the source's sentence, or among several the one of a compatible unit ("12
    dockworkers … 12 hours")."""
    if len(candidates) == 1:
        return candidates[0]
    return next((g for g in candidates if compatible(g.unit, f.unit)), None)


def groups(data: StoryData) -> list[Group]:
    """Figures merged across articles: equal value, compatible unit, shared context; or a
    retelling's figure and its source's, in the sentences provenance aligned (a rewrite's
    "claimed 23 lives" is its source's "23 people were killed", whatever its words)."""
    out: list[Group] = []
    placed: dict[tuple[str, int, float], list[Group]] = {}  # (article, sentence start, value): their groups
    for a_id in data.cite(list(data.articles)):
        retold = data.retold(a_id)
        for f in data.articles[a_id].figures[:MAX_PER_ARTICLE]:
            if f.value is None:
                continue
            sent = _sentence(data, a_id, f)
            item = Item(a_id, f, _context(data, a_id, f, sent))
            source = retold.get(sent.start) if sent else None
            home = _retold_home(placed.get((source[0], source[1], f.value), []), f) if source else None
            if home is None:
                home = next((g for g in out if g.value == f.value and compatible(g.unit, f.unit)
                             and _link(g, Group(f.value, f.unit, [item])) >= SAME_CTX), None)
            if home is None:
                home = Group(f.value, f.unit)
                out.append(home)
            home.items.append(item)
            if sent:
                placed.setdefault((a_id, sent.start, f.value), []).append(home)
    return out


def _day(data: StoryData, article_id: str) -> date | None:
    a = data.articles[data.root(article_id, RETOLD)]  # a follow-up keeps its own day
    if not a.published and not (a := data.articles[article_id]).published:
        return None
    try:
        return date.fromisoformat(a.published[:10])
    except ValueError:
        return None


def _values(data: StoryData, article_id: str, unit: str | None) -> set[float]:
    return {f.value for f in data.articles[article_id].figures if f.value is not None and compatible(f.unit, unit)}


def _same_time(data: StoryData, a: Group, b: Group) -> bool:
    da = [d for i in a.article_ids if (d := _day(data, i))]
    db = [d for i in b.article_ids if (d := _day(data, i))]
    if not da or not db:
        return True
    return min(abs((x - y).days) for x in da for y in db) <= UPDATE_DAYS


def _side(data: StoryData, g: Group) -> Side:
    first = min(g.items, key=lambda i: data.order(i.article_id))
    return Side(value=g.value, unit=g.unit, text=first.figure.text, article_ids=data.cite(g.article_ids))


def _replaced(new: list[Figure], old: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Which figure of a retold sentence replaced which of its source's: one each, of
    compatible units; or, of several, the pairs of one measure, fates folded ("25 dead" for
    "23 people were killed", not for "146 injured"), each measure once on both sides."""
    if len(new) == len(old) == 1:
        return [(new[0], old[0])] if compatible(new[0].unit, old[0].unit) else []
    def by_measure(fs: list[Figure]) -> dict[str, Figure]:
        kinds = [FATES.get(m, m) for m in ((f.measure or "").lower() for f in fs)]
        counts = Counter(kinds)
        return {k: f for k, f in zip(kinds, fs, strict=True) if k and counts[k] == 1}
    mine, theirs = by_measure(new), by_measure(old)
    return [(mine[k], theirs[k]) for k in mine if k in theirs and compatible(mine[k].unit, theirs[k].unit)]


def _altered(data: StoryData, gs: list[Group]) -> list[tuple[Group, Group]]:
    """(the source's group, the retelling's): a figure a copy or rewrite changed in a sentence
    provenance aligned with its source's ("146 injured" retold as "164 people hurt"), the
    figures each sentence has and the other lacks paired by :func:`_replaced`."""
    group_of = {(i.article_id, i.figure.start): g for g in gs for i in g.items}
    out: list[tuple[Group, Group]] = []
    for a_id, d in data.derivations.items():
        if d.kind == "update" or d.source_id not in data.articles:
            continue
        for ds, de, ss, se, _ in d.pairs():
            mine = [f for f in data.articles[a_id].figures if ds <= f.start < de and f.value is not None]
            theirs = [f for f in data.articles[d.source_id].figures if ss <= f.start < se and f.value is not None]
            mine_values, their_values = {f.value for f in mine}, {f.value for f in theirs}
            new = [f for f in mine if f.value not in their_values]
            old = [f for f in theirs if f.value not in mine_values]
            for x, y in _replaced(new, old):
                src, alt = group_of.get((d.source_id, y.start)), group_of.get((a_id, x.start))
                if src is not None and alt is not None and src is not alt and (src, alt) not in out:
                    out.append((src, alt))
    return out


def _fate(g: Group) -> str:
    """What a group's count of people measures, a fate folded to its kind ("killed" → "dead")."""
    measure = (g.items[0].figure.measure or "").lower()
    return FATES.get(measure, measure)


def _two_quantities(a: Group, b: Group) -> bool:
    """Two counts of people that are no one quantity: of people at large and of some of them
    ("450 people on board" / "38 crew members"), or of two fates ("23 killed" / "150 hurt")."""
    fa, fb = _fate(a), _fate(b)
    if fa == fb:
        return False
    if fa in FATES.values() and fb in FATES.values():
        return True
    other = fb if fa == "people" else fa if fb == "people" else None
    return other is not None and other not in MEASURED and not _VERB_ENDING_RE.fullmatch(other)


def _disagreement(data: StoryData, a: Group, b: Group) -> Disagreement:
    about = next((i.figure.measure for g in (a, b) for i in g.items if i.figure.measure), None)
    sides = sorted([_side(data, a), _side(data, b)], key=lambda s: -len(s.article_ids))
    return Disagreement(kind="figure", about=about or unit_key(a.unit)[0], sides=sides)


def conflicts(data: StoryData, gs: list[Group]) -> list[Disagreement]:
    """Pairs of figure groups that report one quantity with different values, at one time: a
    figure a retelling altered, against its source's (no other pairing of it: the sentence
    that holds it holds other figures of the source); else by shared context."""
    altered = _altered(data, gs)
    out = [_disagreement(data, a, b) for a, b in altered]
    explained = {id(b) for _, b in altered}  # groups are unhashable dataclasses
    for i, a in enumerate(gs):
        for b in gs[i + 1:]:
            if a.value == b.value or not compatible(a.unit, b.unit):
                continue
            if id(a) in explained or id(b) in explained or _two_quantities(a, b):
                continue
            if a.article_ids & b.article_ids or _link(a, b) < CONFLICT_CTX:
                continue
            if any(b.value in _values(data, x, b.unit) for x in a.article_ids) or any(
                    a.value in _values(data, x, a.unit) for x in b.article_ids):
                continue  # one article reports both: two quantities
            if not _same_time(data, a, b):
                continue  # a later figure updates an earlier one
            out.append(_disagreement(data, a, b))
    return out


def story_figures(data: StoryData, gs: list[Group]) -> list[KeyFigure]:
    """The story's key figures, most cited first (at most ``MAX_KEY``)."""
    out = []
    for g in gs:
        first = min(g.items, key=lambda i: data.order(i.article_id))
        if dropped(first.figure, data.articles[first.article_id].text):
            continue
        out.append(KeyFigure(value=g.value, unit=g.unit, measure=first.figure.measure, text=first.figure.text,
                             article_ids=data.cite(g.article_ids)))
    out.sort(key=lambda f: (-len({data.root(a) for a in f.article_ids}), -len(f.article_ids)))
    return out[:MAX_KEY]
