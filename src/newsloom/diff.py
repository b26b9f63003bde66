"""Word-level differences between two wordings of a text."""

from __future__ import annotations

import difflib
from collections.abc import Callable


def word_runs(a: list[str], b: list[str], key: Callable[[str], str] | None = None) -> list[tuple[str, list[str]]]:
    """The runs that turn tokens ``a`` into ``b``: ``("=", kept)`` (``b``'s tokens), ``("-",
    dropped)`` and ``("+", added)``, a replacement as a drop then an add; tokens compare by
    ``key`` when one is given."""
    keys_a, keys_b = (a, b) if key is None else ([key(t) for t in a], [key(t) for t in b])
    runs: list[tuple[str, list[str]]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("=", b[j1:j2]))
            continue
        if i2 > i1:
            runs.append(("-", a[i1:i2]))
        if j2 > j1:
            runs.append(("+", b[j1:j2]))
    return runs
