"""One self-contained HTML report: no scripts, no network; every scraped string escaped."""

from __future__ import annotations

from html import escape
from pathlib import Path

from newsloom.model import Article, Result

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#555;font-size:.9rem}.tag{background:#eef;border-radius:.3rem;padding:0 .4rem;margin-right:.3rem}
details{margin:.5rem 0}summary{cursor:pointer;color:#555}.removed li{color:#777}
.caption{font-style:italic;color:#444;border-left:3px solid #ccc;padding-left:.6rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
"""


def _article(a: Article) -> str:
    e = escape
    meta = " · ".join(
        e(x) for x in (a.site, a.byline and f"by {a.byline}", a.published, a.dateline) if x
    )
    credit = (
        f'<span class="tag">credits {e(a.credited_source)}</span>' if a.credited_source else ""
    )
    cites = "".join(f'<span class="tag">cites {e(o)}</span>' for o in a.cited_outlets)
    paras = "".join(f"<p>{e(p)}</p>" for p in a.text.split("\n\n"))
    captions = "".join(f'<p class="caption">{e(c)}</p>' for c in a.captions)
    removed = "".join(f"<li>{e(r.text)} — <em>{e(r.reason)}</em></li>" for r in a.removed)
    return (
        f'<section id="a-{e(a.id)}"><h2>{e(a.title or a.source)}</h2>'
        f'<p class="meta">{meta} {credit}{cites}</p>{paras}{captions}'
        f'<details><summary>{len(a.removed)} removed lines</summary>'
        f'<ul class="removed">{removed}</ul></details>'
        f'<p class="meta">source: {e(a.source)}</p></section>'
    )


def render(result: Result) -> str:
    rejected = "".join(
        f"<tr><td>{escape(r.source)}</td><td>{escape(r.reason)}</td></tr>" for r in result.rejected
    )
    body = "".join(_article(a) for a in result.articles)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>newsloom report</title><style>{_CSS}</style></head><body>"
        f"<h1>newsloom report</h1><p class=meta>{len(result.articles)} articles, "
        f"{len(result.stories)} stories, {len(result.quotes)} quotes, "
        f"{len(result.rejected)} rejected inputs</p>{body}"
        + (f"<h2>Rejected inputs</h2><table>{rejected}</table>" if rejected else "")
        + "</body></html>"
    )


def write_html(result: Result, path: str | Path) -> None:
    Path(path).write_text(render(result), encoding="utf-8")
