"""The interface every ingest source implements."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from newsloom.errors import NewsloomError
from newsloom.model import RawDocument, Rejection


class Source(Protocol):
    """Something that turns a target (path, URL…) into documents."""

    def claims(self, target: str) -> bool:
        """True when this source knows how to read ``target``."""
        ...

    def read(self, target: str) -> Iterator[RawDocument | Rejection]:
        """Yield every document in ``target``; never raise for one bad document."""
        ...


def reject(source: str, err: NewsloomError) -> Rejection:
    return Rejection(source=source, reason=err.reason, code=err.code)
