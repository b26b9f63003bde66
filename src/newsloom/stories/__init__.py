"""Stories: one news event and its follow-ups, grouped across outlets.

``stage(store, new_ids)`` places each new article once, without recomputing anything:

1. a copy or rewrite joins its source's story, and a source placed after its copies joins
   theirs (provenance runs first);
2. otherwise candidate stories come from an inverted index (``story_terms``) probed with
   the article's most specific terms, skipping terms so common that their postings would
   grow with the corpus; each candidate is compared with its centroid (the summed
   log-counts of its articles' key terms) by IDF-weighted cosine, document frequencies
   being counted incrementally in the store (``term_df``);
3. a candidate qualifies only when the two agree on several *distinctive* terms (names,
   numbers or key words outside the most frequent in the corpus): a topic's famous names
   ("the central bank", a candidate, a country) are shared by many separate events;
4. beyond ``MAX_DAYS`` from a story's dates it takes a near-copy level of similarity;
5. the best qualifying story above ``JOIN`` takes the article, else it starts a new story.

Short items (a headline and a line) have too few terms for a cosine with a long story's
centroid, so for them the share of their own weight the centroid holds counts as well,
with a stricter bar on distinctive agreement. Every step reads a bounded number of rows,
so the cost per article stays flat as the corpus grows.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from newsloom.lang.en.words import INFLEXIONS
from newsloom.model import Article, Story
from newsloom.pipeline_types import NOTHING_FOUND, Analyses
from newsloom.provenance.features import content_words, entities, numbers
from newsloom.store import BATCH, Store
from newsloom.stories.tables import StoryIndex

JOIN = 0.2  # cosine with a story's centroid to join it
SHORT_JOIN = 0.55  # share of a short item's weight that the story must hold
SHORT_NEAR_JOIN, SHORT_DAYS = 0.15, 2  # ... within two days of the story's articles
FAR_JOIN = 0.6  # beyond MAX_DAYS only a near-copy joins
MAX_DAYS = 8
MAX_TERMS = 60  # key terms kept per article
CENTROID_TERMS = 150  # terms kept per story centroid
SHORT_TERMS = 30  # fewer distinct terms than this: a brief or feed item
MIN_SHARED, SHORT_MIN_SHARED = 3, 2  # distinctive terms two texts must share
DISTINCT_DF = 0.05  # share of the corpus above which a term says nothing about the event
DISTINCT_MIN_DF = 20  # ... though in a small corpus every term is distinctive
NAME_BOOST = 1.5  # names and figures identify an event better than words
PROBE_TERMS, PROBE_MAX_DF, CANDIDATE_STORIES = 15, 200, 10
TITLE_WORDS = 14
PRIOR_DOCS = 50


def stem(word: str) -> str:
    """``word`` without its inflexion, when at least four letters remain ("ferries" → "ferry")."""
    for end, add in INFLEXIONS:
        if word.endswith(end) and len(word) - len(end) >= 4 and not (end == "s" and word.endswith("ss")):
            word = word[: -len(end)] + add
            break
    return word[:-1] if word.endswith("e") and len(word) >= 5 else word


def article_terms(article: Article) -> Counter[str]:
    """Proxy entities ("e:…"), figures ("n:…") and content words ("w:…", stemmed) with their counts."""
    text = f"{article.title or ''}\n{article.text}"
    found: Counter[str] = Counter("w:" + stem(w) for w in content_words(text) if not w[0].isdigit())
    found.update("e:" + n.lower() for n in entities(text))
    # one-digit counts and bare years recur in every story; larger figures are specific
    found.update("n:" + n for n in numbers(text) if len(n) > 1 and not (len(n) == 4 and n[:2] in {"19", "20"}))
    return found


def _idf(df: int, n: int) -> float:
    # PRIOR_DOCS unseen documents keep IDF telling in a small corpus, where a story's own
    # copies would otherwise make its every term look common
    return math.log((n + PRIOR_DOCS + 1) / (df + 1)) + 1


def _distinct_cap(n: int) -> int:
    return max(DISTINCT_MIN_DF, int(DISTINCT_DF * n))


def _weight(term: str, tf: float, idf: float) -> float:
    return tf * idf * (NAME_BOOST if _specific(term) else 1.0)


def _specific(term: str) -> bool:
    """A name or a figure ("e:…", "n:…"), which identify an event better than words."""
    return term[0] in "en"


def _day(a: Article) -> date | None:
    try:
        return date.fromisoformat(a.published[:10]) if a.published else None
    except ValueError:
        return None


def _title(article: Article) -> str:
    title = article.title or article.text.split("\n", 1)[0]
    ws = title.split()
    return " ".join(ws[:TITLE_WORDS]) + (" …" if len(ws) > TITLE_WORDS else "")


def _gap(day: date | None, feats: dict[str, Any]) -> int:
    if not day or not feats.get("first"):
        return 0
    return max((date.fromisoformat(feats["first"]) - day).days, (day - date.fromisoformat(feats["last"])).days, 0)


class _Profile:
    """An article's key terms: log-counts (stored in centroids) and current TF-IDF weights."""

    def __init__(self, article: Article, dfs: dict[str, int], n: int, counts: Counter[str]) -> None:
        self.n = n
        logs = {t: 1 + math.log(c) for t, c in counts.items()}
        weights = {t: _weight(t, v, _idf(dfs.get(t, 0), n)) for t, v in logs.items()}
        ranked = heapq.nlargest(MAX_TERMS, weights, key=weights.__getitem__)
        self.logs = {t: logs[t] for t in ranked}
        self.weights = {t: weights[t] for t in ranked}
        self.norm = math.sqrt(sum(w * w for w in self.weights.values())) or 1.0
        cap = _distinct_cap(n)
        self.distinct = {t for t in ranked if dfs.get(t, 0) <= cap}
        self.short = len(counts) < SHORT_TERMS
        self.day = _day(article)

    def score(self, feats: dict[str, Any], dfs: dict[str, int]) -> float:
        """Similarity to a story's centroid, 0 when they share too few distinctive terms.

        ``dfs``: current document frequencies of the article's terms and any others known;
        the centroid's other terms take the frequency stored with it (see :func:`_centroid_dfs`).
        """
        centroid: dict[str, float] = feats["terms"]
        shared = [t for t in self.weights if t in centroid]
        agreed = [t for t in shared if t in self.distinct]
        if _agreements(agreed) < (SHORT_MIN_SHARED if self.short else MIN_SHARED):
            return 0.0
        gap = _gap(self.day, feats)
        if not any(_specific(t) for t in agreed) and gap > SHORT_DAYS:
            return 0.0  # days apart, texts sharing only words ("ferry", "engine failure") name no one event
        stored = _centroid_dfs(feats)
        cw = {t: _weight(t, v, _idf(dfs.get(t, stored.get(t, 0)), self.n)) for t, v in centroid.items()}
        c_norm = math.sqrt(sum(w * w for w in cw.values())) or 1.0
        cos = sum(self.weights[t] * cw[t] for t in shared) / (self.norm * c_norm)
        if self.short:
            # a brief is judged by how much of it the story already holds; in the days of the
            # story's own coverage, time says more than a headline's few words
            held = sum(self.weights[t] ** 2 for t in shared) / self.norm ** 2
            near = self.day and feats.get("first") and gap <= SHORT_DAYS
            bar = SHORT_NEAR_JOIN if near else SHORT_JOIN
            cos = max(cos, held * JOIN / bar)
        if gap > MAX_DAYS:
            cos *= JOIN / FAR_JOIN
        return cos


