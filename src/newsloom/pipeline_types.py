"""The stage signatures, apart from the pipeline so stage modules can import them freely."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from newsloom.model import Article

if TYPE_CHECKING:
    from newsloom.store import Store

ArticleStage = Callable[[Article], Article]

#: What the article stages found in each article for the corpus stages (entities, quotes),
#: by article id. It travels with the article from the worker to the corpus stages as an
#: argument; an article stored without it (a run killed in between) is analysed again there.
Analyses = Mapping[str, Any]
NOTHING_FOUND: Analyses = MappingProxyType({})


class AnalysingStage(ABC):
    """An article stage that also finds what the corpus stages fold in: it returns each
    article together with its analysis. A pipeline has at most one."""

    @abstractmethod
    def batch(self, articles: list[Article]) -> list[tuple[Article, Any]]:
        """Each article with its analysis, in order (many at once: one ``nlp.pipe``)."""

    def __call__(self, article: Article) -> tuple[Article, Any]:
        return self.batch([article])[0]


#: The article stages of a pipeline, in order.
Stages = list[ArticleStage | AnalysingStage]


class CorpusStage(Protocol):
    """Runs over the store once new articles are in.

    ``new_ids`` are the articles the corpus stages have not finished yet: this run's
    additions, plus any a killed run left pending. A stage must be idempotent for them.
    ``analyses``: what the article stages found in them (:data:`Analyses`).
    """

    def __call__(self, store: Store, new_ids: list[str], analyses: Analyses = NOTHING_FOUND) -> None: ...
