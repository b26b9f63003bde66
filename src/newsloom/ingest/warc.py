"""WARC and WARC.gz archives (warcio): HTML response records, with their URL and date.

Records are streamed, never loaded whole; each record's payload is capped so that a
decompression bomb or a giant record is rejected on its own while the rest goes on.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.ingest.decode import decode_page
from newsloom.model import RawDocument, Rejection

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_RECORD_BYTES = 10 * 1024 * 1024


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _sniff(path: Path) -> None:
    """Refuse anything whose (decompressed) start is not a WARC or ARC header."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            head = fh.read(64)
    except (OSError, EOFError, zlib.error) as exc:
        raise NewsloomError("NL014", f"{type(exc).__name__}: {exc}") from None
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise NewsloomError("NL014", "no WARC header at the start")


def read_warc(path: Path, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[RawDocument | Rejection]:
    """One document per HTML response record; a broken archive is one rejection."""
    name = str(path)
    records = 0
    try:
        _sniff(path)
    except NewsloomError as err:
        yield reject(name, err)
        return
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                records += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{name}#{url or records}"
                payload = record.content_stream().read(max_record_bytes + 1)
                if len(payload) > max_record_bytes:
                    yield reject(where, NewsloomError("NL006", f"record over {max_record_bytes:,} bytes"))
                    continue
                try:
                    html = decode_page(payload)
                except NewsloomError as err:
                    yield reject(where, err)
                    continue
                yield RawDocument(
                    source=where, html=html, url=url,
                    fetched=record.rec_headers.get_header("WARC-Date"),
                )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
        yield reject(name, NewsloomError("NL014", f"after {records} records: {detail}"))
