"""One quotation carried by several articles: matching, and flagging altered copies.

Quotations are compared on their words (lower-cased, punctuation and quote marks dropped).
The same words, or one quotation inside another (a split part, a partial quote of a longer
one), make a match. Near-identical wording (rapidfuzz ratio ≥ 85 over at least six words)
is a match too. Matched quotations form a *group* in the store, founded by the first
wording seen; ``same_as`` lists the group's other members. The copy that departs from the
group's most common wording is ``altered``, its word diff kept with it (see
:func:`word_diff`); between two wordings equally common, the one seen first is the original.
A copy that names no one as the speaker takes the person the other outlets name. After
provenance, :func:`stage` joins a quotation that a copy or rewrite *rewords* to its
source's (the same speaker, most content words kept: a rewrite's "the stone idol inside is
safe" for "the stone deity inside is safe"), altered against the source's original.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from rapidfuzz import fuzz

from newsloom.diff import word_runs
from newsloom.lang.en.words import STOPWORDS
from newsloom.model import Quote
from newsloom.pipeline_types import NOTHING_FOUND, Analyses
from newsloom.quotes.tables import QuoteGroups
from newsloom.store import Store

NEAR = 85  # rapidfuzz ratio for "the same quotation, some words changed"
# A quotation reworded: at least REWORDED_MIN content words in the shorter, a Dice overlap of
# REWORDED of them (or REWORDED_PART of the shorter's: a reworded part of a longer one), the
# same polarity. Read only between an article and the source provenance found for it, of
# the same speaker: on the coverage families 13 such wordings, all one quotation retold by
# a rewrite (Dice 0.62-0.91, 7+ content words), none on PolNeAR; word bags alone join two answers of one
# press conference ("funding for rural hospitals in the northern provinces will rise by ten
# percent" / "…rural school budgets cut, with funding down ten percent").
REWORDED, REWORDED_PART, REWORDED_MIN = 0.6, 0.8, 6
RETOLD_KINDS = ("copy", "rewrite", "update", "partial")
_NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "cannot", "neither"})
MIN_WORDS = 4  # shorter quotations ("dictator") are too common to match across articles
MATCHED_KINDS = ("direct", "partial")
JOINT = "+same_as"  # the rule modifier of a speaker taken from the other outlets
FORMS_PER_GRAM = 50  # wordings read per trigram: one shared by more is a stock phrase
COMMIT_EVERY = 200  # quotations (or groups) placed per write transaction
T = TypeVar("T")
_WORD_RE = re.compile(r"[\w’'%$.-]+")


def words(text: str) -> list[str]:
    return [w.strip(".'’-").replace("’", "'") for w in _WORD_RE.findall(text.lower()) if w.strip(".'’-")]


def word_diff(original: str, variant: str) -> dict:
    """The word-level change from ``original`` to ``variant``.

    ``ops`` lists ``[op, words]`` runs with op ``=`` (kept), ``-`` (only in the original)
    or ``+`` (only in the variant); ``text`` renders it wdiff-style:
    ``"… it is the [-last-] {+best+} one we can afford"``.
    """
    runs = word_runs(original.split(), variant.split(), key=lambda w: " ".join(words(w)))
    ops = [[op, " ".join(ws)] for op, ws in runs]
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


def _content(form: str) -> set[str]:
    return {w for w in form.split() if w not in STOPWORDS and len(w) > 1}


def _negated(form: str) -> bool:
    """An odd number of negations: "we will never raise…" against "we will raise…"."""
    return sum(w in _NEGATIONS or w.endswith("n't") for w in form.split()) % 2 == 1


def reworded(a: str, b: str) -> bool:
    """Two quotations' normalised word strings say one quotation in other words: most content
    words shared (Dice ≥ ``REWORDED``), or nearly all of the shorter's (a reworded part), in
    the same polarity (a bag of words cannot see "not" turn the claim round)."""
    if _negated(a) != _negated(b):
        return False
    ca, cb = _content(a), _content(b)
    short = min(len(ca), len(cb))
    if short < REWORDED_MIN:
        return False
    shared = len(ca & cb)
    return 2 * shared >= REWORDED * (len(ca) + len(cb)) or shared >= REWORDED_PART * short


def _trigrams(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + 3]) for i in range(len(ws) - 2)}


def form_id(form: str) -> str:
    """The key of one wording (its normalised words joined by spaces)."""
    return hashlib.sha1(form.encode()).hexdigest()[:16]


def _gram_key(gram: tuple[str, ...]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(gram).encode(), digest_size=8).digest(), "big", signed=True)


def _group_for(groups: QuoteGroups, form: str, grams: set[tuple[str, ...]]) -> tuple[str, str] | None:
    """The group whose founding wording this one repeats, contains, or nearly matches.

    Candidates are the wordings sharing a word trigram (equal or contained wordings always
    share one; a near copy does unless every run of three words changed, which a ratio ≥ 85
    rules out in all but the shortest). Each is judged against its group's *founding*
    wording, so groups cannot chain through a short fragment two unrelated quotes contain.
    """
    best: tuple[bool, float, str, str] | None = None
    seen: set[str] = set()
    for gram in sorted(grams):
        for c in groups.forms_sharing(_gram_key(gram), FORMS_PER_GRAM):
            if c["grp"] in seen:
                continue
            seen.add(c["grp"])
            rel = _relation(form, c["rep_form"])
            if rel is not None:
                key = (rel == "same", fuzz.ratio(form, c["rep_form"]), c["grp"], c["rep"])
                best = key if best is None or key[:2] > best[:2] else best
    return (best[2], best[3]) if best else None


def _flag_altered(groups: QuoteGroups, grp: str) -> None:
    """Within a group, the wording most copies share is the original (ties: the first seen);
    a near variant of it is ``altered`` and keeps its word diff (``data.diff``). A wording a
    rewrite retold (``retold``, and the wordings joined to it since) is altered against the
    original of the source's wordings, however many copies carry it."""
    every = groups.forms_of(grp)
    forms = [f for f in every if f["n"] > 0]
    if not forms:
        return
    # a wording joined since to a retold one (judged against its founding wording) is retold too
    retold_rep = {f["rep"] for f in every if f["retold"]}
    retold = {f["id"] for f in forms if f["retold"] or f["rep"] in retold_rep}
    own = [f for f in forms if f["id"] not in retold] or forms
    top = max(own, key=lambda f: f["n"])  # max keeps the first of equals: the oldest wording
    members = groups.members(grp)
    original = next((m for m in members if m["id"] == top["first_quote"]), None)
    original = original or next(m for m in members if m["form_id"] == top["id"])
    form_of = {f["id"]: f["form"] for f in forms}
    updates = []
    for m in members:
        data = json.loads(m["data"])
        altered = m["form_id"] in retold or _relation(top["form"], form_of.get(m["form_id"], "")) == "near"
        diff = {**word_diff(original["text"], m["text"]), "original": original["id"]} if altered else None
        if bool(data.get("altered")) != altered or data.get("diff") != diff:
            data["altered"] = altered
            if diff:
                data["diff"] = diff
            else:
                data.pop("diff", None)
            updates.append((m["id"], data))
    groups.store.update_quote_data(updates)


