"""RSS and Atom feeds (feedparser): one document per entry.

Each entry becomes a document from its own content (full text when the feed carries it,
else the headline and summary: short items are news too). When a ``fetch`` function is
given, the entry's link is fetched for the full article instead, falling back to the
entry's own content if the page cannot be had.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

import feedparser

from newsloom.clean import site_of
from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.model import RawDocument, Rejection

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


def looks_like_feed(text: str, content_type: str = "") -> bool:
    ct = content_type.lower()
    if any(k in ct for k in ("rss", "atom")):
        return True
    return bool(_FEED_START.match(text[:2000]))


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def feed_site(feed: Any) -> str | None:
    """The outlet of a feed's entries that have no link: its own link's host, else its title.

    A feed's title names the feed ("Bay Wire - Latest"), not the outlet, so an entry with a
    link gets no site here: like any page, it is known by the page's own name or its host.
    """
    return site_of(RawDocument(source="", url=feed.get("link"))) or feed.get("title")


def _entry_document(feed_name: str, index: int, entry: Any, site: str | None) -> RawDocument | None:
    content = entry.get("content") or []
    body = max((c.get("value", "") for c in content), key=len, default="") or entry.get("summary", "")
    title = entry.get("title")
    if not body.strip() and not title:
        return None
    link = entry.get("link")
    is_html = "<" in body
    head = escape(title or "")
    return RawDocument(
        source=link or f"{feed_name}#{index}",
        html=f"<html><head><title>{head}</title></head><body><article><h1>{head}</h1>"
        f"<div>{body}</div></article></body></html>" if is_html else None,
        text=None if is_html else "\n\n".join(x for x in (title, body) if x),
        title=title,
        url=link,
        published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        site=None if link else site,
        byline=entry.get("author"),
    )


def parse_feed(
    name: str, text: str, fetch: Callable[[str], RawDocument] | None = None
) -> Iterator[RawDocument | Rejection]:
    """Documents for every entry of the feed ``text`` read from ``name``."""
    parsed = feedparser.parse(text)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        yield reject(name, NewsloomError("NL015", str(parsed.get("bozo_exception", "no entries"))[:120]))
        return
    site = feed_site(parsed.feed)
    for i, entry in enumerate(parsed.entries, start=1):
        doc = _entry_document(name, i, entry, site)
        link = entry.get("link")
        if fetch and link:
            try:
                page = fetch(link)
            except NewsloomError as err:
                if doc is None:
                    yield reject(link, err)
                    continue
            else:
                page.title = page.title or entry.get("title")
                page.published = page.published or (doc.published if doc else None)
                page.byline = page.byline or entry.get("author")
                yield page
                continue
        if doc is None:
            yield reject(f"{name}#{i}", NewsloomError("NL003", "feed entry without title or content"))
        else:
            yield doc
