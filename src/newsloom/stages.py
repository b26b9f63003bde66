"""The default stages, in pipeline order. One line per stage; each stage lives in its own module.

Article stages take and return one :class:`~newsloom.model.Article` (NLP, entities, quotes,
dates, figures); the analysing one returns it with what it found for the corpus stages.
Corpus stages run after new articles are stored, over the store, the new article ids and
those analyses (entities, quotes, provenance, stories, timelines, summaries); they must be
incremental. ``model``: the spaCy pipeline that parses (None: the shipped ``en_newsloom``).
"""

from __future__ import annotations

import functools

from newsloom.pipeline_types import CorpusStage, Stages


def article_stages(model: str | None = None) -> Stages:
    """Per-article stages, run in this order on every new article."""
    from newsloom import attribution  # lazy: loads the spaCy model on first use
    from newsloom.timeline import dates, figures

    return [
        attribution.Analyser(model),  # parse once; quotes, speakers and entities
        dates.stage,  # temporal expressions, normalised against the publication date
        figures.stage,  # after dates: numbers inside dates are not figures
    ]


def corpus_stages(model: str | None = None) -> list[CorpusStage]:
    """Corpus stages, run in this order after each analysis run."""
    from newsloom import attribution, digest, provenance, stories  # lazy: heavy imports load only when used
    from newsloom.quotes import match

    # stories after provenance: a derived article joins its source's story; quotations a
    # rewrite rewords join their source's after provenance too
    # the entity stage parses again, with the same model, an article stored without its analysis
    entities = functools.partial(attribution.corpus_stage, model=model)
    return [entities, provenance.stage, match.stage, stories.stage, digest.stage]
