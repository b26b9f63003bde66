"""The default stages, in pipeline order. One line per stage; each stage lives in its own module.

Article stages take and return one :class:`~newsloom.model.Article` (NLP, entities, quotes,
dates, figures). Corpus stages run after new articles are stored, over the store and the
new article ids (provenance, stories, timelines, summaries); they must be incremental.
"""

from __future__ import annotations

from newsloom.pipeline_types import ArticleStage, CorpusStage


def article_stages() -> list[ArticleStage]:
    """Per-article stages, run in this order on every new article."""
    return []


def corpus_stages() -> list[CorpusStage]:
    """Corpus stages, run in this order after each analysis run."""
    return []
