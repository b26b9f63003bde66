"""Ingest: turn what the user names (files, directories, URLs, feeds, WARC) into
:class:`~newsloom.model.RawDocument` records, or :class:`~newsloom.model.Rejection` ones.

Sources are pluggable: each is a :class:`Source` that says which targets it claims and
yields documents for them. :func:`iter_documents` asks the registered sources in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsloom.errors import NewsloomError
from newsloom.ingest.base import Source
from newsloom.ingest.decode import MAX_BYTES
from newsloom.ingest.files import FileSource
from newsloom.ingest.web import Fetcher, UrlSource
from newsloom.model import RawDocument, Rejection

# Sources added with :func:`register`, asked before (SOURCES) or after (LATE) the built-in ones.
SOURCES: list[Source] = []
LATE: list[Source] = []


def sources(max_bytes: int = MAX_BYTES, site: str | None = None) -> list[Source]:
    """Every source in the order they are asked; the built-in ones with ``max_bytes`` as their
    size limit (per record for line formats, per file or page for the rest), and ``site`` as
    the outlet of files that name none (see :class:`FileSource`)."""
    return [*SOURCES, UrlSource(Fetcher(max_bytes=max_bytes)), FileSource(max_bytes, site), *LATE]


def register(source: Source, first: bool = True) -> None:
    """Add a source; ``first`` lets it claim targets before the built-in ones."""
    if first:
        SOURCES.insert(0, source)
    else:
        LATE.append(source)


def iter_documents(
    targets: Iterable[str | Path], among: list[Source] | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield a document or a rejection for everything the targets hold, in order."""
    among = sources() if among is None else among
    for target in targets:
        name = str(target)
        source = next((s for s in among if s.claims(name)), None)
        if source is None:
            err = NewsloomError("NL007", name)
            yield Rejection(source=name, reason=err.reason, code=err.code)
            continue
        yield from source.read(name)


__all__ = ["SOURCES", "Source", "iter_documents", "register", "sources"]