def _agreements(terms: list[str]) -> int:
    """How many things two texts agree on: a shared name counts once, not again for each of
    its words ("e:valparaíso" and "w:valparaíso" are one agreement)."""
    names = [t for t in terms if t.startswith("e:")]
    inside = {stem(w) for t in names for w in t[2:].split()}
    return len(names) + sum(1 for t in terms if not t.startswith("e:") and t[2:] not in inside)


def _centroid_dfs(feats: dict[str, Any]) -> dict[str, int]:
    """The document frequency of each centroid term when the story last took an article.

    Only the centroid's norm needs the terms an article does not share, so their stored
    frequency stands in for the current one (it can only have grown since, which lowers the
    similarity a little: a conservative error). Reading the current one would cost a lookup
    per centroid term and candidate story, growing with the corpus as stories fill up."""
    return dict(zip(feats["terms"], feats.get("dfs", ()), strict=False))


def _linked_story(store: Store, article_id: str) -> str | None:
    """The story of the article's copy/rewrite source, else of an article derived from it."""
    for d in store.derivations_of(article_id):
        if d.kind in {"copy", "rewrite"} and not d.source_id.startswith("external:"):
            found = store.stories_of([d.source_id]).get(d.source_id)
            if found:
                return found
    derived = store.derived_from(article_id)
    return next(iter(store.stories_of(derived).values()), None) if derived else None