def group(store: Store, quotes: list[Quote]) -> None:
    """Place stored quotations in their groups: the same quotation carried by several
    articles (``same_as``, read off the group), altered copies flagged.

    Each distinct wording is indexed once, so the work per quotation is bounded by the
    wordings sharing its trigrams — not by how many outlets carry it or by the corpus size.
    """
    groups = QuoteGroups(store)
    touched: set[str] = set()

    def place(q: Quote) -> None:
        ws = words(q.text)
        if q.kind not in MATCHED_KINDS or len(ws) < MIN_WORDS:
            return
        form = " ".join(ws)
        key = form_id(form)
        row = groups.form(key)
        if row is not None:
            grp = row["grp"]
        else:
            grams = _trigrams(ws)
            grp, rep = _group_for(groups, form, grams) or (q.id, key)
            groups.add_form(key, form, grp, rep, q.id, sorted({_gram_key(g) for g in grams}))
        if groups.place(q.id, grp, key):
            touched.add(grp)

    _in_transactions(store, quotes, place)
    _in_transactions(store, sorted(touched), functools.partial(_settle, groups))


def _settle(groups: QuoteGroups, grp: str) -> None:
    _flag_altered(groups, grp)
    _joint_speaker(groups, grp)


def stage(store: Store, new_ids: list[str], analyses: Analyses = NOTHING_FOUND) -> None:
    """Corpus stage, after provenance: a quotation an article rewords from the source
    provenance found for it (a copy's, a rewrite's, a follow-up's, a reused passage's) joins
    the group of the source's quotation: the same speaker, the same polarity, most content
    words kept (:func:`reworded`), and no article on both sides (two quotations of one
    article stay two). Each join is settled in its own transaction (a killed run leaves no
    group joined but unsettled); pairs already in one group cost no write."""
    groups = QuoteGroups(store)
    sources: dict[str, list[tuple[sqlite3.Row, str]]] = {}
    for d in store.derivations_around(new_ids):
        if d.kind not in RETOLD_KINDS:
            continue
        if d.source_id not in sources:
            sources[d.source_id] = [(q, " ".join(words(q["text"]))) for q in groups.quotes_of([d.source_id])
                                    if _retellable(q)]
        theirs = sources[d.source_id]
        if not theirs:
            continue
        joined = {q["grp"] for q, _ in theirs}
        for q in groups.quotes_of([d.derived_id]):
            if not _retellable(q) or q["grp"] in joined:
                continue
            form = " ".join(words(q["text"]))
            best = max(((_dice(form, f), s["grp"]) for s, f in theirs
                        if s["speaker_entity_id"] == q["speaker_entity_id"] and reworded(form, f)), default=None)
            if best is not None:
                with store.transaction():
                    if groups.merge(q["grp"], best[1]):
                        _settle(groups, best[1])
                joined.add(q["grp"])


