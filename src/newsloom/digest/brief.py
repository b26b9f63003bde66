"""A story brief: the story told as a short article, in Markdown or HTML.

Headline, the cited summary, pull quotes (“…” — Name, role), the timeline, the figures,
the disagreements, then the numbered sources. Every line cites the articles it comes
from as ``[n]``; sources are numbered originals first, and a copy or rewrite is listed
as such under the original it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsloom.digest import digest
from newsloom.digest.common import StoryData, load
from newsloom.digest.timeline import for_brief
from newsloom.model import Disagreement, Story
from newsloom.report.views import credit_note, outlet
from newsloom.store import Store
from newsloom.timeline.words import describe

MAX_QUOTES = 4
PARAGRAPH = 3  # summary sentences per paragraph


@dataclass
class Line:
    text: str
    cites: list[str]
    lead: str = ""  # bold prefix: a date, a figure
    note: str = ""  # after the citations: (past), (announced)…


def pull_quotes(data: StoryData) -> list[Line]:
    """The direct quotes most outlets carry, in their original wording, one per quote."""
    by_id = {q["id"]: q for q in data.quotes}
    seen: set[str] = set()
    ranked = []
    for q in data.quotes:
        if q["id"] in seen or q.get("kind") != "direct" or len(q["text"].split()) < 5:
            continue
        cluster = [by_id[i] for i in [q["id"], *q.get("same_as", [])] if i in by_id]
        seen.update(c["id"] for c in cluster)
        first = min(cluster, key=lambda c: (bool(c.get("altered")), data.order(c["article_id"])))
        ids = data.cite({c["article_id"] for c in cluster})
        ranked.append((-len({data.root(i) for i in ids}), -len(ids), first, ids))
    ranked.sort(key=lambda r: (r[0], r[1]))
    out = []
    for *_, q, ids in ranked[:MAX_QUOTES]:
        who = ", ".join(x for x in (q.get("speaker"), q.get("speaker_role")) if x) or "unattributed"
        out.append(Line(f"“{q['text'].strip()}” — {who}", ids))
    return out


def _sides(d: Disagreement, ref: dict[str, int]) -> str:
    def value(v: Any) -> str:
        return f"{v:g}" if isinstance(v, float) else str(v)
    return " vs ".join(f"{value(s.text or s.value)} {''.join(f'[{ref[i]}]' for i in s.article_ids if i in ref)}"
                       for s in d.sides)


def sections(data: StoryData) -> tuple[list[tuple[str, list[Line]]], list[dict[str, Any]]]:
    """The brief's sections as cited lines, and its numbered sources."""
    story = data.story
    order = data.cite(list(data.articles))
    sources = []
    for n, a_id in enumerate(order, 1):
        a = data.articles[a_id]
        d = data.derivations.get(a_id)
        how = "original"
        if d is not None and d.source_id in data.articles:
            n_source = order.index(d.source_id) + 1
            how = (f"follow-up of [{n_source}] by the same outlet" if d.kind == "update" else
                   f"{d.kind} of [{n_source}], {'credited' if d.credited else 'uncredited'}")
        sources.append({"n": n, "id": a_id, "outlet": outlet(a), "title": a.title or a_id, "url": a.url,
                        "published": a.published, "how": " · ".join(x for x in (how, credit_note(a)) if x)})
    ref = {s["id"]: s["n"] for s in sources}
    summary = [Line(s.text, s.article_ids + s.paraphrased_in) for s in story.summary]
    notes = {"past": "background", "future": "announced"}
    timeline = [Line(e.text, e.article_ids, lead=e.label or describe(e.date) or e.date, note=notes.get(e.kind, ""))
                for e in for_brief(data, story.timeline)]
    figures = [Line(f.measure or "", f.article_ids, lead=f.text) for f in story.figures[:12]]
    disagreements = [Line(_sides(d, ref), [], lead=f"{d.kind}: {d.about}") for d in story.disagreements]
    out = [("Summary", summary), ("Key quotes", pull_quotes(data)), ("Timeline", timeline),
           ("Figures", figures), ("Where the sources disagree", disagreements)]
    return [(t, ls) for t, ls in out if ls], sources


def _prepare(store: Store, story: Story) -> StoryData:
    data = load(store, story)
    if not story.summary:  # a store analysed before digests existed
        digest(data)
    return data


def markdown(store: Store, story: Story) -> str:
    data = _prepare(store, story)
    secs, sources = sections(data)
    ref = {s["id"]: s["n"] for s in sources}

    def cite(ids: list[str]) -> str:
        return "".join(f"[[{ref[i]}]](#src-{ref[i]})" for i in ids if i in ref)

    lines = [f"# {story.title}", "",
             f"*{len(sources)} articles, {len({data.root(i) for i in ref})} independent sources.*", ""]
    for title, items in secs:
        lines += [f"## {title}", ""]
        if title == "Summary":
            for k in range(0, len(items), PARAGRAPH):
                lines += [" ".join(f"{x.text} {cite(x.cites)}" for x in items[k:k + PARAGRAPH]), ""]
            continue
        for x in items:
            lead = f"**{x.lead}** " if x.lead else ""
            note = f" *({x.note})*" if x.note else ""
            bullet = "> " if title == "Key quotes" else "- "
            lines += [f"{bullet}{lead}{x.text} {cite(x.cites)}{note}".rstrip()]
            if title == "Key quotes":
                lines.append("")
        lines.append("")
    lines += ["## Sources", ""]
    for s in sources:
        title = f"[{s['title']}]({s['url']})" if s["url"] else s["title"]
        lines.append(f"{s['n']}. <a id=\"src-{s['n']}\"></a>{s['outlet']}: {title} · "
                     f"{s['published'] or 'undated'} · {s['how']}")
    return "\n".join(lines) + "\n"


def html_page(store: Store, story: Story) -> str:
    """The brief as one self-contained HTML page in the report's style."""
    from newsloom.report.render import render_standalone  # the templates load only when asked

    data = _prepare(store, story)
    secs, sources = sections(data)
    ref = {s["id"]: s["n"] for s in sources}
    return render_standalone("brief.html", title=story.title, sections=secs, sources=sources, ref=ref,
                             independent=len({data.root(i) for i in ref}), per_paragraph=PARAGRAPH)
