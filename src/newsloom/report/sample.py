"""An invented sample: one story with every section filled, for screenshots, demos and tests.

Riverton's (invented) Old Harbour Bridge closes for repairs: an original report, a
credited copy, an uncredited rewrite with an altered quote and a changed figure, a
rewrite of an external source, and a hostile page full of markup. ``write_store`` puts it
in a SQLite store the way the pipeline's stages would.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsloom.model import (
    Article,
    Derivation,
    Disagreement,
    Entity,
    KeyFigure,
    Mention,
    Quote,
    RemovedLine,
    Result,
    Role,
    Side,
    Story,
    SummarySentence,
    TimelineEntry,
)
from newsloom.store import Store

HOSTILE = '<script>alert("pwned")</script>'

W1 = ("RIVERTON — The Old Harbour Bridge will close for repairs on 10 March, the city council said on Monday.\n\n"
      "“We cannot keep the bridge open safely for another winter,” said Mayor Ilse Brandvik.\n\n"
      "The repairs will cost $12 million and take eight weeks, council engineer Tomas Reyl said.\n\n"
      "“Traffic will be diverted over the Mill Street crossing,” Reyl said.")
W3 = ("The Old Harbour Bridge is to shut on 10 March.\n\n"
      "“We cannot keep the bridge open for one more winter,” Mayor Ilse Brandvik said.\n\n"
      "Repairs will cost $15 million, engineer Tomas Reyl said.")
W4 = ("Riverton's harbour bridge closes next month, cnn-like.example reported.\n\n"
      "The council expects eight weeks of work.")
W5 = (f"Breaking: {HOSTILE} the bridge <img src=x onerror=alert(2)> is closing.\n\n"
      "“<b>Nobody</b> asked us,” said a resident.")


def _quote(qid: str, article: Article, text: str, speaker: str | None, entity: str | None, **kw: object) -> Quote:
    start = article.text.index(text)
    return Quote(id=qid, article_id=article.id, text=text, start=start, end=start + len(text), speaker=speaker,
                 speaker_entity_id=entity, **kw)  # type: ignore[arg-type]


def _mentions(name: str, articles: list[Article]) -> list[Mention]:
    out = []
    for a in articles:
        at = a.text.find(name)
        if at >= 0:
            out.append(Mention(article_id=a.id, start=at, end=at + len(name), text=name))
    return out


def _span(text: str, part: str) -> list[int]:
    at = text.index(part)
    return [at, at + len(part)]


def fixture_result() -> Result:
    """The invented story as a Result (two stories; the second has only empty sections)."""
    w1 = Article(id="w1", source="riverton-post.txt", fingerprint="f1", title="Old Harbour Bridge to close for repairs",
                 byline="Ada Quill", published="2025-03-03", site="Riverton Post", text=W1,
                 removed=[RemovedLine(text="Share this: Facebook Twitter", reason="share prompt", line=9),
                          RemovedLine(text="Related Posts", reason="related links", line=10)])
    w2 = Article(id="w2", source="copy-daily.txt", fingerprint="f2", title="Old Harbour Bridge to close for repairs",
                 published="2025-03-04", site="Copy Daily", credited_source="Riverton Post", text=W1)
    w3 = Article(id="w3", source="buzz-farm.txt", fingerprint="f3", title="Bridge SHUTTING: what you need to know",
                 published="2025-03-04", site="Buzz Farm", text=W3)
    w4 = Article(id="w4", source="echo-times.txt", fingerprint="f4", title="Harbour bridge closure next month",
                 published="2025-02-20", site="Echo Times", credited_source="cnn-like.example", text=W4)
    w5 = Article(id="w5", source="evil.html", fingerprint="f5", title=f"{HOSTILE} Evil headline",
                 published="2025-03-05", site='"><script>alert(3)</script>', byline=HOSTILE, text=W5,
                 removed=[RemovedLine(text=HOSTILE, reason="html boilerplate", line=0)])
    w6 = Article(id="w6", source="ledger.txt", fingerprint="f6", title="Riverton Rovers win the cup",
                 published="2025-03-08", site="Riverton Ledger", text="The Rovers won the cup on Saturday.")
    arts = [w1, w2, w3, w4, w5, w6]
    mayor_q = "“We cannot keep the bridge open safely for another winter,”"
    quotes = [
        _quote("q1", w1, mayor_q, "Ilse Brandvik", "e-brandvik", speaker_role="Mayor", same_as=["q2", "q3"]),
        _quote("q2", w2, mayor_q, "Ilse Brandvik", "e-brandvik", speaker_role="Mayor", same_as=["q1", "q3"]),
        _quote("q3", w3, "“We cannot keep the bridge open for one more winter,”", "Ilse Brandvik", "e-brandvik",
               same_as=["q1", "q2"], altered=True),
        _quote("q4", w1, "“Traffic will be diverted over the Mill Street crossing,”", "Tomas Reyl", "e-reyl",
               speaker_role="council engineer"),
        _quote("q5", w5, "“<b>Nobody</b> asked us,”", HOSTILE, None),
    ]
    entities = [
        Entity(id="e-brandvik", name="Ilse Brandvik", type="PERSON", aliases=["Mayor Brandvik"],
               roles=[Role(text="Mayor of Riverton", article_ids=["w1", "w3"])], article_ids=["w1", "w2", "w3"],
               mentions=_mentions("Ilse Brandvik", [w1, w2, w3])),
        Entity(id="e-reyl", name="Tomas Reyl", type="PERSON", roles=[Role(text="council engineer", article_ids=["w1"])],
               article_ids=["w1", "w2", "w3"], mentions=_mentions("Tomas Reyl", [w1, w2, w3])),
        Entity(id="e-council", name="Riverton City Council", type="ORG", article_ids=["w1", "w4"],
               mentions=_mentions("city council", [w1]) + _mentions("council", [w4])),
        Entity(id="e-bridge", name="Old Harbour Bridge", type="PLACE", article_ids=["w1", "w2", "w3"],
               mentions=_mentions("Old Harbour Bridge", [w1, w2, w3])),
        Entity(id="e-evil", name=HOSTILE, type="PERSON", roles=[Role(text=HOSTILE, article_ids=["w5"])],
               article_ids=["w5"], mentions=_mentions(HOSTILE, [w5])),
    ]
    s1 = "The Old Harbour Bridge will close for repairs on 10 March."
    derivations = [
        Derivation(derived_id="w2", source_id="w1", kind="copy", credited=True, score=1.0,
                   aligned=[[_span(W1, s1[:-1]), _span(W1, s1[:-1]), 1.0]]),
        Derivation(derived_id="w3", source_id="w1", kind="rewrite", credited=False, score=0.71,
                   aligned=[[_span(W3, "The Old Harbour Bridge is to shut on 10 March."),
                             _span(W1, "The Old Harbour Bridge will close for repairs on 10 March"), 0.62],
                            [_span(W3, "Repairs will cost $15 million, engineer Tomas Reyl said."),
                             _span(W1, "The repairs will cost $12 million and take eight weeks, council engineer"
                                       " Tomas Reyl said."), 0.58]]),
        Derivation(derived_id="w4", source_id="external:cnn-like.example", kind="rewrite", credited=True, score=0.5),
        Derivation(derived_id="w5", source_id="w1", kind="partial", credited=False, score=0.3),
    ]
    bridge = Story(
        id="st-bridge", title="Old Harbour Bridge closes for repairs", article_ids=["w1", "w2", "w3", "w4", "w5"],
        summary=[SummarySentence(text=s1, article_ids=["w1", "w3"]),
                 SummarySentence(text="The repairs will cost $12 million and take eight weeks.",
                                 article_ids=["w1", "w2"]),
                 SummarySentence(text=f"A resident complained {HOSTILE}.", article_ids=["w5"])],
        timeline=[TimelineEntry(date="2025-03-10", text="The bridge closes for repairs", kind="future",
                                article_ids=["w1", "w3"]),
                  TimelineEntry(date="2025-03-03", text="The council announces the closure", kind="event",
                                status="resolved", article_ids=["w1"])],
        figures=[KeyFigure(value=12000000.0, unit="USD", measure="repair cost", text="$12 million",
                           article_ids=["w1", "w2"])],
        disagreements=[Disagreement(kind="figure", about="repair cost", sides=[
            Side(value=12000000.0, unit="USD", text="$12 million", article_ids=["w1", "w2"]),
            Side(value=15000000.0, unit="USD", text="$15 million", article_ids=["w3"])])],
    )
    cup = Story(id="st-cup", title="Riverton Rovers win the cup", article_ids=["w6"])
    return Result(articles=arts, entities=entities, quotes=quotes, derivations=derivations, stories=[bridge, cup])


def write_store(result: Result, path: str | Path) -> Path:
    """Write ``result`` into a new store file, every table as the pipeline's stages fill it."""
    with Store(path) as store:
        store.add_articles(result.articles, result.rejected)
        with store.transaction() as c:
            for e in result.entities:
                c.execute("INSERT INTO entities (id, name, type, data) VALUES (?,?,?,?)",
                          (e.id, e.name, e.type, json.dumps(e.to_dict())))
                c.executemany('INSERT INTO mentions (entity_id, article_id, start, "end", text) VALUES (?,?,?,?,?)',
                              [(e.id, m.article_id, m.start, m.end, m.text) for m in e.mentions])
            for q in result.quotes:
                c.execute('INSERT INTO quotes (id, article_id, text, start, "end", speaker, speaker_entity_id, kind,'
                          " data) VALUES (?,?,?,?,?,?,?,?,?)",
                          (q.id, q.article_id, q.text, q.start, q.end, q.speaker, q.speaker_entity_id, q.kind,
                           json.dumps(q.to_dict())))
            for d in result.derivations:
                c.execute("INSERT INTO derivations (derived_id, source_id, kind, credited, score, data)"
                          " VALUES (?,?,?,?,?,?)",
                          (d.derived_id, d.source_id, d.kind, int(d.credited), d.score, json.dumps(d.to_dict())))
            for s in result.stories:
                c.execute("INSERT INTO stories (id, title, data) VALUES (?,?,?)",
                          (s.id, s.title, json.dumps(s.to_dict())))
                c.executemany("INSERT INTO story_articles (story_id, article_id) VALUES (?,?)",
                              [(s.id, a) for a in s.article_ids])
    return Path(path)
