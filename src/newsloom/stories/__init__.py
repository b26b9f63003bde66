"""Stories: articles about the same event and its follow-ups, grouped across outlets.

``stage(store, new_ids)`` places each new article once, without recomputing anything:

1. a copy or rewrite joins its source's story (provenance runs first);
2. otherwise the stories sharing the most of its distinctive names (an inverted index in
   the store) are scored: the IDF-weighted share of the article's proxy entities and key
   terms that the story already holds, penalised when the dates are far apart;
3. the best story above ``JOIN`` takes it, else it starts a new story.

Names weigh more than words because a place name and generic words ("deal", "talks",
"strike") are shared by different events; several shared distinctive names are not.
A story keeps running counts of its names and terms, so adding to it is cheap.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import date

from newsloom.model import Article, Story
from newsloom.provenance.features import content_words, entities
from newsloom.store import Store

JOIN = 0.22
NAME_WEIGHT = 0.7
MAX_TERMS = 40  # key terms kept per article
MAX_DAYS = 10  # beyond this gap from a story's dates, an article is another event
CANDIDATE_STORIES = 10
PROBE_TERMS, PROBE_DF = 12, 50
TITLE_WORDS = 14


def article_features(article: Article) -> tuple[Counter[str], Counter[str]]:
    """Proxy entities ("e:…") and content words ("w:…") with their counts."""
    text = f"{article.title or ''}\n{article.text}"
    names = Counter("e:" + n.lower() for n in entities(text))
    words = Counter("w:" + w for w in content_words(text) if not w.isdigit())
    return names, words


def _idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1


def _day(a: Article) -> date | None:
    try:
        return date.fromisoformat(a.published[:10]) if a.published else None
    except ValueError:
        return None


def _weights(counts: Counter[str], dfs: dict[str, int], n: int, keep: int) -> dict[str, float]:
    scored = {t: (1 + math.log(c)) * _idf(dfs.get(t, 0), n) for t, c in counts.items()}
    return dict(sorted(scored.items(), key=lambda x: -x[1])[:keep])


def _overlap(weights: dict[str, float], held: dict[str, int], held_total: float) -> float:
    """Shared weight over the smaller side's weight: a brief inside a long story scores high,
    and so does a long article around a story of briefs."""
    total = min(sum(weights.values()), held_total)
    return sum(w for t, w in weights.items() if t in held) / total if total else 0.0


def _held_total(store: Store, held: dict[str, int], n: int, keep: int) -> float:
    dfs = store.term_dfs(list(held))
    top = sorted((_idf(dfs.get(t, 0), n) for t in held), reverse=True)[:keep]
    return sum(top)


def _score(store: Store, names: dict[str, float], words: dict[str, float], feats: dict,
           day: date | None, n: int) -> float:
    score = (NAME_WEIGHT * _overlap(names, feats["names"], _held_total(store, feats["names"], n, len(names)))
             + (1 - NAME_WEIGHT) * _overlap(words, feats["words"],
                                            _held_total(store, feats["words"], n, len(words))))
    if day and feats.get("first") and feats.get("last"):
        gap = max((date.fromisoformat(feats["first"]) - day).days, (day - date.fromisoformat(feats["last"])).days, 0)
        if gap > MAX_DAYS:
            score *= 0.5
    return score


def _title(article: Article) -> str:
    title = article.title or article.text.split("\n", 1)[0]
    ws = title.split()
    return " ".join(ws[:TITLE_WORDS]) + (" …" if len(ws) > TITLE_WORDS else "")


def _source_story(store: Store, article_id: str) -> str | None:
    for d in store.derivations_of(article_id):
        if d.kind in {"copy", "rewrite"} and not d.source_id.startswith("external:"):
            return store.stories_of([d.source_id]).get(d.source_id)
    return None


def place(store: Store, article: Article) -> str:
    """Put one article in a story (extending or creating it); return the story id."""
    names_c, words_c = article_features(article)
    terms = list(names_c) + list(words_c)
    dfs = store.term_dfs(terms)
    n = store.corpus_docs() + 1
    names = _weights(names_c, dfs, n, MAX_TERMS)
    words = _weights(words_c, dfs, n, MAX_TERMS)
    held_names, held_words = _weights(names_c, dfs, n, 10**6), _weights(words_c, dfs, n, 10**6)
    day = _day(article)
    story_id = _source_story(store, article.id)
    if story_id is None:
        # The rarest names find the candidate stories; the commonest would list every story.
        probe = [t for t in sorted(names_c, key=lambda t: dfs.get(t, 0))
                 if 0 < dfs.get(t, 0) <= max(PROBE_DF, n // 50)][:PROBE_TERMS]
        best, best_score = None, JOIN
        for sid in store.story_candidates(probe, CANDIDATE_STORIES):
            feats = store.story_features(sid)
            s = _score(store, names, words, feats, day, n) if feats else 0.0
            if s >= best_score:
                best, best_score = sid, s
        story_id = best
    store.add_term_dfs(terms)
    story = store.story(story_id) if story_id else None
    feats = store.story_features(story_id) if story_id else None
    if story is None or feats is None:
        story_id = "s-" + hashlib.sha256(article.id.encode()).hexdigest()[:12]
        story = Story(id=story_id, title=_title(article))
        feats = {"names": {}, "words": {}, "first": None, "last": None}
    story.article_ids.append(article.id)
    for t in held_names:
        feats["names"][t] = feats["names"].get(t, 0) + 1
    for t in held_words:
        feats["words"][t] = feats["words"].get(t, 0) + 1
    if day:
        iso = day.isoformat()
        feats["first"] = min(feats["first"] or iso, iso)
        feats["last"] = max(feats["last"] or iso, iso)
    store.save_story(story, feats, list(held_names))
    return story_id


def stage(store: Store, new_ids: list[str]) -> None:
    """Place the new articles not yet in a story, in the order given."""
    for i in range(0, len(new_ids), 200):
        batch = new_ids[i:i + 200]
        placed = store.stories_of(batch)
        arts = store.articles_by_ids([a for a in batch if a not in placed])
        for a_id in batch:
            if a_id in arts:
                place(store, arts[a_id])
