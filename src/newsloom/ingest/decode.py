"""Bytes to text: BOMs, UTF-8, legacy encodings, and refusal of binary content."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsloom.errors import NewsloomError

MAX_BYTES = 20 * 1024 * 1024  # news pages are far smaller; bigger files are rejected, not parsed

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(head) // 100)


def _western(data: bytes) -> str | None:
    """cp1252 when it fits and leaves accented letters rare, as in English or Western text.

    Detectors easily mistake short cp1252 text for a Central European code page; a text in
    a non-Latin script decoded as cp1252 would be nearly all accented letters instead.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(not c.isascii() for c in letters)
    return text if letters and accented / len(letters) < 0.4 else None


def _detected(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise NewsloomError("NL005", "no encoding fits")
    return str(best)


def _mixed(data: bytes) -> str:
    """Text that is not all UTF-8: UTF-8 lines stay UTF-8 (scraped pages often mix
    encodings); the other lines are decoded with the encoding that fits them together."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
    rest = b"\n".join(line for line, d in zip(lines, decoded, strict=True) if d is None)
    legacy = (_western(rest) or _detected(rest)).split("\n")
    it = iter(legacy)
    return "\n".join(d if d is not None else next(it) for d in decoded)


# <meta charset="gb2312"> or <meta http-equiv="Content-Type" content="text/html; charset=…">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(html: bytes) -> str | None:
    """The encoding an HTML page declares in its head, when Python knows it."""
    m = _META_CHARSET.search(html[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _declared(data: bytes, encoding: str | None) -> str | None:
    if encoding is None or encoding == "utf-8":
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:  # the declaration is wrong: let detection decide
        return None


def decode(data: bytes, max_bytes: int = MAX_BYTES, declared: str | None = None) -> str:
    """Decode input bytes to text or raise a :class:`NewsloomError` saying why not.

    ``declared``: the encoding the document itself declares (an HTML page's ``<meta
    charset>``), used when the bytes are not UTF-8: detectors guess wrong on short pages in
    legacy CJK and Cyrillic encodings, the page's own word rarely is.
    """
    if len(data) > max_bytes:
        raise NewsloomError("NL006", f"{len(data):,} bytes, limit {max_bytes:,}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise NewsloomError("NL005", f"bad {encoding}: {exc.reason}") from None
            break
    else:
        if looks_binary(data):
            raise NewsloomError("NL004", "NUL or control bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _declared(data, declared) or _mixed(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NewsloomError("NL003", "no text")
    return text


def decode_page(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """:func:`decode` for an HTML page, with the encoding the page declares."""
    return decode(data, max_bytes, declared_charset(data))
