"""What one request reads from the store: a story's, article's or entity's neighbourhood.

Each request opens the store read-only (WAL: ``analyze`` may write meanwhile) and loads
only the rows its page needs, through the store's reads (id lists are bound 500 at a time,
so no SQL is ever built from input), as a small :class:`~newsloom.model.Result` that the
shared view builders (``newsloom.report.views``) turn into a page.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from newsloom.model import Article, Entity, Quote, Result, Story
from newsloom.report import views
from newsloom.store import Store
from newsloom.web.search import Hits, Search

_refresh_lock = threading.Lock()


def prepare(db: str | Path) -> bool:
    """Migrate the store and bring its search index up to date; False if it cannot be written."""
    try:
        with Store(db) as store:
            Search(store).refresh()
        return True
    except sqlite3.OperationalError:
        return False


class Reader:
    """Read-only access to the store for the length of one request."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        self.store = Store(db, readonly=True)

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    # Neighbourhoods ---------------------------------------------------------------------------

    def articles(self, ids: list[str]) -> list[Article]:
        """These articles, oldest first (undated first)."""
        return sorted(self.store.articles(ids), key=lambda a: (a.published is not None, a.published or "", a.id))

    def neighbourhood(self, ids: list[str], stories: list[Story]) -> Result:
        """These articles with their quotes, derivations (and the articles at their other end),
        and the entities named in them."""
        derivations = self.store.derivations_around(ids)
        quotes = self.with_carriers(self.store.quotes_of_articles(ids))
        linked = list(dict.fromkeys([*ids, *(d.source_id for d in derivations), *(d.derived_id for d in derivations),
                                     *(q.article_id for q in quotes)]))
        speakers = [q.speaker_entity_id for q in quotes if q.speaker_entity_id]
        named = {e.id: e for e in [*self.store.entities(speakers), *self.store.entities_in(ids)]}
        return Result(articles=self.articles(linked), quotes=quotes, derivations=derivations,
                      entities=sorted(named.values(), key=lambda e: e.id), stories=stories)

    def with_carriers(self, quotes: list[Quote]) -> list[Quote]:
        """``quotes`` and the copies of them other articles carry (``same_as``, read off the
        store's quotation groups), so a page shows every outlet that carries each."""
        have = {q.id for q in quotes}
        missing = list(dict.fromkeys(i for q in quotes for i in q.same_as if i not in have))
        return [*quotes, *self.store.quotes_by_ids(missing)]

    def story(self, ident: str) -> tuple[views.Index, Story] | None:
        story = self.store.story(ident)
        if story is None:
            return None
        return views.Index(self.neighbourhood(story.article_ids, [story])), story

    def article(self, ident: str) -> tuple[views.Index, Article] | None:
        if not self.store.id_taken(ident):
            return None
        index = views.Index(self.neighbourhood([ident], self.store.stories_with([ident])))
        return index, index.articles[ident]

    def entity(self, ident: str) -> tuple[views.Index, Entity] | None:
        found = self.store.entities([ident])
        if not found:
            return None
        entity = found[0]
        ids = list(dict.fromkeys([*entity.article_ids, *(m.article_id for m in entity.mentions)]))
        quotes = self.with_carriers(self.store.quotes_of_speakers([ident]))
        ids += [q.article_id for q in quotes if q.article_id not in ids]
        stories = self.store.stories_with(ids)
        result = Result(articles=self.articles(ids), entities=[entity], quotes=quotes, stories=stories)
        return views.Index(result), entity

    # The list page ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {t: self.store.count(t) for t in ("articles", "stories", "quotes", "entities", "derivations")}

    def search(self, query: str, limit: int = 50) -> Hits:
        """Full-text hits (FTS5), refreshing the index first if articles arrived since."""
        search = Search(self.store)
        if not search.available():
            return search.like(query, limit)
        if search.stale():
            with _refresh_lock:
                prepare(self.db)
        return search.query(query, limit)

    def listing(self, q: str = "", outlet: str = "", date_from: str = "", date_to: str = "",
                person: str = "", limit: int = 200) -> dict[str, Any]:
        """The stories list: search hits, filters by outlet, date range and person."""
        metas = self.store.article_metas()
        stories = sorted(self.store.stories(), key=lambda s: s.id)
        index = views.Index(Result(articles=metas, stories=stories))

        def keep(a: Article) -> bool:
            day = (a.published or "")[:10]
            return ((not outlet or views.outlet(a) == outlet) and (not date_from or (day and day >= date_from))
                    and (not date_to or (day and day <= date_to)))

        allowed = {a.id for a in metas if keep(a)}
        if person:
            found = self.store.entities([person])
            allowed &= {i for e in found for i in [*e.article_ids, *(m.article_id for m in e.mentions)]}
        hits: Hits = {"articles": [], "quotes": []}
        if q.strip():
            hits = self.search(q)
            hits = {"articles": [h for h in hits["articles"] if h["id"] in allowed],
                    "quotes": [h for h in hits["quotes"] if h["article_id"] in allowed]}
            allowed = {h["id"] for h in hits["articles"]} | {h["article_id"] for h in hits["quotes"]}
        matching = [s for s in stories if allowed & set(s.article_ids)]
        matching.sort(key=lambda s: (-len(s.article_ids), s.title))
        people = [{"id": i, "name": name} for i, name in self.store.entity_names("PERSON", 1000)]
        return {
            "q": q, "filters": {"outlet": outlet, "from": date_from, "to": date_to, "person": person},
            "options": {"outlets": sorted({views.outlet(a) for a in metas}), "people": people},
            "counts": self.counts(),
            "stories": [views.story_card(index, s) for s in matching[:limit]],
            "hits": hits,
            "articles": [views.article_card(a) for a in metas if a.id in allowed][:limit],
        }
