"""Extractive, cited story summaries.

Sentences of all the story's articles are grouped into *content units*: a sentence joins a
unit when it repeats (copy) or re-says (rewrite) the unit's first sentence, by the sentence
similarity provenance uses. A unit is scored by how many independent sources carry it
(articles folded into their provenance root, so one wire text copied five times counts
once), its centrality (LexRank-style degree over the units) and its position in the
article; MMR then picks 3–7 units that do not repeat each other. Each chosen unit shows the
original's wording and cites every article that contains that wording near-verbatim
(``article_ids``; ≥ 0.9 similarity) and, apart, the articles that re-say it
(``paraphrased_in``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsloom.digest.common import StoryData, display
from newsloom.lang.en.words import LEANS_BACK, STANDS_ALONE
from newsloom.model import SummarySentence
from newsloom.provenance.align import Sentence, similarity

SAME = 0.9  # near-verbatim: the cited article carries the text itself
PARA = 0.55  # re-said: the same content in other words
CONTAINED = 0.8  # the share of a sentence's content words another holds for it to add nothing
MIN_WORDS, MAX_WORDS = 7, 60
MIN_SENTENCES, MAX_SENTENCES = 3, 7
MMR_LAMBDA = 0.7
_QUOTE_MARKS = "“”\""


@dataclass
class Unit:
    rep: Sentence
    article_id: str  # where the representative wording comes from
    text: str
    position: int  # sentence index in its article
    same: set[str] = field(default_factory=set)
    para: set[str] = field(default_factory=set)


def contained(article_sentences: list[Sentence], text: str) -> float:
    """How well ``text`` is contained in an article: best ratio against its sentences (0–1)."""
    norm = " ".join(text.lower().split())
    if any(norm in s.norm for s in article_sentences):
        return 1.0
    return max((fuzz.ratio(norm, s.norm) / 100 for s in article_sentences), default=0.0)


def _eligible(text: str) -> bool:
    """A sentence a summary line can be: of a readable length, no question, and not leaning
    on the sentence before it ("Its general secretary…", "But a budget…"), which the line
    would be read without."""
    words = text.split()
    first = words[0].strip(_QUOTE_MARKS + "‘’'(,") if words else ""
    royal = len(words) > 1 and words[1].startswith("Majesty")  # "Her Majesty's Coastguard"
    opening = " ".join(words[:5]).lower().lstrip(_QUOTE_MARKS + "‘’'(").replace(",", "")
    leans = (first.lower() in LEANS_BACK and not first.isupper()  # not "HER", a group's initials
             and not royal and not opening.startswith(STANDS_ALONE))
    return MIN_WORDS <= len(words) <= MAX_WORDS and not text.rstrip().endswith("?") and not leans


def units(data: StoryData) -> list[Unit]:
    """Group every eligible sentence of the story into content units (originals first). A
    sentence joins a unit it re-says, or the unit of the source sentence it retells (a
    rewrite's paraphrase, aligned by provenance, may say it in words too far apart to match
    here: "A powerful quake jolted…, UAN reported" beside the agency's own lead)."""
    out: list[Unit] = []
    by_word: dict[str, list[int]] = defaultdict(list)
    unit_of: dict[tuple[str, int], int] = {}  # (article, sentence start) → its unit
    # a headline alone says in note form what the story's reports tell in sentences: it is
    # summarised only in a story of headlines
    reports = [a_id for a_id, a in data.articles.items() if not a.headline_only]
    for a_id in data.cite(reports or list(data.articles)):
        text = data.articles[a_id].text
        retold = data.retold(a_id)
        for pos, s in enumerate(data.sentences(a_id)):
            chunk = text[s.start:s.end]
            if not _eligible(chunk):
                continue
            hits: dict[int, int] = defaultdict(int)
            for w in s.words:
                for u in by_word.get(w, ()):
                    hits[u] += 1
            best, best_sim = None, 0.0
            for u, n in hits.items():
                if n >= 3 and (sim := similarity(s, out[u].rep)) > best_sim:
                    best, best_sim = u, sim
            if best is None or best_sim < PARA:
                best = unit_of.get(retold.get(s.start, ("", -1)))
            if best is not None:
                unit = out[best]
                exact = fuzz.ratio(s.norm, unit.rep.norm) / 100 >= SAME
                if a_id not in unit.same:
                    (unit.same if exact else unit.para).add(a_id)
                unit_of[(a_id, s.start)] = best
                continue
            unit_of[(a_id, s.start)] = len(out)
            out.append(Unit(rep=s, article_id=a_id, text=display(chunk), position=pos, same={a_id}))
            for w in s.words:
                by_word[w].append(len(out) - 1)
    for u in out:
        u.para -= u.same
    return out


def _score(data: StoryData, us: list[Unit]) -> list[float]:
    support = [len({data.root(a) for a in u.same | u.para}) for u in us]
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(us):
        for w in u.rep.words:
            by_word[w].append(i)
    central = [0.0] * len(us)
    for i, u in enumerate(us):
        shared: dict[int, int] = defaultdict(int)
        for w in u.rep.words:
            for j in by_word[w]:
                if j != i:
                    shared[j] += 1
        central[i] = sum(similarity(u.rep, us[j].rep) for j, n in shared.items() if n >= 3)
    top_s, top_c = max(support, default=1) or 1, max(central, default=1.0) or 1.0
    scores = []
    for u, s, c in zip(us, support, central, strict=True):
        score = 0.5 * s / top_s + 0.3 * c / top_c + 0.2 / (1 + u.position)
        if any(m in u.text for m in _QUOTE_MARKS):
            score *= 0.7  # quotes are shown as pull quotes; the summary should narrate
        scores.append(score)
    return scores


def _latest_news(data: StoryData, us: list[Unit], scores: list[float]) -> int | None:
    """The unit that tells what happened since the story began: among sentences first
    reported after the story's first day (a follow-up's new facts), the best scored, the
    most recent on a tie; None for a story of one day."""
    days = data.days
    if len(set(days.values())) < 2:
        return None
    start = min(days.values())
    first = {i: min(ds) for i, u in enumerate(us) if (ds := [days[a] for a in u.same | u.para | {u.article_id}
                                                              if a in days])}
    later = [i for i, d in first.items() if d > start]
    return max(later, key=lambda i: (round(scores[i], 6), first[i])) if later else None


def _within(s: Sentence, other: Sentence) -> bool:
    """``s`` says nothing ``other`` does not: nearly all its content words are there ("the
    board said the pier would remain closed until spring" inside a longer sentence that also
    gives the cost), so the shorter adds no news to a summary holding the longer."""
    return len(s.words) >= 4 and len(s.words & other.words) >= CONTAINED * len(s.words)


def summarize(data: StoryData) -> list[SummarySentence]:
    """The story's summary, in story order."""
    us = units(data)
    if not us:
        return []
    scores = _score(data, us)
    roots = {data.root(a) for a in data.articles}
    want = min(len(us), max(MIN_SENTENCES, min(MAX_SENTENCES, len(roots) + 2)))
    lead = _latest_news(data, us, scores)
    chosen: list[int] = [lead] if lead is not None else []  # the story's news leads
    while len(chosen) < want:
        best, best_val = None, float("-inf")
        for i in range(len(us)):
            if i in chosen:
                continue
            overlap = max((similarity(us[i].rep, us[j].rep) for j in chosen), default=0.0)
            if overlap >= PARA or any(_within(us[i].rep, us[j].rep) for j in chosen):
                continue
            val = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * overlap
            if val > best_val:
                best, best_val = i, val
        if best is None:
            break
        chosen.append(best)
    # the latest development first, then the rest in story order
    chosen.sort(key=lambda i: (i != lead, data.order(us[i].article_id)[1:], us[i].rep.start))
    return [SummarySentence(text=us[i].text, article_ids=data.cite(us[i].same), paraphrased_in=data.cite(us[i].para),
                            sources=len({data.root(a) for a in us[i].same | us[i].para})) for i in chosen]
