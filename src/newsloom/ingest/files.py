"""Local files and directories: ``.txt``, ``.html``/``.htm`` and ``.jsonl``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.ingest.decode import MAX_BYTES, decode
from newsloom.ingest.feeds import FEED_SUFFIXES, parse_feed
from newsloom.ingest.warc import is_warc, read_warc
from newsloom.model import RawDocument, Rejection

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | FEED_SUFFIXES
_FIELDS = ("id", "title", "url", "published", "site", "byline")
# Field names of other extractors' JSON output, mapped to newsloom's.
_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "raw_text"),
    "html": ("html", "raw_html"),
    "title": ("title",),
    "url": ("url", "source_url", "source"),
    "published": ("published", "date_publish", "date", "pubdate"),
    "site": ("site", "sitename", "source_domain", "hostname"),
    "byline": ("byline", "author", "authors"),
    "id": ("id", "fingerprint"),
}


def accepts(path: Path) -> bool:
    """A file type newsloom reads (WARC archives included)."""
    return path.suffix.lower() in SUFFIXES or is_warc(path)


class FileSource:
    """Reads local paths; a directory is walked recursively in sorted order.

    Inside a directory, hidden files and files of other types (a README, a JSON
    manifest) are skipped; a file named explicitly must be of a known type.
    """

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes

    def claims(self, target: str) -> bool:
        return "://" not in target

    def read(self, target: str) -> Iterator[RawDocument | Rejection]:
        path = Path(target)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                hidden = any(p.startswith(".") for p in rel)
                if child.is_file() and not hidden and accepts(child):
                    yield from self.read_file(child)
        elif path.exists():
            yield from self.read_file(path)
        else:
            yield reject(target, NewsloomError("NL001", target))

    def read_file(self, path: Path) -> Iterator[RawDocument | Rejection]:
        name = str(path)
        suffix = path.suffix.lower()
        if is_warc(path):
            yield from read_warc(path)
            return
        if suffix not in SUFFIXES:
            yield reject(name, NewsloomError("NL007", f"{suffix or 'no suffix'}"))
            return
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                raise NewsloomError("NL006", f"{size:,} bytes, limit {self.max_bytes:,}")
            text = decode(path.read_bytes(), self.max_bytes)
        except NewsloomError as err:
            yield reject(name, err)
            return
        except OSError as exc:
            yield reject(name, NewsloomError("NL002", exc.strerror or str(exc)))
            return
        if suffix in JSONL_SUFFIXES:
            yield from parse_jsonl(name, text)
        elif suffix in JSON_SUFFIXES:
            yield from parse_json(name, text)
        elif suffix in FEED_SUFFIXES:
            yield from parse_feed(name, text)
        elif suffix in HTML_SUFFIXES:
            yield RawDocument(source=name, html=text)
        else:
            yield RawDocument(source=name, text=text)


def _field(obj: dict, name: str) -> str | None:
    for key in _ALIASES[name]:
        value = obj.get(key)
        if isinstance(value, list):  # news-please gives authors as a list
            value = ", ".join(str(v) for v in value if v) or None
        if value is not None and str(value).strip():
            return str(value)
    return None


def document_from_json(where: str, obj: object) -> RawDocument | Rejection:
    """A document from one JSON object in newsloom's, news-please's or trafilatura's fields."""
    if not isinstance(obj, dict):
        return reject(where, NewsloomError("NL008", "not a JSON object"))
    text, html = _field(obj, "text"), _field(obj, "html")
    if not text and not html:
        return reject(where, NewsloomError("NL003", "no 'text' or 'html' field"))
    meta = {k: _field(obj, k) for k in _FIELDS}
    return RawDocument(source=where, text=text, html=None if text else html, **meta)


def parse_jsonl(name: str, text: str) -> Iterator[RawDocument | Rejection]:
    """One article per line: ``text`` or ``html``, plus optional metadata fields."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield reject(where, NewsloomError("NL008", exc.msg))
            continue
        yield document_from_json(where, obj)


def parse_json(name: str, text: str) -> Iterator[RawDocument | Rejection]:
    """A JSON file holding one article object or a list of them (news-please, trafilatura)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield reject(name, NewsloomError("NL008", exc.msg))
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, start=1):
        yield document_from_json(name if len(items) == 1 else f"{name}#{i}", obj)
