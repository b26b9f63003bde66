"""HTML pages: trafilatura finds the article and its metadata; the text cleaner moves out only
lines with strong evidence (lexicon furniture, metadata and credit lines, captions).

What trafilatura leaves out (menus, asides, footers, comment forms) is listed in
``removed`` with the reason ``html boilerplate``, so nothing on the page is lost.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

_BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "figure",
    "blockquote", "section", "article", "aside", "nav", "header", "footer", "form", "label",
    "button", "td", "th", "tr", "dt", "dd", "address", "time", "br", "title", "option", "pre",
}
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
# trafilatura warns on every page it finds no article in; newsloom reports that itself (NL009).
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass
class HtmlExtract:
    text: str = ""
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    page_lines: list[str] = field(default_factory=list)


def _visible_lines(root: lxml.html.HtmlElement) -> list[str]:
    """The page's visible text, one line per block element."""
    for bad in root.xpath("|".join(f"//{t}" for t in _INVISIBLE)):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    text = root.text_content()
    return [" ".join(x.split()) for x in text.split("\n") if x.strip()]


def _parse(html: str) -> lxml.html.HtmlElement | None:
    """The page's tree, or None when there is no document to parse."""
    try:
        try:
            return lxml.html.fromstring(html)
        except ValueError:  # a str that still declares its encoding (XHTML's <?xml …?>): parse its bytes
            parser = lxml.html.HTMLParser(encoding="utf-8")
            return lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Article text, metadata, captions and all visible lines of an HTML page."""
    out = HtmlExtract()
    root = _parse(html)
    if root is None:
        return out
    out.captions = [
        " ".join(c.text_content().split())
        for c in root.xpath("//figcaption")
        if c.text_content().strip()
    ]
    # trafilatura's default balance of precision and recall, tables included: it scores best
    # on its own evaluation, and newsloom's lexicon then trims the furniture it lets through.
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, deduplicate=False,
    )
    if doc is not None:
        # NFC as trafilatura's own extract() returns it: decomposed accents would not match.
        out.text = unicodedata.normalize("NFC", doc.text or "")
        out.title = doc.title or None
        out.byline = doc.author or None
        out.published = doc.date or None
        out.site = doc.sitename or doc.hostname or None
        out.url = doc.url or url
        out.language = doc.language or None
    out.page_lines = _visible_lines(root)
    return out
