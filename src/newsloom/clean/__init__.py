"""Clean: a :class:`~newsloom.model.RawDocument` in, a clean :class:`~newsloom.model.Article` out."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from newsloom.clean.html import extract_html
from newsloom.clean.lang import guess_language
from newsloom.clean.lines import LineStats
from newsloom.clean.text import clean_text, parse_date
from newsloom.model import Article, RawDocument, RemovedLine

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(text: str) -> str:
    """Drop control characters: they carry no meaning in news and break XML parsers."""
    return _CONTROLS.sub("", text)


def site_of(raw: RawDocument) -> str | None:
    """The site a document belongs to: given, else the URL's host without 'www.'."""
    if raw.site:
        return raw.site
    if raw.url:
        host = urlparse(raw.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def body_lines(raw: RawDocument) -> list[str]:
    """The lines the repetition statistics count (plain text only)."""
    return (raw.text or "").split("\n")


_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)  # "By Ada Kroll" in a feed's or export's field: the name


def clean(raw: RawDocument, stats: LineStats | None = None) -> Article:
    """Clean one document. Never raises for odd content; an empty body is the caller's call."""
    site = site_of(raw)
    title, byline, published, url = raw.title, raw.byline, raw.published, raw.url
    language = None
    captions: list[str] = []
    removed: list[RemovedLine] = []
    if raw.text is not None:
        text = strip_controls(raw.text)
    else:
        page = extract_html(strip_controls(raw.html or ""), url=raw.url)
        text = page.text
        title = title or page.title
        byline = byline or page.byline
        published = published or page.published
        site = raw.site or page.site or site  # the page's own name beats its URL's host
        url = url or page.url
        language = page.language
        captions = list(page.captions)
        kept = {" ".join(x.split()) for x in text.split("\n")} | set(captions)
        kept |= {" ".join((title or "").split())}
        removed = [
            RemovedLine(text=line, reason="html boilerplate", line=i)
            for i, line in enumerate(page.page_lines)
            if line not in kept and not any(line in k for k in kept if len(line) > 20)
        ]
    result = clean_text(text, title_hint=title, site=site, stats=stats, extracted=raw.text is None)
    captions += [c for c in result.captions if c not in captions]
    if published and len(published) > 10:
        published = parse_date(published) or published[:10]
    return Article(
        id="",
        source=raw.source,
        fingerprint=raw.fingerprint,
        title=result.title,
        byline=_BY.sub("", byline or result.byline or "") or None,
        published=published or result.published,
        site=site,
        url=url,
        fetched=raw.fetched,
        dateline=result.dateline,
        credited_source=result.credited_source,
        cited_outlets=result.cited_outlets,
        language=language or guess_language(result.text),
        text=result.text,
        captions=captions,
        removed=removed + result.removed,
    )


__all__ = ["LineStats", "body_lines", "clean", "site_of"]
