"""One renderer, two outputs: the web app's pages and the one-file HTML report.

Jinja2 templates with autoescape on for everything; scraped text is never trusted. Pages
and the report differ only in their :class:`Links` (URLs vs in-page anchors) and in how
the stylesheet arrives (a link vs inline). No page has a script.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from newsloom.model import Result
from newsloom.report import views
from newsloom.version import __version__

HIT_OPEN, HIT_CLOSE = "\ue000", "\ue001"  # search snippet markers (see web.search.Search.query)


def anchor(kind: str, ident: str) -> str:
    """A safe, unique HTML id for a record (``a-…`` article, ``s-…`` story, ``e-…`` entity)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", ident)[:48]
    if slug != ident:
        slug += "-" + hashlib.sha1(ident.encode()).hexdigest()[:6]
    return f"{kind}-{slug}"


class Links:
    """URLs of the web app's pages."""

    report = False

    def home(self, **params: str) -> str:
        query = urlencode({k: v for k, v in params.items() if v})
        return "/" + (f"?{query}" if query else "")

    def story(self, ident: str) -> str:
        return f"/story/{quote(ident, safe='')}"

    def article(self, ident: str, paragraph: int | None = None) -> str:
        frag = f"#{anchor('a', ident)}-p{paragraph}" if paragraph is not None else ""
        return f"/article/{quote(ident, safe='')}{frag}"

    def entity(self, ident: str) -> str:
        return f"/entity/{quote(ident, safe='')}"

    def api(self, kind: str, ident: str) -> str:
        return f"/api/{kind}/{quote(ident, safe='')}"


class ReportLinks(Links):
    """In-page anchors of the one-file report."""

    report = True

    def home(self, **params: str) -> str:
        return "#top"

    def story(self, ident: str) -> str:
        return "#" + anchor("s", ident)

    def article(self, ident: str, paragraph: int | None = None) -> str:
        return "#" + anchor("a", ident) + (f"-p{paragraph}" if paragraph is not None else "")

    def entity(self, ident: str) -> str:
        return "#" + anchor("e", ident)


def marks(snippet: str | None) -> Markup:
    """A search snippet, escaped, with its hit markers turned into ``<mark>``."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>"))


def quoted(text: str | None) -> str:
    """A quotation in marks, unless it already has them."""
    text = (text or "").strip()
    return text if text[:1] in "\"'“‘«„" else f"“{text}”"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsloom.report", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(marks=marks, quoted=quoted)
    env.globals.update(anchor=anchor, version=__version__)
    return env


@cache
def stylesheet() -> str:
    return files("newsloom.report").joinpath("static/newsloom.css").read_text(encoding="utf-8")


def render_page(template: str, links: Links | None = None, **context: Any) -> str:
    """Render a page template (``index.html``, ``story.html``, …) for the web app."""
    return environment().get_template(template).render(links=links or Links(), inline_css=None, **context)


def render_standalone(template: str, **context: Any) -> str:
    """A page that stands alone as a file: the report's stylesheet inline, no links out."""
    return environment().get_template(template).render(links=ReportLinks(), inline_css=Markup(stylesheet()),
                                                       **context)


def render_report(result: Result) -> str:
    """Every story, article and entity of ``result`` in one self-contained page."""
    index = views.Index(result)
    stories = sorted(result.stories, key=lambda s: -len(s.article_ids))
    return render_standalone(
        "report.html",
        stories=[views.story_view(index, s) for s in stories],
        articles=[views.article_view(index, a) for a in result.articles],
        entities=[views.entity_view(index, e) for e in sorted(result.entities, key=lambda e: e.name)],
        rejected=[r.to_dict() for r in result.rejected],
        counts={"articles": len(result.articles), "stories": len(result.stories), "quotes": len(result.quotes),
                "entities": len(result.entities), "derivations": len(result.derivations),
                "rejected": len(result.rejected)},
    )


def write_html(result: Result, path: str | Path) -> None:
    """Write the self-contained report (no scripts, no network) to ``path``."""
    Path(path).write_text(render_report(result), encoding="utf-8")
