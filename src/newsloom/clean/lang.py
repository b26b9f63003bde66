"""A light language guess from function words and script, enough to flag non-English input."""

from __future__ import annotations

import re

from newsloom.lang.profiles import FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code from function words (Latin script) or script alone, or None if unsure."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    latin = sum(c < "\u0250" for c in letters) / len(letters)
    if latin < 0.5:
        for name, lo, hi in (("ru", "\u0400", "\u04ff"), ("ar", "\u0600", "\u06ff"),
                             ("he", "\u0590", "\u05ff"), ("zh", "\u4e00", "\u9fff")):
            if sum(lo <= c <= hi for c in letters) / len(letters) > 0.5:
                return name
        return None
    tokens = [w.lower() for w in _WORD.findall(sample)]
    if len(tokens) < 5:
        return None
    scores = {lang: sum(t in words for t in tokens) for lang, words in FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] / len(tokens) >= 0.08 else None