def _retellable(q: sqlite3.Row) -> bool:
    return (q["kind"] in MATCHED_KINDS and q["speaker_entity_id"] is not None
            and len(words(q["text"])) >= MIN_WORDS)


def _dice(a: str, b: str) -> float:
    ca, cb = _content(a), _content(b)
    return 2 * len(ca & cb) / ((len(ca) + len(cb)) or 1)


def _in_transactions(store: Store, items: list[T], do: Callable[[T], None]) -> None:
    """``do`` each item, ``COMMIT_EVERY`` of them per write transaction: a commit per wording
    cost more than its writes, and one for all would hold the write lock for long."""
    for start in range(0, len(items), COMMIT_EVERY):
        with store.transaction():
            for item in items[start:start + COMMIT_EVERY]:
                do(item)


def named_by_its_outlet(data: dict) -> bool:
    """A quotation whose own article names its speaker (not one taken from other outlets)."""
    return data.get("speaker_entity_id") is not None and not (data.get("rule") or "").endswith(JOINT)


def _take_speaker(data: dict, speaker: str, entity_id: str, via: str) -> dict:
    """``data`` with the speaker another outlet names, the rule saying so (once)."""
    rule = (data.get("rule") or "").removesuffix(via)
    return {**data, "speaker": speaker, "speaker_entity_id": entity_id, "rule": rule + via}


def _joint_speaker(groups: QuoteGroups, grp: str) -> None:
    """One quotation's speaker, decided across the outlets carrying it: where the outlets
    that name a person agree (or most of them do), the copies that give no one, or only
    "he" or "a spokesman" unresolved, take that person. Named speakers that disagree are
    left as they are; the story's digest shows who said it as a disagreement."""
    members = [(m["id"], json.loads(m["data"])) for m in groups.members(grp)]
    # by entity: "Ada Kroll and Tom Brill" in one outlet and "Ada Kroll" in another agree
    named = Counter(d["speaker_entity_id"] for _, d in members if named_by_its_outlet(d))
    if len(members) < 2 or not named:
        return
    ranked = named.most_common(2)
    if len(ranked) > 1 and ranked[1][1] * 2 >= ranked[0][1]:
        return  # no clear majority: who said it is disputed
    entity_id, _ = ranked[0]
    speaker = min((d.get("speaker") or "" for _, d in members if d.get("speaker_entity_id") == entity_id
                   and named_by_its_outlet(d)), key=len)  # the person alone, not "X and Y"
    updates = [(qid, _take_speaker(d, speaker, entity_id, "+same_as")) for qid, d in members
               if not named_by_its_outlet(d) and d.get("kind") in MATCHED_KINDS
               and (d.get("speaker_entity_id"), d.get("speaker")) != (entity_id, speaker)]
    groups.store.update_quote_speakers(updates)
