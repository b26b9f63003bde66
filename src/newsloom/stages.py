"""The default stages, in pipeline order. One line per stage; each stage lives in its own module.

Article stages take and return one :class:`~newsloom.model.Article` (NLP, entities, quotes,
dates, figures). Corpus stages run after new articles are stored, over the store and the
new article ids (provenance, stories, timelines, summaries); they must be incremental.
"""

from __future__ import annotations

from newsloom.pipeline_types import ArticleStage, CorpusStage


def article_stages() -> list[ArticleStage]:
    """Per-article stages, run in this order on every new article."""
    from newsloom import attribution  # lazy: loads the spaCy model on first use
    from newsloom.timeline import dates, figures

    return [
        attribution.article_stage,  # parse once; quotes, speakers and entities
        dates.stage,  # temporal expressions, normalised against the publication date
        figures.stage,  # after dates: numbers inside dates are not figures
    ]


def corpus_stages() -> list[CorpusStage]:
    """Corpus stages, run in this order after each analysis run."""
    from newsloom import attribution, digest, provenance, stories  # lazy: heavy imports load only when used

    # stories after provenance: a derived article joins its source's story
    return [attribution.corpus_stage, provenance.stage, stories.stage, digest.stage]
