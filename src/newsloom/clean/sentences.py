"""Sentence boundaries for news text, without splitting after "Mr.", "U.S." or "Feb. 13".

A light rule (terminal punctuation, optional closing quote, space, capital or opening
quote) shared by the cleaner, quote attribution and provenance alignment, which need
sentences before — or without — the NLP model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "prof",
    "rev", "fr", "capt", "adm", "maj", "cmdr", "supt", "hon", "sens", "reps", "govs", "gens", "ft", "mt",
    "no", "vs", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
# The word before the stop starts after a space: without the lookbehind, a failed match
# is retried from every character of a long unspaced run (a masked quotation), each time
# scanning to the run's end — quadratic in the run's length.
_SENT_END_RE = re.compile(r"(?<!\S)(\S+)[.!?][\"”’)]?\s+(?=[A-Z“\"])")


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


def sentence_count(text: str) -> int:
    """Sentences in a paragraph."""
    return sum(1 for _ in sentence_ends(text)) + 1
