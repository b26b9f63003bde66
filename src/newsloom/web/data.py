"""What one request reads from the store: a story's, article's or entity's neighbourhood.

Each request opens the store read-only (WAL: ``analyze`` may write meanwhile) and loads
only the rows its page needs, as a small :class:`~newsloom.model.Result` that the shared
view builders (``newsloom.report.views``) turn into a page. Id lists go to SQLite as one
JSON parameter (``json_each``), so no SQL is ever built from input.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from newsloom.model import Article, Derivation, Entity, Quote, Result, Story
from newsloom.report import views
from newsloom.store import Store

_IDS = "(SELECT value FROM json_each(?))"
_refresh_lock = threading.Lock()


def prepare(db: str | Path) -> bool:
    """Migrate the store and bring its search index up to date; False if it cannot be written."""
    try:
        with Store(db) as store:
            store.refresh_search()
        return True
    except sqlite3.OperationalError:
        return False


class Reader:
    """Read-only access to the store for the length of one request."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        self.store = Store(db, readonly=True)
        self.conn = self.store.conn

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.store.close()

    def _load(self, cls: Any, sql: str, *params: Any) -> list[Any]:
        items = [cls.from_dict(json.loads(r["data"])) for r in self.conn.execute(sql, params)]
        views.normalise(Result(stories=items if cls is Story else [], entities=items if cls is Entity else []))
        return items

    # Neighbourhoods ---------------------------------------------------------------------------

    def articles(self, ids: list[str]) -> list[Article]:
        return self._load(Article, f"SELECT data FROM articles WHERE id IN {_IDS} ORDER BY published, id",
                          json.dumps(ids))

    def stories_with(self, ids: list[str]) -> list[Story]:
        return self._load(Story, "SELECT data FROM stories WHERE EXISTS (SELECT 1 FROM json_each(stories.data,"
                                 f" '$.article_ids') j WHERE j.value IN {_IDS})", json.dumps(ids))

    def neighbourhood(self, ids: list[str], stories: list[Story]) -> Result:
        """These articles with their quotes, derivations (and the articles at their other end),
        and the entities named in them."""
        p = json.dumps(ids)
        derivations = self._load(Derivation, f"SELECT data FROM derivations WHERE derived_id IN {_IDS}"
                                             f" OR source_id IN {_IDS}", p, p)
        quotes = self.with_carriers(self.store.quotes_of_articles(ids))
        linked = list(dict.fromkeys([*ids, *(d.source_id for d in derivations), *(d.derived_id for d in derivations),
                                     *(q.article_id for q in quotes)]))
        speakers = json.dumps([q.speaker_entity_id for q in quotes if q.speaker_entity_id])
        entities = self._load(
            Entity, f"SELECT data FROM entities WHERE id IN {_IDS} OR EXISTS (SELECT 1 FROM"
                    f" json_each(entities.data, '$.article_ids') j WHERE j.value IN {_IDS})", speakers, p)
        return Result(articles=self.articles(linked), quotes=quotes, derivations=derivations,
                      entities=entities, stories=stories)

    def with_carriers(self, quotes: list[Quote]) -> list[Quote]:
        """``quotes`` and the copies of them other articles carry (``same_as``, read off the
        store's quotation groups), so a page shows every outlet that carries each."""
        have = {q.id for q in quotes}
        missing = list(dict.fromkeys(i for q in quotes for i in q.same_as if i not in have))
        return [*quotes, *self.store.quotes_by_ids(missing)]

    def story(self, ident: str) -> tuple[views.Index, Story] | None:
        found = self._load(Story, "SELECT data FROM stories WHERE id=?", ident)
        if not found:
            return None
        story = found[0]
        return views.Index(self.neighbourhood(story.article_ids, [story])), story

    def article(self, ident: str) -> tuple[views.Index, Article] | None:
        if not self.conn.execute("SELECT 1 FROM articles WHERE id=?", (ident,)).fetchone():
            return None
        index = views.Index(self.neighbourhood([ident], self.stories_with([ident])))
        return index, index.articles[ident]

    def entity(self, ident: str) -> tuple[views.Index, Entity] | None:
        found = self._load(Entity, "SELECT data FROM entities WHERE id=?", ident)
        if not found:
            return None
        entity = found[0]
        ids = list(dict.fromkeys([*entity.article_ids, *(m.article_id for m in entity.mentions)]))
        quotes = self.with_carriers(self.store.quotes_of_speakers([ident]))
        ids += [q.article_id for q in quotes if q.article_id not in ids]
        stories = self.stories_with(ids)
        result = Result(articles=self.articles(ids), entities=[entity], quotes=quotes, stories=stories)
        return views.Index(result), entity

    # The list page ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {t: self.store.count(t) for t in ("articles", "stories", "quotes", "entities", "derivations")}

    def search(self, query: str, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Full-text hits (FTS5), refreshing the index first if articles arrived since."""
        if not self.store.has_search():
            return self._search_like(query, limit)
        if self.store.search_is_stale():
            with _refresh_lock:
                prepare(self.db)
        return self.store.search(query, limit)

    def _search_like(self, query: str, limit: int) -> dict[str, list[dict[str, Any]]]:
        """Fallback for a store without the search tables that we may not migrate."""
        pattern = f"%{query.strip()}%"
        rows = self.conn.execute("SELECT id, title, site, text FROM articles WHERE title LIKE ? OR text LIKE ?"
                                 " LIMIT ?", (pattern, pattern, limit))
        hits = []
        for r in rows:
            m = re.search(re.escape(query.strip()), r["text"], re.I)
            at = m.start() if m else 0
            hits.append({"id": r["id"], "title": r["title"], "site": r["site"],
                         "snippet": r["text"][max(0, at - 80): at + 120]})
        return {"articles": hits, "quotes": []}

    def listing(self, q: str = "", outlet: str = "", date_from: str = "", date_to: str = "",
                person: str = "", limit: int = 200) -> dict[str, Any]:
        """The stories list: search hits, filters by outlet, date range and person."""
        metas = [Article(id=r["id"], source=r["source"], fingerprint="", title=r["title"], site=r["site"],
                         published=r["published"], byline=r["byline"], credited_source=r["credited_source"])
                 for r in self.conn.execute("SELECT id, source, title, site, published, byline, credited_source"
                                            " FROM articles ORDER BY published DESC, id")]
        stories = self._load(Story, "SELECT data FROM stories ORDER BY id")
        index = views.Index(Result(articles=metas, stories=stories))

        def keep(a: Article) -> bool:
            day = (a.published or "")[:10]
            return ((not outlet or views.outlet(a) == outlet) and (not date_from or (day and day >= date_from))
                    and (not date_to or (day and day <= date_to)))

        allowed = {a.id for a in metas if keep(a)}
        if person:
            found = self._load(Entity, "SELECT data FROM entities WHERE id=?", person)
            allowed &= {i for e in found for i in [*e.article_ids, *(m.article_id for m in e.mentions)]}
        hits: dict[str, list[dict[str, Any]]] = {"articles": [], "quotes": []}
        if q.strip():
            hits = self.search(q)
            hits = {"articles": [h for h in hits["articles"] if h["id"] in allowed],
                    "quotes": [h for h in hits["quotes"] if h["article_id"] in allowed]}
            allowed = {h["id"] for h in hits["articles"]} | {h["article_id"] for h in hits["quotes"]}
        matching = [s for s in stories if allowed & set(s.article_ids)]
        matching.sort(key=lambda s: (-len(s.article_ids), s.title))
        people = [{"id": r["id"], "name": r["name"]} for r in
                  self.conn.execute("SELECT id, name FROM entities WHERE type='PERSON' ORDER BY name LIMIT 1000")]
        return {
            "q": q, "filters": {"outlet": outlet, "from": date_from, "to": date_to, "person": person},
            "options": {"outlets": sorted({views.outlet(a) for a in metas}), "people": people},
            "counts": self.counts(),
            "stories": [views.story_card(index, s) for s in matching[:limit]],
            "hits": hits,
            "articles": [views.article_card(a) for a in metas if a.id in allowed][:limit],
        }
