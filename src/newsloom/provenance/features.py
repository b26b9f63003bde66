"""Cheap text features shared by provenance and stories: sentences, words, proxy entities.

No NLP model is needed: capitalised word runs stand in for entities, digits for figures.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from newsloom.clean.lexicon import STOPWORDS
from newsloom.clean.sentences import sentence_ends

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ0-9][\w'’\-]*")
_NUMBER_RE = re.compile(r"\d[\d,.]*")
_CAP_RUN_RE = re.compile(r"(?:[A-Z][\w'’\-]*|[A-Z]\.)(?:\s+(?:of\s+|de\s+)?(?:[A-Z][\w'’\-]*|[A-Z]\.))*")
# Capitalised words that start sentences or name weekdays/months carry no identity.
_NOT_ENTITY = STOPWORDS | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "but", "and", "yet", "however", "meanwhile",
    "still", "now", "while", "although", "though", "according", "earlier", "later", "last",
    # titles before a name ("Sen. Ada Moor" gives "Sen" and "Ada Moor")
    "sen", "rep", "gov", "gen", "lt", "col", "sgt", "prof", "rev", "jr", "sr",
}
# A pronoun with its clitic ("He's", "I've", "They'll") is a function word too ("May's"
# stays: a possessive name).
_CLITIC_RE = re.compile(r"'(?:s|ve|ll|re|d|m)$")
_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "that", "there", "here", "what", "who", "let"}


def _function_word(token: str) -> bool:
    t = token.lower().strip(".")
    return t in _NOT_ENTITY or _CLITIC_RE.sub("", t) in _PRONOUNS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, paragraph-aware, using the cleaner's abbreviation rules."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for end in sentence_ends(text, para.start(), para.end()):
            spans.append((start, end))
            start = end
        spans.append((start, para.end()))
    return [(s, _rstrip(text, s, e)) for s, e in spans if text[s:e].strip()]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


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
