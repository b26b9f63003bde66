"""View models: plain, JSON-ready dicts built from a :class:`~newsloom.model.Result`.

The web app and the one-file report render the same views with the same templates; the web
app's JSON API returns them as they are. A view builder gets an :class:`Index` over whatever
part of the store it needs (the web app loads only one story's, article's or entity's
neighbourhood; the report indexes everything) and never touches the store itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from newsloom.clean.sentences import paragraphs
from newsloom.diff import word_runs
from newsloom.lang.en.speech import REPORTING_VERBS
from newsloom.model import (
    Article,
    Derivation,
    Disagreement,
    Entity,
    KeyFigure,
    Quote,
    Result,
    Story,
    TimelineEntry,
)
from newsloom.timeline.words import describe

EXTERNAL = "external:"
PEOPLE_TYPES = ("PERSON", "ORG", "PLACE")
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’)]*|$)")


class Index:
    """Lookups over a Result: by id, quotes by article, derivations by either end, …"""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.articles: dict[str, Article] = {a.id: a for a in result.articles}
        self.entities: dict[str, Entity] = {e.id: e for e in result.entities}
        self.quotes: dict[str, Quote] = {q.id: q for q in result.quotes}
        self.stories: dict[str, Story] = {s.id: s for s in result.stories}
        self.quotes_by_article: dict[str, list[Quote]] = defaultdict(list)
        for q in result.quotes:
            self.quotes_by_article[q.article_id].append(q)
        self.derived_from: dict[str, list[Derivation]] = defaultdict(list)
        self.sources_of: dict[str, list[Derivation]] = defaultdict(list)
        for d in result.derivations:
            self.derived_from[d.derived_id].append(d)
            self.sources_of[d.source_id].append(d)
        self.entities_by_article: dict[str, list[Entity]] = defaultdict(list)
        for e in result.entities:
            for aid in dict.fromkeys([*e.article_ids, *(m.article_id for m in e.mentions)]):
                self.entities_by_article[aid].append(e)
        self.stories_by_article: dict[str, list[Story]] = defaultdict(list)
        for s in result.stories:
            for aid in s.article_ids:
                self.stories_by_article[aid].append(s)


# Small pieces ---------------------------------------------------------------------------------


def own_outlet(article: Article) -> str | None:
    """The outlet that published the article: its site, else its URL's host; None when unknown.

    Never the outlet it credits: a scraper's copy of a wire story is the scraper's.
    """
    if article.site:
        return article.site
    if article.url and (host := urlsplit(article.url).hostname):
        return host.removeprefix("www.")
    return None


def outlet(article: Article | None, fallback: str = "?") -> str:
    """The label a source goes by everywhere (pages, citations, filters, the brief): its own
    outlet, else its file name with its suffix ("notes.txt"), which reads as a file, not as
    an outlet, and sits beside the article's title wherever that is shown."""
    if article is None:
        return fallback
    return own_outlet(article) or PurePath(article.source.split("#")[0]).name or article.id


def credit_note(article: Article) -> str | None:
    """How the outlet an article credits is shown ("credits Coastline Wire"), never as its label."""
    return f"credits {article.credited_source}" if article.credited_source else None


def external_name(source_id: str) -> str:
    return source_id.removeprefix(EXTERNAL)


def article_ref(index: Index, article_id: str) -> dict[str, Any]:
    """Enough about an article to cite and link it."""
    a = index.articles.get(article_id)
    if a is None:
        return {"id": article_id, "outlet": external_name(article_id), "title": None, "published": None,
                "known": False}
    return {"id": a.id, "outlet": outlet(a), "title": a.title, "published": a.published, "known": True}


def paragraph_at(text: str, offset: int) -> int:
    for n, (start, end) in enumerate(paragraphs(text)):
        if offset < end or offset <= start:
            return n
    return 0


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text) if len(w) > 2}


def best_passage(article: Article, sentence: str) -> tuple[int, int] | None:
    """The span of the article sentence closest in words to ``sentence`` (what a citation points at)."""
    want = _words(sentence)
    best, best_score = None, 0.0
    for m in _SENTENCE.finditer(article.text):
        got = _words(m.group())
        if got and want:
            score = len(want & got) / len(want | got)
            if score > best_score:
                best, best_score = (m.start(), m.end()), score
    return best


