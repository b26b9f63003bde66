"""Local files and directories: ``.txt``, ``.html``/``.htm``, ``.json``, ``.jsonl`` and feeds.

Line formats (JSONL) stream record by record in constant memory, whatever the file's
size: the size limit applies to each record. Other files are read whole, within the limit.

A document that names no site or URL of its own (a text or HTML file, a JSON record without
``site`` or ``url``) gets the outlet the nearest ``newsloom.toml`` names for it, else the
source's default (``--site``).
"""

from __future__ import annotations

import codecs
import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO

from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.ingest.decode import MAX_BYTES, decode, decode_page
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


SIDECAR = "newsloom.toml"


@dataclass(frozen=True)
class Sidecar:
    """A folder's ``newsloom.toml``: ``site`` names the outlet of every file in the folder and
    below; ``[sites]`` maps file names or glob patterns (relative to the folder) to outlets."""

    site: str | None = None
    sites: tuple[tuple[str, str], ...] = ()

    def name(self, relative: str) -> str | None:
        """The outlet this sidecar gives the file at ``relative`` (a POSIX path), if any."""
        return next((n for pattern, n in self.sites if fnmatchcase(relative, pattern)), self.site)


def read_sidecar(path: Path) -> Sidecar:
    """Parse a ``newsloom.toml``; a file that cannot be read or says anything else is NL002."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NewsloomError("NL002", f"{SIDECAR}: {exc}") from None
    site, sites = data.pop("site", None), data.pop("sites", {})
    names = [*([] if site is None else [site]), *(sites.values() if isinstance(sites, dict) else [None])]
    if data or not names or not all(_name(n) for n in names):  # a typo must not pass for "no outlet"
        extra = f" (unknown: {', '.join(sorted(data))})" if data else ""
        raise NewsloomError("NL002", f'{SIDECAR}: expected site = "Outlet" and/or [sites] "pattern" = "Outlet"{extra}')
    return Sidecar(site=site and site.strip(), sites=tuple((k, v.strip()) for k, v in sites.items()))


def _name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


class Sidecars:
    """Outlets named by the ``newsloom.toml`` files above each file; each one read once."""

    def __init__(self) -> None:
        self._found: dict[Path, Sidecar | None] = {}

    def site(self, path: Path, root: Path) -> tuple[str | None, list[Rejection]]:
        """The outlet the nearest sidecar naming ``path`` gives it (a deeper one overrides),
        looking no higher than ``root`` (the folder the user named, or a named file's own
        folder: a stray ``newsloom.toml`` in a parent such as the home folder counts for
        nothing), and a rejection for each broken sidecar met for the first time."""
        path, root = path.absolute(), root.absolute()
        bad: list[Rejection] = []
        for folder in [p for p in path.parents if p == root or p.is_relative_to(root)]:
            if folder not in self._found:
                self._found[folder] = None
                sidecar = folder / SIDECAR
                if sidecar.is_file():
                    try:
                        self._found[folder] = read_sidecar(sidecar)
                    except NewsloomError as err:
                        bad.append(reject(str(sidecar), err))
            found = self._found[folder]
            if found and (name := found.name(path.relative_to(folder).as_posix())):
                return name, bad
        return None, bad


def _named(item: RawDocument | Rejection, site: str | None) -> RawDocument | Rejection:
    """``item`` with ``site`` as its outlet when it names none of its own (no site, no URL)."""
    if site and isinstance(item, RawDocument) and not item.site and not item.url:
        return replace(item, site=site)
    return item


def accepts(path: Path) -> bool:
    """A file type newsloom reads (WARC archives included)."""
    return path.suffix.lower() in SUFFIXES or is_warc(path)


def walk(folder: Path) -> Iterator[Path]:
    """The inputs inside ``folder``, recursively in sorted order: files of a type newsloom
    reads, and links to nothing of such a name (an input lost); hidden files and folders
    are skipped."""
    for child in sorted(folder.rglob("*")):
        if any(p.startswith(".") for p in child.relative_to(folder).parts) or not accepts(child):
            continue
        if child.is_file() or (child.is_symlink() and not child.exists()):
            yield child


class FileSource:
    """Reads local paths; a directory is walked recursively in sorted order.

    Inside a directory, hidden files and files of other types (a README, a JSON
    manifest) are skipped; a file named explicitly must be of a known type. ``site`` is the
    outlet of documents that neither name their own nor have one from a ``newsloom.toml``.
    """

    def __init__(self, max_bytes: int = MAX_BYTES, site: str | None = None) -> None:
        self.max_bytes = max_bytes
        self.site = site
        self.sidecars = Sidecars()

    def claims(self, target: str) -> bool:
        return "://" not in target

    def read(self, target: str) -> Iterator[RawDocument | Rejection]:
        path = Path(target)
        if path.is_dir():
            for child in walk(path):
                if child.is_file():
                    yield from self.read_file(child, path)
                else:  # a link to nothing is an input lost
                    yield reject(str(child), NewsloomError("NL001", f"{child} (broken link)"))
        elif path.exists():
            yield from self.read_file(path)
        else:
            broken = " (broken link)" if path.is_symlink() else ""
            yield reject(target, NewsloomError("NL001", f"{target}{broken}"))

    def read_file(self, path: Path, root: Path | None = None) -> Iterator[RawDocument | Rejection]:
        """The documents of one file; ``root``: the folder the user named it under."""
        site, bad = self.sidecars.site(path, root or path.parent)
        yield from bad
        site = site or self.site
        for item in self._read_file(path):
            yield _named(item, site)

    def _read_file(self, path: Path) -> Iterator[RawDocument | Rejection]:
        name = str(path)
        suffix = path.suffix.lower()
        if is_warc(path):
            yield from read_warc(path)
            return
        if suffix not in SUFFIXES:
            yield reject(name, NewsloomError("NL007", f"{suffix or 'no suffix'}"))
            return
        try:
            if suffix in JSONL_SUFFIXES and not _wide_unicode(path):
                yield from stream_jsonl(name, path, self.max_bytes)
                return
            size = path.stat().st_size
            if size > self.max_bytes:
                raise NewsloomError("NL006", f"{size:,} bytes, limit {self.max_bytes:,}")
            data = path.read_bytes()
            text = (decode_page if suffix in HTML_SUFFIXES else decode)(data, self.max_bytes)
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


def _wide_unicode(path: Path) -> bool:
    """UTF-16/32 text (by its BOM): its lines cannot be split on the byte b"\\n"."""
    with path.open("rb") as f:
        head = f.read(4)
    return head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _field(obj: dict, name: str) -> str | None:
    for key in _ALIASES[name]:
        value = obj.get(key)
        if isinstance(value, list):  # news-please gives authors as a list
            value = ", ".join(str(v) for v in value if v) or None
        if value is not None and str(value).strip():
            return str(value)
    return None


def document_from_json(where: str, obj: object) -> RawDocument | Rejection:
    """A document from one JSON object in newsloom's, news-please's or trafilatura's fields.

    A record with a headline and no body (a feed item without summary, a wire alert, an
    export of headlines) is an article whose text is its headline.
    """
    if not isinstance(obj, dict):
        return reject(where, NewsloomError("NL008", "not a JSON object"))
    text, html = _field(obj, "text"), _field(obj, "html")
    meta = {k: _field(obj, k) for k in _FIELDS}
    if not text and not html:
        if not meta["title"]:
            return reject(where, NewsloomError("NL003", "no 'text', 'html' or 'title' field"))
        text = meta["title"]
    return RawDocument(source=where, text=text, html=None if text else html, **meta)


def _record(where: str, line: str) -> RawDocument | Rejection:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return reject(where, NewsloomError("NL008", exc.msg))
    return document_from_json(where, obj)


def parse_jsonl(name: str, text: str) -> Iterator[RawDocument | Rejection]:
    """One article per line: ``text`` or ``html`` (or only a ``title``), plus optional metadata."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _record(f"{name}#{lineno}", line)


def _skip_line(f: BinaryIO, chunk: int = 1 << 20) -> int:
    """Read past the rest of an over-long line; the bytes skipped."""
    skipped = 0
    while True:
        part = f.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def stream_jsonl(name: str, path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """:func:`parse_jsonl` over a file of any size, one record in memory at a time.

    A record over ``max_bytes`` is rejected (NL006) and reading goes on at the next line.
    """
    with path.open("rb") as f:
        lineno = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                return
            lineno += 1
            where = f"{name}#{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(f)
                yield reject(where, NewsloomError("NL006", f"record of {size:,} bytes, limit {max_bytes:,}"))
                continue
            if not raw.strip():
                continue
            try:
                line = decode(raw, max_bytes)
            except NewsloomError as err:
                yield reject(where, err)
                continue
            yield _record(where, line)


def parse_json(name: str, text: str) -> Iterator[RawDocument | Rejection]:
    """A JSON file holding one article object or a list of them (news-please, trafilatura)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield reject(name, NewsloomError("NL016", f"{exc.msg} at line {exc.lineno}"))
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, start=1):
        yield document_from_json(name if len(items) == 1 else f"{name}#{i}", obj)
