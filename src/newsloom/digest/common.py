"""What every digest part reads: a story's articles, their provenance roots, quotes, entities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from newsloom.clean.credit import dateline_match, mostly_capitals
from newsloom.lang.en.outlets import WIRE_CODES
from newsloom.model import Article, Derivation, Entity, Story
from newsloom.provenance.align import Sentence, sentences
from newsloom.store import Store
from newsloom.timeline.dates import reference_date

MAIN_KINDS = frozenset({"copy", "rewrite", "update"})  # an outlet and its follow-ups are one source
def display(text: str) -> str:
    """A sentence as shown: the wire dateline ("PORT AVERLY (CW) —", "MELBOURNE (Tasman
    Wire) —") dropped (still a substring)."""
    m = dateline_match(text)
    if m is None:
        return text
    town = (m.group("place") or "").strip(" ,").split(",")[0]  # "HALDEN, Dec. 3 (NPA) —", "RENO, Nev. —"
    agency = (m.group("agency") or "").strip()
    # a town in capitals, or one with the day or a wire's code ("Kathmandu, March 11 (UAN) —",
    # "New Delhi (PTI):"); not "Ada Kroll (DUP) - the party leader - said"
    return text[m.end() :] if mostly_capitals(town) or m.group("date") or agency in WIRE_CODES else text


def published_date(a: Article) -> date | None:
    """An article's publication date, when it gives one (not one estimated from its text)."""
    ref, status = reference_date(a)
    return ref if status == "resolved" else None


@dataclass
class StoryData:
    """One story's material, loaded once and shared by summary, timeline, figures, brief."""

    story: Story
    articles: dict[str, Article]  # in reading order: dated first, oldest first
    derivations: dict[str, Derivation] = field(default_factory=dict)  # derived id → main source
    quotes: list[dict[str, Any]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    _sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    _retold: dict[str, dict[int, tuple[str, int]]] = field(default_factory=dict)  # summary and timeline read it

    def root(self, article_id: str, kinds: frozenset[str] = MAIN_KINDS) -> str:
        """The original behind an article: follow its main links (``kinds``: copy, rewrite
        and update) inside the story."""
        seen = {article_id}
        while ((d := self.derivations.get(article_id)) and d.kind in kinds and d.source_id in self.articles
               and d.source_id not in seen):
            article_id = d.source_id
            seen.add(article_id)
        return article_id

    def sentences(self, article_id: str) -> list[Sentence]:
        if article_id not in self._sentences:
            self._sentences[article_id] = sentences(self.articles[article_id].text)
        return self._sentences[article_id]

    def retold(self, article_id: str) -> dict[int, tuple[str, int]]:
        """The sentences of an article that retell its main source's, as provenance aligned
        them (sentence start → source id and sentence start): both ends whole sentences of the
        texts as they are, giving the same figures. Not an update's: its own outlet's new
        figures ("the toll has risen to 31") align with the old ones."""
        if article_id in self._retold:
            return self._retold[article_id]
        d = self.derivations.get(article_id)
        out: dict[int, tuple[str, int]] = {}
        if d is not None and d.kind != "update" and d.source_id in self.articles:
            mine = {s.start: s for s in self.sentences(article_id)}
            theirs = {s.start: s for s in self.sentences(d.source_id)}
            for ds, de, ss, se, _ in d.pairs():
                a, b = mine.get(ds), theirs.get(ss)
                if a is not None and b is not None and (a.end, b.end) == (de, se) and a.numbers <= b.numbers:
                    out[ds] = (d.source_id, ss)
        self._retold[article_id] = out
        return out

    @cached_property
    def _position(self) -> dict[str, int]:
        return {a_id: i for i, a_id in enumerate(self.articles)}

    def order(self, article_id: str) -> tuple[int, str, int]:
        """Sort key: originals before their copies, then by date (undated last), then load order."""
        a = self.articles[article_id]
        return (0 if self.root(article_id) == article_id else 1, a.published or "9999", self._position[article_id])

    @cached_property
    def days(self) -> dict[str, date]:
        """Each article's publication date, for those that give one."""
        return {a_id: d for a_id, a in self.articles.items() if (d := published_date(a))}

    @cached_property
    def earliest(self) -> date | None:
        """The earliest publication date any of the story's articles gives (None: none does)."""
        return min(self.days.values(), default=None)

    def cite(self, ids: set[str] | list[str]) -> list[str]:
        """Article ids in citation order: originals first, then by date."""
        return sorted(set(ids), key=self.order)


def load(store: Store, story: Story) -> StoryData:
    arts = store.articles_by_ids(story.article_ids)
    ordered = sorted((arts[i] for i in story.article_ids if i in arts),
                     key=lambda a: (a.published is None, a.published or "", story.article_ids.index(a.id)))
    data = StoryData(story=story, articles={a.id: a for a in ordered})
    for a_id in data.articles:
        mains = [d for d in store.derivations_of(a_id) if d.kind in MAIN_KINDS and d.source_id in data.articles]
        if mains:
            data.derivations[a_id] = max(mains, key=lambda d: d.score)
    data.quotes = store.quote_rows(list(data.articles))
    data.entities = store.entities_in(list(data.articles), mentions=False)  # names are what digests compare
    return data