def diff_segments(old: str, new: str) -> list[dict[str, str]]:
    """Word-by-word difference, spaces and punctuation kept: segments ``{op: same|del|ins, text}``."""
    names = {"=": "same", "-": "del", "+": "ins"}
    return [{"op": names[op], "text": "".join(tokens)}
            for op, tokens in word_runs(_TOKEN.findall(old), _TOKEN.findall(new))]


def citation(index: Index, article_id: str, passage: str | None = None) -> dict[str, Any]:
    """A citation: the article and, when a passage is given, the paragraph that carries it."""
    ref = article_ref(index, article_id)
    a = index.articles.get(article_id)
    ref["paragraph"] = None
    if a is not None and passage:
        span = best_passage(a, passage)
        if span:
            ref["paragraph"] = paragraph_at(a.text, span[0])
            ref["passage"] = a.text[span[0]:span[1]].strip()
    return ref


def citations(index: Index, article_ids: list[str], passage: str | None = None) -> list[dict[str, Any]]:
    """The citations of one line, told apart (:func:`told_apart`)."""
    return told_apart([citation(index, i, passage) for i in article_ids])


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def told_apart(cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``cites`` with a ``label`` where one outlet appears more than once on a line (a report
    and its follow-up): its day ("uanewswire.in · 9 Mar"), with the time when the days are
    equal too, or a number when nothing else tells them apart."""
    by_outlet: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(dict)
    for c in cites:  # one article's several citations (a quotation in two parts) share a label
        by_outlet[c["outlet"]].setdefault(c["id"], []).append(c)
    for outlet, articles in by_outlet.items():
        if len(articles) < 2:
            continue
        stamps = [arts[0].get("published") for arts in articles.values()]
        days, times = [_day(p) for p in stamps], [_time(p) for p in stamps]
        whens = [day if day and days.count(day) == 1 else f"{day} {time}" if day and time else None
                 for day, time in zip(days, times, strict=True)]
        for n, (same, when) in enumerate(zip(articles.values(), whens, strict=True), 1):
            for c in same:
                c["label"] = f"{outlet} · {when}" if when and whens.count(when) == 1 else f"{outlet} ({n})"
    return cites


def _day(published: str | None) -> str | None:
    try:
        d = dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None
    return f"{d.day} {_MONTHS[d.month - 1]}"


def _time(published: str | None) -> str | None:
    """"HH:MM" of an ISO timestamp that gives one."""
    t = (published or "")[11:16]
    return t if len(t) == 5 and t[2] == ":" else None


def timeline_item(index: Index, e: TimelineEntry) -> dict[str, Any]:
    """A timeline entry as shown: its date in words, its sentence, its citations; the
    TIMEX3 value only orders it (``sort``), and no internal field becomes a label."""
    return {"date": e.label or describe(e.date) or "undated", "sort": e.date, "kind": e.kind, "text": e.text,
            "citations": citations(index, e.article_ids, e.text or None), "variants": [], "extra": []}


def timeline_view(index: Index, entries: list[TimelineEntry]) -> dict[str, list[dict[str, Any]]]:
    """``timeline`` (the story's own days) and ``background`` (dates before the story), in time order."""
    items = sorted((timeline_item(index, e) for e in entries), key=lambda t: t["sort"] or t["date"])
    return {"timeline": [t for t in items if t.get("kind") != "past"],
            "background": [t for t in items if t.get("kind") == "past"]}


def figure_item(index: Index, f: KeyFigure) -> dict[str, Any]:
    """A key figure as shown: the figure as written and what it measures, cited."""
    shown = str(f.text or f.value or "")
    text = f"{shown} — {f.measure}" if f.measure and f.measure.lower() not in shown.lower() else shown
    return {"date": None, "text": text, "citations": citations(index, f.article_ids, shown or None),
            "variants": [], "extra": []}


# Annotated article text ---------------------------------------------------------------------


def annotate(index: Index, article: Article) -> list[dict[str, Any]]:
    """The article's paragraphs as segments marked with the quote and entity they belong to."""
    text, n = article.text, len(article.text)
    marks: list[tuple[int, int, str, dict[str, Any]]] = []
    for q in index.quotes_by_article.get(article.id, []):
        if 0 <= q.start < q.end <= n:
            marks.append((q.start, q.end, "quote", {"id": q.id, "speaker": q.speaker, "altered": q.altered,
                                                     "kind": q.kind}))
    for e in index.entities_by_article.get(article.id, []):
        for m in e.mentions:
            if m.article_id == article.id and 0 <= m.start < m.end <= n:
                marks.append((m.start, m.end, "entity", {"id": e.id, "type": e.type, "name": e.name}))
    marks.sort(key=lambda m: m[1] - m[0])  # the innermost wins: a partial quote inside reported speech is a quote
    out = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        cuts = {p_start, p_end}
        for s, e, _, _ in marks:
            cuts |= {c for c in (s, e) if p_start < c < p_end}
        bounds = sorted(cuts)
        segments = []
        for s, e in zip(bounds, bounds[1:], strict=False):
            seg: dict[str, Any] = {"text": text[s:e], "quote": None, "entity": None}
            for ms, me, kind, info in marks:
                if ms <= s and e <= me and seg[kind] is None:
                    seg[kind] = info
            segments.append(seg)
        out.append({"number": number, "segments": segments})
    return out


# Provenance graph ------------------------------------------------------------------------------


def _cut(text: str, n: int) -> str:
    """``text`` in at most ``n`` characters, an ellipsis marking a cut (the node's tooltip has it whole)."""
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def graph(index: Index, article_ids: list[str]) -> dict[str, Any]:
    """Nodes (articles and external sources) and derivation edges, laid out in layers.

    Sources sit above what was derived from them: a node's layer is its longest chain of
    sources (networkx topological generations; a spring layout if there is a cycle).
    """
    import networkx as nx

    ids = set(article_ids)
    edges = [d for aid in article_ids for d in index.derived_from.get(aid, [])]
    edges += [d for aid in article_ids for d in index.sources_of.get(aid, []) if d.derived_id not in ids]
    edges = [d for d in edges if d.kind != "independent"]
    g = nx.DiGraph()
    g.add_nodes_from(article_ids)
    for d in edges:
        g.add_edge(d.source_id, d.derived_id)
    w, h, node_w, node_h = 190, 96, 170, 48
    pos: dict[str, tuple[float, float]] = {}
    if nx.is_directed_acyclic_graph(g):
        layers = [sorted(layer, key=lambda i: (article_ref(index, i)["published"] or "", i))
                  for layer in nx.topological_generations(g)]
        width = max(len(layer) for layer in layers) if layers else 1
        for row, layer in enumerate(layers):
            offset = (width - len(layer)) * w / 2
            for col, node in enumerate(layer):
                pos[node] = (offset + col * w + 10, row * h + 10)
    else:
        raw = nx.spring_layout(g, seed=7)
        span = max(3, int(len(g) ** 0.5) + 1)
        for node, (x, y) in raw.items():
            pos[node] = ((x + 1) / 2 * span * w + 10, (y + 1) / 2 * span * h + 10)
    nodes = []
    for node, (x, y) in pos.items():
        ref = article_ref(index, node)
        external = node.startswith(EXTERNAL) or not ref["known"]
        nodes.append({"id": node, "x": x, "y": y, "w": node_w, "h": node_h, "external": external,
                      "outlet": _cut(ref["outlet"], 26), "title": _cut(ref["title"] or "", 30),
                      "tip": ref["outlet"] + (f": {ref['title']}" if ref["title"] else ""),
                      "date": ref["published"] or "", "in_story": node in ids})
    lines = []
    for d in edges:
        (x1, y1), (x2, y2) = pos[d.source_id], pos[d.derived_id]
        downward = y2 > y1
        lines.append({
            "source": d.source_id, "derived": d.derived_id, "kind": d.kind, "credited": d.credited,
            "score": round(d.score, 2),
            "x1": x1 + node_w / 2, "y1": y1 + (node_h if downward else 0),
            "x2": x2 + node_w / 2, "y2": y2 + (0 if downward else node_h),
        })
    width = max((x for x, _ in pos.values()), default=0) + node_w + 20
    height = max((y for _, y in pos.values()), default=0) + node_h + 20
    return {"nodes": nodes, "edges": lines, "width": round(width), "height": round(height)}


# Quotes -----------------------------------------------------------------------------------------


def reported_lead(speaker: str | None, cue: str | None) -> str:
    """What introduces reported speech ("Jo Bell said that", "According to Jo Bell,"): an
    ``indirect`` quote is the writer's wording, shown in roman after it, never in quotation marks."""
    who = speaker or "Someone"
    if cue == "according to":
        return f"According to {who},"
    verb = "told …" if cue == "told" else cue or "said"  # the cue keeps no object ("told reporters")
    return f"{who} {verb} that" if (cue or "said") in REPORTING_VERBS else f"{who} {verb}"


def with_carriers(index: Index, quotes: list[Quote]) -> list[Quote]:
    """``quotes`` and then the other copies the index holds of each (``same_as``), once each."""
    found = {q.id: q for q in quotes}
    for q in quotes:
        for other in q.same_as:
            if other in index.quotes:
                found.setdefault(other, index.quotes[other])
    return list(found.values())


def quote_clusters(index: Index, quotes: list[Quote]) -> list[dict[str, Any]]:
    """The same quotation across outlets, one cluster per quotation of ``quotes`` (with the
    copies the index holds of it, in other articles too).

    Each cluster lists every outlet carrying it, earliest first; its ``text`` is the earliest
    wording not flagged altered, and a carrier whose wording differs has a word-by-word
    ``diff`` against it. An ``indirect`` cluster has a ``lead`` ("X said that").
    """
    quotes = with_carriers(index, quotes)
    parent: dict[str, str] = {q.id: q.id for q in quotes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for q in quotes:
        for other in q.same_as:
            if other in parent:
                parent[find(other)] = find(q.id)
    clusters: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        clusters[find(q.id)].append(q)
    out = []

    def dated(q: Quote) -> tuple[bool, str, str]:  # the earliest first; an undated copy after every dated one
        published = article_ref(index, q.article_id)["published"]
        return published is None, published or "", q.article_id

    for members in clusters.values():
        members.sort(key=lambda q: (q.altered, *dated(q)))
        original = members[0].text
        lead = next((q for q in members if q.speaker_entity_id), members[0])
        carriers = told_apart([{**citation(index, q.article_id, q.text), "quote_id": q.id,
                                "altered": q.altered or q.text != original,
                                "diff": diff_segments(original, q.text) if q.text != original else None}
                               for q in sorted(members, key=dated)])
        out.append({"text": original, "kind": lead.kind, "cue": lead.cue, "speaker": lead.speaker,
                    "entity_id": lead.speaker_entity_id, "role": lead.speaker_role,
                    "lead": reported_lead(lead.speaker, lead.cue) if lead.kind == "indirect" else None,
                    "altered": any(c["altered"] for c in carriers), "carriers": carriers})
    return out


def quote_groups(index: Index, quotes: list[Quote]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker, then by the same quote across outlets (:func:`quote_clusters`)."""
    speakers: dict[str, dict[str, Any]] = {}
    for cluster in quote_clusters(index, quotes):
        key = cluster["entity_id"] or (cluster["speaker"] or "").lower() or "?"
        sp = speakers.setdefault(key, {"speaker": cluster["speaker"] or "Unattributed",
                                       "entity_id": cluster["entity_id"], "role": cluster["role"], "quotes": []})
        sp["role"] = sp["role"] or cluster["role"]
        sp["quotes"].append(cluster)
    groups = sorted(speakers.values(), key=lambda s: (s["speaker"] == "Unattributed", -len(s["quotes"]), s["speaker"]))
    for s in groups:
        s["quotes"].sort(key=lambda c: (not c["altered"], -len(c["carriers"])))  # altered first, then most carried
    return groups


# What each kind of disagreement is called on a page.
DISAGREEMENT_KINDS = {"figure": "Figures differ", "name": "Spelled differently", "quote": "Quoted differently",
                      "speaker": "Attributed differently",
                      "date": "Dates differ"}


def disagreement_view(index: Index, d: Disagreement) -> dict[str, Any]:
    """A disagreement as a reader reads it: what it is about, each side with its sources, and
    for two wordings of a quote the words that changed."""
    sides = []
    for side in d.sides:
        value = side.text or side.value
        text = f"{value:g}" if isinstance(value, float) else str(value or "")
        sides.append({"text": text, "citations": citations(index, side.article_ids, text)})
    diff = diff_segments(sides[0]["text"], sides[1]["text"]) if d.kind == "quote" and len(sides) == 2 else None
    return {"label": DISAGREEMENT_KINDS.get(d.kind, "Sources differ"), "about": d.about, "entity_id": d.entity_id,
            "sides": sides, "diff": diff}


KEY_QUOTES = 4


def key_quotes(groups: list[dict[str, Any]], n: int = KEY_QUOTES) -> list[dict[str, Any]]:
    """The story's pull quotes: the attributed direct quotations most outlets carry."""
    found = [(q, sp) for sp in groups if sp.get("entity_id") or sp["speaker"] != "Unattributed"
             for q in sp["quotes"] if q.get("kind") == "direct" and len(q["text"].split()) >= 5]
    found.sort(key=lambda x: -len({c.get("outlet") for c in x[0]["carriers"]}))
    return [{**q, "speaker": sp["speaker"], "entity_id": sp.get("entity_id"), "role": sp.get("role")}
            for q, sp in found[:n]]


# Entities ---------------------------------------------------------------------------------------


def entity_ref(e: Entity, article_ids: set[str] | None = None) -> dict[str, Any]:
    roles = [{"text": r.text, "article_ids": r.article_ids} for r in e.roles
             if article_ids is None or not r.article_ids or set(r.article_ids) & article_ids]
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": [x for x in e.aliases if x != e.name],
            "roles": roles, "articles": len(e.article_ids)}


def entities_for(index: Index, article_ids: list[str]) -> list[dict[str, Any]]:
    """Entities named in these articles, grouped by type (people, organisations, places, other)."""
    ids, seen, by_type = set(article_ids), set(), defaultdict(list)
    for aid in article_ids:
        for e in index.entities_by_article.get(aid, []):
            if e.id not in seen:
                seen.add(e.id)
                by_type[e.type if e.type in PEOPLE_TYPES else "OTHER"].append(entity_ref(e, ids))
    labels = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "OTHER": "Other"}
    return [{"type": t, "label": labels[t], "entities": sorted(by_type[t], key=lambda e: (-e["articles"], e["name"]))}
            for t in labels if by_type.get(t)]


# Pages ------------------------------------------------------------------------------------------


def story_card(index: Index, story: Story) -> dict[str, Any]:
    """A story as the list shows it."""
    arts = [index.articles[i] for i in story.article_ids if i in index.articles]
    dates = sorted(a.published[:10] for a in arts if a.published)
    return {"id": story.id, "title": story.title, "articles": len(story.article_ids),
            "outlets": sorted({outlet(a) for a in arts}), "first": dates[0] if dates else None,
            "last": dates[-1] if dates else None,
            "lead": story.summary[0].text if story.summary else None}


def article_card(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "outlet": outlet(a), "published": a.published, "byline": a.byline}


def story_view(index: Index, story: Story) -> dict[str, Any]:
    """Everything the story page shows; ``key_quotes`` come from ``quotes``."""
    ids = [i for i in story.article_ids]
    quotes = [q for i in ids for q in index.quotes_by_article.get(i, [])]
    articles = []
    for i in ids:
        a = index.articles.get(i)
        if a is None:
            continue
        card = article_card(a)
        card["derived_from"] = [{"source": article_ref(index, d.source_id), "kind": d.kind, "credited": d.credited}
                                for d in index.derived_from.get(i, [])]
        articles.append(card)
    articles.sort(key=lambda c: (c["published"] or "", c["outlet"]))
    view = {
        **story_card(index, story),
        "summary": [{"text": s.text, "citations": citations(index, s.article_ids, s.text)}
                    for s in story.summary],
        **timeline_view(index, story.timeline),
        "figures": [figure_item(index, f) for f in story.figures],
        "disagreements": [disagreement_view(index, d) for d in story.disagreements],
        "graph": graph(index, ids),
        "quotes": quote_groups(index, quotes),
        "entities": entities_for(index, ids),
        "article_list": articles,
    }
    view["key_quotes"] = key_quotes(view["quotes"])
    return view


def alignment(index: Index, d: Derivation) -> dict[str, Any]:
    """A derivation with its aligned passages side by side (source left, this article right)."""
    derived, source = index.articles.get(d.derived_id), index.articles.get(d.source_id)
    pairs = []
    for ds, de, ss, se, sim in d.pairs():
        if derived is None or source is None:
            break
        left, right = source.text[ss:se], derived.text[ds:de]
        if left and right:
            diff = diff_segments(left, right)
            pairs.append({"source": [s for s in diff if s["op"] != "ins"],
                          "derived": [s for s in diff if s["op"] != "del"],
                          "score": None if sim is None else round(float(sim), 2),
                          "same": all(x["op"] == "same" for x in diff)})
    return {"source": article_ref(index, d.source_id), "derived": article_ref(index, d.derived_id),
            "kind": d.kind, "credited": d.credited, "score": round(d.score, 2), "pairs": pairs}


def article_quotes(index: Index, a: Article) -> list[dict[str, Any]]:
    """The article's quotes in text order, each with every outlet carrying it (``carriers``)
    and, where this article's wording differs from the earliest, its ``diff`` against it."""
    own = sorted(index.quotes_by_article.get(a.id, []), key=lambda q: q.start)
    cluster_of = {c["quote_id"]: cluster for cluster in quote_clusters(index, own) for c in cluster["carriers"]}
    out = []
    for q in own:
        cluster = cluster_of[q.id]
        mine = next(c for c in cluster["carriers"] if c["quote_id"] == q.id)
        out.append({"id": q.id, "text": q.text, "speaker": q.speaker, "speaker_entity_id": q.speaker_entity_id,
                    "kind": q.kind, "cue": q.cue, "altered": q.altered, "paragraph": paragraph_at(a.text, q.start),
                    "lead": reported_lead(q.speaker, q.cue) if q.kind == "indirect" else None,
                    "carriers": cluster["carriers"], "original": cluster["text"], "diff": mine["diff"]})
    return out


def article_view(index: Index, a: Article) -> dict[str, Any]:
    """Everything the article page shows."""
    return {
        **article_card(a),
        "source": a.source, "url": a.url, "dateline": a.dateline, "language": a.language,
        "credited_source": a.credited_source, "cited_outlets": a.cited_outlets,
        "paragraphs": annotate(index, a), "captions": a.captions,
        "removed": [r.to_dict() for r in a.removed],
        "quotes": article_quotes(index, a),
        "entities": entities_for(index, [a.id]),
        "sources": [alignment(index, d) for d in index.derived_from.get(a.id, [])],
        "derivatives": [{"article": article_ref(index, d.derived_id), "kind": d.kind, "credited": d.credited}
                        for d in index.sources_of.get(a.id, [])],
        "stories": [{"id": s.id, "title": s.title} for s in index.stories_by_article.get(a.id, [])],
        "dates": [d.to_dict() for d in a.dates],
        "figures": [f.to_dict() for f in a.figures],
    }


def entity_view(index: Index, e: Entity) -> dict[str, Any]:
    """Everything the entity page shows."""
    quotes = [q for q in index.result.quotes if q.speaker_entity_id == e.id]
    article_ids = list(dict.fromkeys([*e.article_ids, *(m.article_id for m in e.mentions)]))
    stories = {s.id: s for aid in article_ids for s in index.stories_by_article.get(aid, [])}
    return {
        **entity_ref(e),
        "roles": [{"text": r.text, "citations": citations(index, r.article_ids, r.text)} for r in e.roles],
        "quotes": quote_groups(index, quotes),
        "stories": [story_card(index, s) for s in stories.values()],
        "article_list": [article_card(index.articles[i]) for i in article_ids if i in index.articles],
        "mentions": len(e.mentions),
    }
