"""The data model newsloom passes from stage to stage.

One module holds every record type, so that ingest, cleaning, NLP, provenance, stories,
the store and the reports all speak the same language. Field names are those of the
JSON contract (``schema/newsloom-v1.schema.json``); ``to_dict`` gives the contract form.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import typing
from dataclasses import dataclass, field
from typing import Any

CONTRACT_VERSION = 1


def fingerprint(*parts: str | None) -> str:
    """A stable content key: sha256 over whitespace-normalised parts."""
    h = hashlib.sha256()
    for part in parts:
        h.update(" ".join((part or "").split()).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class Record:
    """Mixin: contract form of a dataclass (``to_dict``) and back (``from_dict``)."""

    def to_dict(self) -> dict[str, Any]:
        # not dataclasses.asdict: it deep-copies every leaf, and derivations carry hundreds
        # of aligned pairs (asdict was a tenth of the provenance stage's time)
        out = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
        for name in _optional(type(self)):
            if out[name] is None:
                del out[name]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        """Rebuild from the contract form, nested records (``list[Role]``…) included."""
        kwargs = {}
        for name, item in _fields(cls):
            if name not in data:
                continue
            value = data[name]
            if item is not None and isinstance(value, list):
                value = [item.from_dict(v) if isinstance(v, dict) else v for v in value]
            kwargs[name] = value
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    """``value`` with its records as dicts and its containers copied (leaves are immutable)."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def optional() -> Any:
    """A field its record's contract form leaves out while it is None (a key some rows lack)."""
    return field(default=None, metadata={"optional": True})


