"""Paragraphs and sentence boundaries for news text, without splitting after "Mr.", "U.S."
or "Feb. 13".

A light rule (terminal punctuation, optional closing quote, space, capital or opening
quote) shared by the cleaner, quote attribution and provenance alignment, which need
sentences before — or without — the NLP model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsloom.lang.en.titles import ABBREVIATIONS

_PARA_RE = re.compile(r"[^\n]*\S[^\n]*")
# The word before the stop starts after a space: without the lookbehind, a failed match
# is retried from every character of a long unspaced run (a masked quotation), each time
# scanning to the run's end — quadratic in the run's length.
_SENT_END_RE = re.compile(r"(?<!\S)(\S+)[.!?][\"”’)]?\s+(?=[A-Z“\"])")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: each line with text (the cleaner puts a blank line
    between paragraphs; raw text often has just a line break)."""
    return [(m.start(), m.end()) for m in _PARA_RE.finditer(text)]


def sentence_ends(text: str, lo: int = 0, hi: int | None = None) -> Iterator[int]:
    """Offsets in ``text[lo:hi]`` where a sentence ends (after its trailing space)."""
    hi = len(text) if hi is None else hi
    if 0 < lo < hi and not text[lo - 1].isspace():  # a range that opens mid-word: its first word starts at lo
        yield from (lo + end for end in sentence_ends(text[lo:hi]))
        return
    for m in _SENT_END_RE.finditer(text, lo, hi):
        word = m.group(1).lower().rstrip(".")
        if word in ABBREVIATIONS or "." in word or (len(word) == 1 and word.isalpha()):
            continue
        yield m.end()


def sentence_spans(text: str, lo: int = 0, hi: int | None = None, longest: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text[lo:hi]``, trailing space included, together
    covering it; with ``longest``, one longer than that is cut at spaces (an unpunctuated
    dump is no sentence, and the work per sentence stays bounded)."""
    hi = len(text) if hi is None else hi
    out: list[tuple[int, int]] = []
    start = lo
    for end in [*sentence_ends(text, lo, hi), hi]:
        while longest is not None and end - start > longest:
            cut = text.rfind(" ", start + longest // 2, start + longest)
            cut = cut if cut > start else start + longest
            out.append((start, cut))
            start = cut
        if start < end:
            out.append((start, end))
            start = end
    return out


def text_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, paragraph by paragraph, without trailing
    white space."""
    spans = [span for lo, hi in paragraphs(text) for span in sentence_spans(text, lo, hi)]
    return [(s, _rstrip(text, s, e)) for s, e in spans if text[s:e].strip()]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def sentence_count(text: str) -> int:
    """Sentences in a paragraph."""
    return sum(1 for _ in sentence_ends(text)) + 1
