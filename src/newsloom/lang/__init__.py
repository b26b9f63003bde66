"""Language data: the words of a language the rules read, one package a language (``en``),
and ``profiles``, the commonest words of the languages the cleaner tells apart.

Modules there hold plain data (tuples, frozensets, dicts) and the regex sources several
modules share; each rule module builds its own patterns from them. This module holds the
helpers that turn word lists into regex sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set


def trie_regex(words: Set[str]) -> str:
    """An alternation of ``words`` factored as a trie: the regex engine then tests one
    character per step instead of every word at every position."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return body
        return (body if len(alts) == 1 and len(alts[0]) == 1 else f"(?:{body})") + "?"

    return build(trie)


def alternation(words: Iterable[str]) -> str:
    """``words`` as a regex alternation in their order, escaped; a space matches any run of
    white space ("pointed out" also across a line break)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