@functools.cache
def _optional(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("optional"))


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, type[Record] | None], ...]:
    """Each field's name and, for ``list[Record]`` fields, the record type (resolved once per class)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _record_item_type(hints[f.name])) for f in dataclasses.fields(cls))


def _record_item_type(hint: Any) -> type[Record] | None:
    """``X`` when ``hint`` is ``list[X]`` and X is a Record, else None."""
    if typing.get_origin(hint) is list:
        (arg,) = typing.get_args(hint)
        if isinstance(arg, type) and issubclass(arg, Record):
            return arg
    return None


@dataclass
class RawDocument(Record):
    """One input document as a source yielded it, before cleaning.

    Exactly one of ``text`` (plain text) or ``html`` is set. ``source`` is the path or
    URL the user gave (for a JSONL line: ``path#line``).
    """

    source: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    site: str | None = None
    byline: str | None = None
    fetched: str | None = None  # when it was fetched or crawled (ISO), e.g. a WARC record's date

    @property
    def fingerprint(self) -> str:
        """Content key: the same content from the same site under the same id (when the input
        names one) is the same article; two records naming different ids stay two."""
        named = (self.id,) if self.id else ()  # unnamed records keep their content-only key
        return fingerprint(self.text or self.html, self.url or self.site, *named)


@dataclass
class RemovedLine(Record):
    """A line cleaning took out of the body, kept with the reason."""

    text: str
    reason: str
    line: int  # 0-based line number in the input text


@dataclass
class DateMention(Record):
    """A temporal expression in the article text (filled by the timeline stage)."""

    text: str
    start: int
    end: int
    value: str | None
    status: str  # resolved / estimated / unresolved


@dataclass
class Figure(Record):
    """A number with its unit and what it measures (filled by the figures stage)."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    measure: str | None


@dataclass
class Article(Record):
    """A clean article: metadata, body text, and what cleaning removed."""

    id: str
    source: str
    fingerprint: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    fetched: str | None = None
    dateline: str | None = None
    credited_source: str | None = None
    cited_outlets: list[str] = field(default_factory=list)
    language: str | None = None
    text: str = ""
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # None: the NLP-driven stages read the whole text; else the length of the prefix they read
    # (a very long text is cut at a paragraph or sentence end; 0 for a language other than English)
    analysed_chars: int | None = None

    @property
    def headline_only(self) -> bool:
        """An item that is nothing but its headline (a wire alert, a feed entry without summary):
        its text is its title."""
        title = " ".join((self.title or "").split())
        return bool(title) and " ".join(self.text.split()) == title


@dataclass
class Mention(Record):
    """Where an entity is named in an article."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Role(Record):
    """A title or description of an entity, with the articles that state it."""

    text: str
    article_ids: list[str] = field(default_factory=list)


@dataclass
class Entity(Record):
    """A person, organisation, place, outlet… under one canonical name."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Quote(Record):
    """A quotation with its speaker; ``text == article.text[start:end]``."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_entity_id: str | None = None
    speaker_role: str | None = None
    cue: str | None = None
    kind: str = "direct"  # direct / partial / indirect / scare
    same_as: list[str] = field(default_factory=list)
    altered: bool = False


@dataclass
class Derivation(Record):
    """``derived_id`` copies or rewrites ``source_id``."""

    derived_id: str
    source_id: str
    kind: str  # copy / rewrite / partial / independent
    credited: bool
    score: float
    aligned: list[list[Any]] = field(default_factory=list)

    def pairs(self) -> list[tuple[int, int, int, int, float | None]]:
        """The aligned passages as ``(ds, de, ss, se, similarity)``, from any stored shape:
        ``[ds, de, ss, se, sim]`` (provenance's), ``[[ds, de], [ss, se], sim]`` or dicts;
        an unreadable entry is skipped."""
        out = []
        for item in self.aligned:
            try:
                if isinstance(item, dict):
                    d, s = item.get("derived") or item.get("a"), item.get("source") or item.get("b")
                    sim = item.get("score", item.get("similarity"))
                    out.append((int(d[0]), int(d[1]), int(s[0]), int(s[1]), None if sim is None else float(sim)))
                elif len(item) >= 2 and isinstance(item[0], list | tuple):
                    sim = float(item[2]) if len(item) > 2 else None
                    out.append((int(item[0][0]), int(item[0][1]), int(item[1][0]), int(item[1][1]), sim))
                elif len(item) >= 4:
                    ds, de, ss, se = (int(x) for x in item[:4])
                    out.append((ds, de, ss, se, float(item[4]) if len(item) > 4 else None))
            except (TypeError, ValueError, IndexError, KeyError):
                continue
        return out


@dataclass
class SummarySentence(Record):
    """One summary sentence: ``article_ids`` carry it (near-)verbatim, ``paraphrased_in`` re-say it."""

    text: str
    article_ids: list[str] = field(default_factory=list)
    paraphrased_in: list[str] = field(default_factory=list)
    sources: int = 0  # independent sources behind it (copies and rewrites count once)


@dataclass(kw_only=True)
class TimelineEntry(Record):
    """One dated event of a story, as the original words it, citing every article that tells it."""

    date: str  # TIMEX3 value
    label: str | None = optional()  # the date in words ("Tue 14 October 2025"); older stores lack it
    text: str
    kind: str  # past (background) / event / future (announced)
    date_text: str | None = optional()  # the date as the text gives it
    status: str | None = optional()  # resolved / estimated
    article_ids: list[str] = field(default_factory=list)


@dataclass
class KeyFigure(Record):
    """One of a story's key figures, merged across the articles that report it."""

    value: float
    unit: str | None
    measure: str | None
    text: str  # as the first report writes it
    article_ids: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Side(Record):
    """What some articles say in a disagreement; a figure's side has its ``unit`` and ``text``."""

    value: float | str  # a number for a figure, else a string
    unit: str | None = optional()
    text: str | None = optional()
    article_ids: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Disagreement(Record):
    """Articles of one story that differ on a ``figure``, ``name``, ``quote`` or ``date``."""

    kind: str
    about: str
    entity_id: str | None = optional()  # a name's entity
    sides: list[Side] = field(default_factory=list)
    diff: str | None = optional()  # a quote's word diff, wdiff-style


@dataclass
class Story(Record):
    """Articles about the same events, grouped across outlets."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)


@dataclass
class Rejection(Record):
    """An input that could not be processed, and why."""

    source: str
    reason: str
    code: str


@dataclass
class Result(Record):
    """Everything one analysis produced; ``to_dict`` is the JSON contract."""

    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"version": CONTRACT_VERSION, **super().to_dict()}
