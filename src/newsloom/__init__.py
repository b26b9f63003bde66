"""newsloom: turn a pile of news articles into stories people can trust.

>>> import newsloom
>>> result = newsloom.analyze(["examples/demo"], db="newsloom.db")  # doctest: +SKIP
>>> [a.title for a in result.articles]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newsloom.model import Article, Derivation, Entity, Quote, Rejection, Result, Story
from newsloom.pipeline import Pipeline, RunReport
from newsloom.store import Store
from newsloom.version import __version__


def analyze(paths: Iterable[str | Path], db: str | Path = ":memory:") -> Result:
    """Analyse files, directories and URLs into the store ``db``; return its contents.

    The result covers the whole store, so analysing new articles into an existing file
    extends earlier results. Rejected inputs are in ``result.rejected``.
    """
    with Store(db) as store:
        Pipeline(store).run(paths)
        return store.result()


__all__ = [
    "Article", "Derivation", "Entity", "Pipeline", "Quote", "Rejection", "Result", "RunReport",
    "Store", "Story", "__version__", "analyze",
]
