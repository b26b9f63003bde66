"""Story digests: cited summary, timeline, merged figures and disagreements, per story.

``stage(store, new_ids)`` is a corpus stage run after stories: for every story holding a
new article it first re-dates the story's undated articles (``undated.py``), then
recomputes the story's ``summary`` (``summary.py``), ``timeline`` (``timeline.py``),
``figures`` and ``disagreements`` (``figures.py``, ``disagreements.py``) and rewrites the
story row. Stories without new articles are left alone, so the stage is incremental; it
recomputes from the stored articles, so it is idempotent.
"""

from __future__ import annotations

from newsloom.digest import disagreements, figures, summary, timeline, undated
from newsloom.digest.common import StoryData, load
from newsloom.model import Story
from newsloom.pipeline_types import NOTHING_FOUND, Analyses
from newsloom.store import Store


def digest(data: StoryData) -> Story:
    """Fill one loaded story's summary, timeline, figures and disagreements."""
    story = data.story
    groups = figures.groups(data)
    story.summary = summary.summarize(data)
    story.timeline, date_conflicts = timeline.build(data)
    story.figures = figures.story_figures(data, groups)
    story.disagreements = (figures.conflicts(data, groups) + disagreements.names(data)
                           + disagreements.quotes(data) + disagreements.speakers(data) + date_conflicts)
    return story


def stage(store: Store, new_ids: list[str], analyses: Analyses = NOTHING_FOUND) -> None:
    """Recompute the digests of the stories the new articles joined."""
    for story_id in sorted(set(store.stories_of(new_ids).values())):
        story = store.story(story_id)
        if story is None:
            continue
        data = load(store, story)
        changed = undated.estimate(data)
        if changed:
            store.update_article_dates(changed)
        store.save_story_digest(digest(data))
