"""Entities and quotes: one article stage (parse once, attribute, extract) and one corpus
stage (one canonical entity across articles, the same quotation across outlets).

The article stage (:class:`Analyser`) parses each article once with the chosen model (rules
alone when the shipped one is absent), finds quotations with their speakers and the entities
the article names, and returns them with the article as its analysis: articles carry no parse
or entity fields. Both read only the analysed prefix of a very long text
(``newsloom.nlp.bound``), and nothing of an article not in English. The corpus stage gets
those analyses as an argument and folds them into the store's entities and quotes; an article
without one (a run killed after storing it) is analysed again from its stored text, so the
corpus stage is complete on its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from newsloom.entities.cluster import EntityIndex, entity_keys, merge
from newsloom.entities.extract import LocalEntity, extract, outlet_named, plausible_name
from newsloom.entities.names import gender_of_title
from newsloom.entities.tables import EntityKeys
from newsloom.model import Article, Entity, Quote
from newsloom.nlp import bound, common_words
from newsloom.pipeline_types import NOTHING_FOUND, Analyses, AnalysingStage
from newsloom.quotes.attribute import Attribution, Person, attribute
from newsloom.quotes.match import group
from newsloom.quotes.rank import shipped
from newsloom.store import Store


@dataclass
class ArticleAnalysis:
    """What the article stage found in one article."""

    article_id: str
    entities: list[LocalEntity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)


def _model(name: str | None) -> Any:
    from newsloom.nlp import ModelNotFoundError, load

    try:
        return load(name)
    except ModelNotFoundError:
        if name is not None:
            raise  # a model asked for by name must not fall back to rules unnoticed
        return None


def ner_persons(doc: Any, nlp: Any) -> list[Person] | None:
    """PERSON mentions from a parse (titles already split off by ``newsloom_titles``)."""
    from newsloom.nlp import common_words, finds_entities
    from newsloom.nlp.components import titles_by_end

    if doc is None or nlp is None or not finds_entities(nlp):
        return None  # a parser-only model: the name rules find the people
    titles = titles_by_end(doc)
    common = common_words(nlp)
    out = []
    for ent in doc.ents:
        if (ent.label_ in ("PERSON", "PER") and plausible_name(ent.text, "PERSON", common)
                and not outlet_named(ent.text)):
            title = titles.get(ent.start)
            out.append(Person(ent.start_char, ent.end_char, ent.text, gender_of_title(title.text if title else None)))
    return out


class Analyser(AnalysingStage):
    """The article stage: parse each article once with the spaCy pipeline ``model`` (None:
    the shipped one; rules alone when it is absent), then find its quotations with their
    speakers and the entities it names. The pipeline loads once per process, on first use."""

    def __init__(self, model: str | None = None, rank: bool = True) -> None:
        self.model = model
        self.rank = rank  # False: the rules' answers, no ranker, candidates kept (to train one)

    def __repr__(self) -> str:
        return f"Analyser(model={self.model!r}, rank={self.rank!r})"

    @property
    def nlp(self) -> Any:
        return _model(self.model)

    def parse(self, text: str) -> Any:
        """The spaCy Doc of ``text`` (an article's analysed prefix: ``bound``), or None without a model."""
        from newsloom.nlp import parse

        nlp = self.nlp
        return parse(nlp, text) if nlp is not None and text else None

    def analyse(self, article: Article, doc: Any = None) -> ArticleAnalysis:
        """Quotations, speakers and entities of one article's analysed prefix (``doc``: its
        parse, if any); none of an article not in English."""
        text = bound(article)
        if not text:
            return ArticleAnalysis(article.id)
        nlp = self.nlp
        atts, persons = attribute(text, ner_persons(doc, nlp), doc, shipped() if self.rank else None)
        if self.rank:  # the candidates served the choice; they would only travel back from a worker
            for att in atts:
                att.candidates = []
        common = common_words(nlp) if nlp is not None else frozenset()
        speakers = [(a.speaker_start, a.speaker_end) for a in atts if a.speaker_start is not None]
        speakers += [span for a in atts for span in a.also]  # "Okafor and Balogun said"
        return ArticleAnalysis(article.id, extract(article, persons, doc, common, speakers), atts)

    def batch(self, articles: list[Article]) -> list[tuple[Article, ArticleAnalysis]]:
        """Each article with its analysis; the articles are parsed together (one ``nlp.pipe``)."""
        from newsloom.nlp import parse_many

        nlp = self.nlp
        texts = [bound(a) for a in articles]
        parsed = iter(parse_many(nlp, [t for t in texts if t]) if nlp is not None else [])
        return [(a, self.analyse(a, next(parsed, None) if text and nlp is not None else None))
                for a, text in zip(articles, texts, strict=True)]


def analyse_parsed(article: Article, model: str | None = None) -> ArticleAnalysis:
    """The analysis of one article, parsed with ``model`` (see :class:`Analyser`)."""
    return Analyser(model)(article)[1]


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
        # "X and Y called it “…”": both, in the text's order, as (entity id, name)
        label = sorted([(att.speaker_start or 0, ent.id if ent else None, speaker or ""),
                        *((m[0], by_offset[m].id, by_offset[m].name) if m in by_offset
                          else (m[0], None, article.text[m[0] : m[1]]) for m in att.also)])
        speaker = joined([name for _, _, name in label]) if speaker and att.also else speaker
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
        # the co-speakers' ids are set by the corpus stage, from LABEL, once entities are merged
        extra: dict[str, Any] = {"split_group": group, "rule": att.via, "co_speaker_entity_ids": []}
        if att.also:
            extra[LABEL] = [(eid, name) for _, eid, name in label]
        out.append((q, extra))
    return out


#: The co-speakers' (entity id, name) behind a joined speaker, until the corpus stage names them
LABEL = "_label"


def joined(names: list[str]) -> str:
    """ "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def corpus_stage(store: Store, new_ids: list[str], analyses: Analyses = NOTHING_FOUND, *,
                 model: str | None = None) -> None:
    """Corpus stage: canonical entities across articles, quotes matched across outlets.
    ``analyses``: the article stage's, by article id; an article without one (stored by a
    run killed before this stage) is parsed again with ``model``."""
    if not new_ids:
        return
    keyed = EntityKeys(store, entity_keys)
    entities = EntityIndex(stored=keyed)  # reads the stored entities the new articles' names could join
    articles = store.articles_by_ids(new_ids)
    changed: dict[str, Entity] = {}
    absorbed: dict[str, str] = {}  # entity id -> the entity it was merged into
    new_quotes: list[tuple[Quote, dict]] = []
    for article_id in new_ids:
        article = articles.get(article_id)
        if article is None:
            continue
        analysis = analyses.get(article_id) or analyse_parsed(article, model)
        touched, placed, gone = merge(entities, analysis.entities)
        changed.update({e.id: e for e in touched})
        absorbed.update({old: e.id for old, e in gone.items()})
        for old in gone:
            changed.pop(old, None)
        new_quotes += _quotes(article, analysis, placed)
    renamed = {e.id: e.name for e in changed.values()}
    # a merged entity or a changed canonical name follows its quotes; only those are read, so
    # a run costs what it changes, not every quote of every person it mentions again
    follow = set(absorbed) | {i for i, name in renamed.items() if entities.names_read.get(i, name) != name}
    for q in store.quotes_of_speakers(sorted(follow)):
        eid = absorbed.get(q.speaker_entity_id or "", q.speaker_entity_id)
        if eid not in renamed:
            continue
        old = entities.names_read.get(q.speaker_entity_id or "")
        name = q.speaker.replace(old, renamed[eid], 1) if q.speaker and old and old in q.speaker else renamed[eid]
        if (q.speaker, q.speaker_entity_id) != (name, eid):  # "X and Y": X renamed, Y kept
            q.speaker, q.speaker_entity_id = name, eid
            new_quotes.append((q, {}))
    for q, extra in new_quotes:
        if q.speaker_entity_id in absorbed:
            q.speaker_entity_id = absorbed[q.speaker_entity_id]
            q.speaker = renamed.get(q.speaker_entity_id, q.speaker)
        if label := extra.pop(LABEL, None):  # co-speakers: each under its final entity and name
            ids = [absorbed.get(eid, eid) if eid else None for eid, _ in label]
            q.speaker = joined([renamed.get(eid, name) if eid else name for eid, (_, name) in zip(ids, label,
                                                                                                 strict=True)])
            extra["co_speaker_entity_ids"] = [eid for eid in ids if eid and eid != q.speaker_entity_id]
    with store.transaction():  # an entity and its keys change together
        store.delete_entities(list(absorbed))
        keyed.drop(absorbed)
        store.save_entities(list(changed.values()))
        keyed.put(changed.values(), {i: entities.keys(i) for i in changed})
    store.save_quotes(new_quotes)
    group(store, [q for q, _ in new_quotes])


def quote_data(store: Store, quote_id_: str) -> dict:
    """A stored quote's full data (contract fields plus ``diff``, ``split_group``, ``rule``)."""
    row = store.conn.execute("SELECT data FROM quotes WHERE id=?", (quote_id_,)).fetchone()
    return json.loads(row["data"]) if row else {}
