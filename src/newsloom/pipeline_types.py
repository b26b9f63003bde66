"""The two stage signatures, apart from the pipeline so stage modules can import them freely."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from newsloom.model import Article

if TYPE_CHECKING:
    from newsloom.store import Store

ArticleStage = Callable[[Article], Article]


class CorpusStage(Protocol):
    """Runs over the store once new articles are in.

    ``new_ids`` are the articles the corpus stages have not finished yet: this run's
    additions, plus any a killed run left pending. A stage must be idempotent for them.
    """

    def __call__(self, store: Store, new_ids: list[str]) -> None: ...
