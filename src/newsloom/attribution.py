"""Entities and quotes: one article stage (parse once, attribute, extract) and one corpus
stage (one canonical entity across articles, the same quotation across outlets).

The article stage parses each article once with the shipped model (``newsloom.nlp.load``;
rules alone when it is absent), finds quotations with their speakers and the entities the
article names, and keeps the result in a per-process cache keyed by article id: articles
carry no parse or entity fields. Both read only the analysed prefix of a very long text
(``newsloom.nlp.bound``), and nothing of an article not in English. The corpus stage folds
those results into the store's entities and quotes; an article whose result is not cached (a
run killed after storing it) is analysed again from its stored text, so the corpus stage is
complete on its own.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from newsloom.entities.cluster import EntityIndex, merge
from newsloom.entities.extract import LocalEntity, extract, outlet_named, plausible_name
from newsloom.entities.names import gender_of_title
from newsloom.model import Article, Entity, Quote
from newsloom.nlp import bound
from newsloom.quotes.attribute import Attribution, Person, attribute
from newsloom.quotes.match import group
from newsloom.store import Store


@dataclass
class ArticleAnalysis:
    """What the article stage found in one article."""

    article_id: str
    entities: list[LocalEntity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


_PENDING: dict[str, ArticleAnalysis] = {}


def model() -> Any:
    """The selected spaCy pipeline (``newsloom.nlp.selected``: the shipped one unless
    ``--model`` names another), or None (rules only) when it is not installed."""
    from newsloom.nlp import selected

    return _model(selected())


@functools.lru_cache(maxsize=2)
def _model(name: str | None) -> Any:
    from newsloom.nlp import ModelNotFoundError, load

    try:
        return load(name)
    except ModelNotFoundError:
        if name is not None:
            raise  # a model asked for by name must not fall back to rules unnoticed
        return None


def parse(text: str) -> Any:
    """The spaCy Doc of ``text`` (an article's analysed prefix: ``bound``), or None without a model."""
    from newsloom.nlp import parse as parse_by_line

    nlp = model()
    return parse_by_line(nlp, text) if nlp is not None and text else None


def ner_persons(doc: Any) -> list[Person] | None:
    """PERSON mentions from a parse (titles already split off by ``newsloom_titles``)."""
    from newsloom.nlp import finds_entities

    nlp = model()
    if doc is None or nlp is None or not finds_entities(nlp):
        return None  # a parser-only model: the name rules find the people
    out = []
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "PER") and plausible_name(ent.text) and not outlet_named(ent.text):
            title = ent._.title.text if ent.has_extension("title") and ent._.title is not None else None
            out.append(Person(ent.start_char, ent.end_char, ent.text, gender_of_title(title)))
    return out


def analyse(article: Article, doc: Any = None) -> ArticleAnalysis:
    """Quotations, speakers and entities of one article's analysed prefix (``doc``: its
    parse, if any); none of an article not in English."""
    text = bound(article)
    if not text:
        return ArticleAnalysis(article.id)
    atts, persons = attribute(text, ner_persons(doc), doc)
    return ArticleAnalysis(article.id, extract(article, persons, doc), atts)


def analyse_parsed(article: Article) -> ArticleAnalysis:
    """:func:`analyse` with the parse of the article's analysed prefix."""
    return analyse(article, parse(bound(article)))


def article_stage(article: Article) -> Article:
    """Article stage: analyse and cache; the article only records how much was analysed."""
    _PENDING[article.id] = analyse_parsed(article)
    return article


def _article_batch(articles: list[Article]) -> list[Article]:
    """:func:`article_stage` over many articles, parsed together (one ``nlp.pipe``)."""
    from newsloom.nlp import parse_many

    nlp = model()
    texts = [bound(a) for a in articles]
    parsed = iter(parse_many(nlp, [t for t in texts if t]) if nlp is not None else [])
    for article, text in zip(articles, texts, strict=True):
        _PENDING[article.id] = analyse(article, next(parsed, None) if text and nlp is not None else None)
    return articles


article_stage.batch = _article_batch  # type: ignore[attr-defined]  # the pipeline's batched form


def take_analysis(article_id: str) -> ArticleAnalysis | None:
    """The analysis the article stage kept for an article, handed over (to the process that
    stores the article)."""
    return _PENDING.pop(article_id, None)


def keep_analysis(article_id: str, analysis: ArticleAnalysis) -> None:
    """Keep an analysis made elsewhere (a worker process) for the corpus stage."""
    _PENDING[article_id] = analysis


