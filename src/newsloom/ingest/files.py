"""Local files and directories: ``.txt``, ``.html``/``.htm`` and ``.jsonl``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.ingest.decode import MAX_BYTES, decode
from newsloom.model import RawDocument, Rejection

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_FIELDS = ("id", "title", "url", "published", "site", "byline")


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
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    yield from self.read_file(child)
        elif path.exists():
            yield from self.read_file(path)
        else:
            yield reject(target, NewsloomError("NL001", target))

    def read_file(self, path: Path) -> Iterator[RawDocument | Rejection]:
        name = str(path)
        suffix = path.suffix.lower()
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
        elif suffix in HTML_SUFFIXES:
            yield RawDocument(source=name, html=text)
        else:
            yield RawDocument(source=name, text=text)


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
        if not isinstance(obj, dict):
            yield reject(where, NewsloomError("NL008", "not a JSON object"))
            continue
        body = {k: obj.get(k) for k in ("text", "html")}
        if not any(isinstance(v, str) and v.strip() for v in body.values()):
            yield reject(where, NewsloomError("NL003", "no 'text' or 'html' field"))
            continue
        meta = {k: str(obj[k]) if obj.get(k) is not None else None for k in _FIELDS}
        text_body = body["text"] if isinstance(body["text"], str) and body["text"].strip() else None
        html_body = None if text_body else body["html"]
        yield RawDocument(source=where, text=text_body, html=html_body, **meta)
