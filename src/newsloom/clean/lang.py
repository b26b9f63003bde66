"""A light language guess from function words and script, enough to flag non-English input."""

from __future__ import annotations

import re

_PROFILES: dict[str, set[str]] = {
    "en": set(
        "the of and to in is that for it with "
        "as was on be by are this from at have".split()
    ),
    "de": set(
        "der die und das ist nicht mit den von "
        "zu sich des auf für ein eine dem im".split()
    ),
    "fr": set(
        "le la les et des est une dans que "
        "pour qui pas sur au du avec il elle".split()
    ),
    "es": set(
        "el la los las y que de en es "
        "por una para con del se no su al lo".split()
    ),
    "it": set(
        "il la di che e è per una "
        "sono con non del della gli le si nel".split()
    ),
    "pt": set(
        "o a os as e que de em é "
        "um uma para com não do da no na se".split()
    ),
    "nl": set(
        "de het een en van is dat op "
        "te in voor niet met zijn aan er".split()
    ),
}
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
    scores = {lang: sum(t in words for t in tokens) for lang, words in _PROFILES.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] / len(tokens) >= 0.08 else None