def quote_id(article_id: str, start: int, end: int) -> str:
    return "q" + hashlib.sha1(f"{article_id}|{start}|{end}".encode()).hexdigest()[:12]


def narrator_of(article: Article) -> str | None:
    """Who "I" is outside quotation marks: the byline's author, when it names one person."""
    byline = (article.byline or "").strip()
    # several authors: "A, B", "A & B", "A and B", or trafilatura's "A; B"
    if not byline or re.search(r"[,;&]|\band\b|\bstaff\b", byline, re.IGNORECASE):
        return None
    return re.sub(r"^by\s+", "", byline, flags=re.IGNORECASE) or None


def _quotes(article: Article, analysis: ArticleAnalysis, placed: dict[int, Entity]) -> list[tuple[Quote, dict]]:
    """Contract quotes, speakers named by their canonical entity; with their extra data."""
    by_offset: dict[tuple[int, int], Entity] = {}
    for local in analysis.entities:
        if id(local) in placed:
            for m in local.mentions:
                by_offset[(m.start, m.end)] = placed[id(local)]
    out = []
    narrator = narrator_of(article)
    for att in analysis.attributions:
        ent = by_offset.get((att.speaker_start, att.speaker_end)) if att.speaker_start is not None else None
        speaker, role = (ent.name if ent else att.speaker_text), att.role
        if ent is None and speaker == "I" and narrator:  # "“…,” I said": the writer
            speaker, role = narrator, role or "author"
        q = Quote(
            id=quote_id(article.id, att.start, att.end),
            article_id=article.id,
            text=article.text[att.start : att.end],
            start=att.start,
            end=att.end,
            speaker=speaker,
            speaker_entity_id=ent.id if ent else None,
            speaker_role=role,
            cue=att.cue,
            kind=att.kind,
        )
        group = quote_id(article.id, att.group, att.group) if att.group is not None else None
        out.append((q, {"split_group": group, "rule": att.via}))
    return out


def corpus_stage(store: Store, new_ids: list[str]) -> None:
    """Corpus stage: canonical entities across articles, quotes matched across outlets."""
    if not new_ids:
        return
    stored = list(store.entities())
    names_before = {e.id: e.name for e in stored}  # merging renames entities in place
    entities = EntityIndex(stored)
    articles = store.articles_by_ids(new_ids)
    changed: dict[str, Entity] = {}
    absorbed: dict[str, str] = {}  # entity id -> the entity it was merged into
    new_quotes: list[tuple[Quote, dict]] = []
    for article_id in new_ids:
        article = articles.get(article_id)
        if article is None:
            continue
        analysis = _PENDING.pop(article_id, None) or analyse_parsed(article)
        touched, placed, gone = merge(entities, analysis.entities)
        changed.update({e.id: e for e in touched})
        absorbed.update({old: e.id for old, e in gone.items()})
        for old in gone:
            changed.pop(old, None)
        new_quotes += _quotes(article, analysis, placed)
    renamed = {e.id: e.name for e in changed.values()}
    # a merged entity or a changed canonical name follows its quotes; only those are read, so
    # a run costs what it changes, not every quote of every person it mentions again
    follow = set(absorbed) | {i for i, name in renamed.items() if names_before.get(i, name) != name}
    for q in store.quotes_of_speakers(sorted(follow)):
        eid = absorbed.get(q.speaker_entity_id or "", q.speaker_entity_id)
        if eid in renamed and (q.speaker, q.speaker_entity_id) != (renamed[eid], eid):
            q.speaker, q.speaker_entity_id = renamed[eid], eid
            new_quotes.append((q, {}))
    for q, _ in new_quotes:
        if q.speaker_entity_id in absorbed:
            q.speaker_entity_id = absorbed[q.speaker_entity_id]
            q.speaker = renamed.get(q.speaker_entity_id, q.speaker)
    store.delete_entities(list(absorbed))
    store.save_entities(list(changed.values()))
    store.save_quotes(new_quotes)
    group(store, [q for q, _ in new_quotes])


def quote_data(store: Store, quote_id_: str) -> dict:
    """A stored quote's full data (contract fields plus ``diff``, ``split_group``, ``rule``)."""
    row = store.conn.execute("SELECT data FROM quotes WHERE id=?", (quote_id_,)).fetchone()
    return json.loads(row["data"]) if row else {}