def _best_story(prof: _Profile, corpus: _Corpus) -> str | None:
    # Rare terms find the candidates; a common one would list every story in the corpus
    # (an absolute cap keeps the postings read per article flat as the corpus grows).
    cap = min(_distinct_cap(prof.n), PROBE_MAX_DF)
    dfs = corpus.dfs
    probe = sorted((t for t in prof.weights if 0 < dfs[t] <= cap), key=lambda t: dfs[t])[:PROBE_TERMS]
    cands = {sid: f for sid in corpus.index.candidates(probe, CANDIDATE_STORIES)
             if (f := corpus.index.features(sid)) and "terms" in f}
    if not cands:
        return None
    # a centroid stored before its frequencies were (an older store) reads them now
    corpus.get({t for f in cands.values() if "dfs" not in f for t in f["terms"]})
    best, best_score = None, JOIN
    for sid, feats in cands.items():
        s = prof.score(feats, dfs)
        if s >= best_score:
            best, best_score = sid, s
    return best


class _Corpus:
    """Document frequencies read once per batch and counted in memory, written per batch:
    every placement sees exact counts without a round trip per term."""

    def __init__(self, store: Store) -> None:
        self.index = StoryIndex(store)
        self.dfs: dict[str, int] = {}
        self.docs = self.index.docs()
        self.pending: Counter[str] = Counter()
        self.pending_docs = 0

    def get(self, terms: Iterable[str]) -> dict[str, int]:
        missing = [t for t in terms if t not in self.dfs]
        if missing:
            found = self.index.dfs(missing)
            self.dfs.update((t, found.get(t, 0)) for t in missing)
        return self.dfs

    def add(self, terms: Iterable[str]) -> None:
        for t in terms:
            self.dfs[t] = self.dfs.get(t, 0) + 1
            self.pending[t] += 1
        self.docs += 1
        self.pending_docs += 1

    def flush(self) -> None:
        if self.pending_docs:
            self.index.add_dfs(self.pending, self.pending_docs)
        self.pending, self.pending_docs = Counter(), 0


def place(store: Store, article: Article, corpus: _Corpus | None = None) -> str:
    """Put one article in a story (extending or creating it); return the story id."""
    own = corpus is None
    corpus = corpus or _Corpus(store)
    counts = article_terms(article)
    dfs = corpus.get(counts)
    prof = _Profile(article, dfs, corpus.docs + 1, counts)
    story_id = _linked_story(store, article.id) or _best_story(prof, corpus)
    corpus.add(counts)
    story = store.story(story_id) if story_id else None
    feats = corpus.index.features(story_id) if story_id else None
    if story is None or feats is None or "terms" not in feats:
        story_id = "s-" + hashlib.sha256(article.id.encode()).hexdigest()[:12]
        story = Story(id=story_id, title=_title(article))
        feats = {"terms": {}, "n": 0, "first": None, "last": None}
    story.article_ids.append(article.id)
    stored = _centroid_dfs(feats) if "dfs" in feats else corpus.get(feats["terms"])
    terms: dict[str, float] = feats["terms"]
    for t, v in prof.logs.items():
        terms[t] = terms.get(t, 0.0) + v
    tdfs = {t: dfs.get(t, stored.get(t, 0)) for t in terms}
    if len(terms) > CENTROID_TERMS:
        # keep the centroid bounded: its heaviest terms under the current IDF
        keep = heapq.nlargest(CENTROID_TERMS, terms,
                              key=lambda t: _weight(t, terms[t], _idf(tdfs[t], prof.n)))
        feats["terms"] = {t: round(terms[t], 3) for t in keep}
    feats["dfs"] = [tdfs[t] for t in feats["terms"]]
    feats["n"] += 1
    if prof.day:
        iso = prof.day.isoformat()
        feats["first"] = min(feats["first"] or iso, iso)
        feats["last"] = max(feats["last"] or iso, iso)
    # a term past PROBE_MAX_DF is never probed again (frequencies only grow): no posting
    probed = [t for t in prof.distinct if corpus.dfs[t] <= PROBE_MAX_DF]
    store.save_story(story, added=[article.id])
    corpus.index.save(story_id, feats, probed)
    if own:
        corpus.flush()
    return story_id


def stage(store: Store, new_ids: list[str], analyses: Analyses = NOTHING_FOUND) -> None:
    """Place the new articles not yet in a story: sources before the copies of them."""
    for i in range(0, len(new_ids), BATCH):
        batch = new_ids[i:i + BATCH]
        placed = store.stories_of(batch)
        arts = store.articles_by_ids([a for a in batch if a not in placed])
        derived = {a for a in arts if any(d.kind in {"copy", "rewrite"} for d in store.derivations_of(a))}
        order = {a: k for k, a in enumerate(batch)}
        corpus = _Corpus(store)
        with store.transaction():  # one commit per batch
            for a_id in sorted(arts, key=lambda a: (a in derived, order[a])):
                place(store, arts[a_id], corpus)
            corpus.flush()
