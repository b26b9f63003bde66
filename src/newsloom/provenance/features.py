"""Cheap text features shared by provenance and stories: words, figures, proxy entities.

No NLP model is needed: capitalised word runs stand in for entities, digits for figures.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from newsloom.lang.en.calendar import MONTHS, WEEKDAYS
from newsloom.lang.en.titles import TITLE_ABBREVIATIONS
from newsloom.lang.en.words import CLITIC_HOSTS, SENTENCE_OPENERS, STOPWORDS

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ0-9][\w'’\-]*")
_NUMBER_RE = re.compile(r"\d[\d,.]*")
_CAP_RUN_RE = re.compile(r"(?:[A-Z][\w'’\-]*|[A-Z]\.)(?:\s+(?:of\s+|de\s+)?(?:[A-Z][\w'’\-]*|[A-Z]\.))*")
# Capitalised words that start sentences or name weekdays/months carry no identity, nor
# titles before a name ("Sen. Ada Moor" gives "Sen" and "Ada Moor"). "St" opens place
# names; "Capt", "Adm" and "Maj" were never listed (adding them changes proxy entities,
# and with them provenance and story decisions).
_NOT_ENTITY = STOPWORDS | SENTENCE_OPENERS | {w.lower() for w in (*WEEKDAYS, *MONTHS)} | {
    a.lower() for a in TITLE_ABBREVIATIONS if a not in ("St", "Capt", "Adm", "Maj")
}
# A pronoun with its clitic ("He's", "I've", "They'll") is a function word too ("May's"
# stays: a possessive name).
_CLITIC_RE = re.compile(r"'(?:s|ve|ll|re|d|m)$")


def _function_word(token: str) -> bool:
    t = token.lower().strip(".")
    return t in _NOT_ENTITY or _CLITIC_RE.sub("", t) in CLITIC_HOSTS


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD_RE.findall(text)]


def content_words(text: str) -> list[str]:
    """Lower-cased words minus function words."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def numbers(text: str) -> set[str]:
    return {n.rstrip(".,").replace(",", "") for n in _NUMBER_RE.findall(text)}


def entities(text: str) -> set[str]:
    """Proxy entities: runs of capitalised words, minus sentence-initial function words."""
    out: set[str] = set()
    for m in _CAP_RUN_RE.finditer(text):
        toks = m.group().replace("’", "'").split()
        while toks and _function_word(toks[0]):
            toks.pop(0)
        while toks and _function_word(toks[-1]):
            toks.pop()
        name = " ".join(toks).removesuffix("'s")
        if len(name) > 1:
            out.add(name)
    return out


def shingles(tokens: list[str], k: int) -> set[str]:
    """Word k-grams (the whole text when shorter)."""
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


def h32(item: str) -> int:
    """A stable 32-bit hash (Python's own ``hash`` is salted per process)."""
    return zlib.crc32(item.encode("utf-8"))


def hashed(items: Iterable[str]) -> set[int]:
    return {h32(i) for i in items}
