"""Function words of the languages the cleaner tells apart by their commonest words (Latin
script; others are told apart by script alone)."""

from __future__ import annotations

#: The commonest function words of each language, by ISO 639-1 code.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is that for it with "
        "as was on be by are this from at have".split()
    ),
    "de": frozenset(
        "der die und das ist nicht mit den von "
        "zu sich des auf für ein eine dem im".split()
    ),
    "fr": frozenset(
        "le la les et des est une dans que "
        "pour qui pas sur au du avec il elle".split()
    ),
    "es": frozenset(
        "el la los las y que de en es "
        "por una para con del se no su al lo".split()
    ),
    "it": frozenset(
        "il la di che e è per una "
        "sono con non del della gli le si nel".split()
    ),
    "pt": frozenset(
        "o a os as e que de em é "
        "um uma para com não do da no na se".split()
    ),
    "nl": frozenset(
        "de het een en van is dat op "
        "te in voor niet met zijn aan er".split()
    ),
}
